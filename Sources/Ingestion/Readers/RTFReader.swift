import Foundation

/// Reads an RTF file (WordPad, TextEdit, older word processors) with `unrtf --html` (Debian
/// unrtf), whose HTML keeps æ, ø and å (its `--text` prints them as `?`), then the HTML reader's
/// extraction: one line per paragraph; title and author from the RTF's `\info` group, the date
/// from its creation time. unrtf runs as a subprocess with a time limit.
struct RTFReader: ArticleReader {
    /// An RTF file that takes longer than this to convert is skipped.
    static let timeout: TimeInterval = 60

    var format: ArticleFormat { .rtf }
    var extensions: [String] { ["rtf"] }
    var signatures: [[UInt8]] { [Self.signature] }

    private static let signature = Array("{\\rtf".utf8)

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        if !input.bytes.starts(with: Self.signature) { throw .extractionFailed("not an RTF file (no {\\rtf header)") }
        let repaired = ReaderInput(bytes: Self.escapingUnicodeFallbacks(input.bytes), file: nil)
        let conversion = try repaired.withFile { path throws(IngestionError) in
            try ExternalTool.run("unrtf", ["--html", path], package: "unrtf", timeout: Self.timeout)
        }
        guard conversion.status == 0 else { throw .extractionFailed("unrtf could not read it (exit \(conversion.status))") }
        let html = String(decoding: conversion.output, as: UTF8.self)
        let page = try HTMLTextExtractor.extract(html, followSourceLines: false)
        var metadata = HTMLReader.metadata(of: page)
        // unrtf writes the \info group's creation time as a comment: <!--creation date: 1 September 2021 -->.
        if let created = html.firstMatch(of: /<!--creation date: ([^<>]*?) -->/) {
            metadata.date = DateNormalizer.normalize(String(created.1))
        }
        // unrtf's line breaks between paragraphs leave empty lines: a line is a paragraph.
        let lines = page.text.split(separator: "\n").filter { $0.contains { !$0.isWhitespace } }
        return ExtractedText(metadata: metadata, text: TextDecoding.normalized(lines.joined(separator: "\n") + "\n"))
    }

    /// unrtf 0.21 drops the letter after a Unicode character whose fallback is a plain character
    /// (`f\u229?r` becomes `få`, as pandoc and others write it), and shows Unicode characters in
    /// the `\info` title as their fallback (`N?r`). Hex escapes (`\'e5`) it reads right, in the
    /// text and the title. So, in a Windows-1252 document (RTF's default), `\uN` for a Latin-1
    /// letter (æ, ø, å, é) is rewritten as its hex escape, its fallback dropped; any other `\uN`
    /// keeps a plain fallback only as a hex escape, which RTF reads the same.
    static func escapingUnicodeFallbacks(_ bytes: [UInt8]) -> [UInt8] {
        let backslash = UInt8(ascii: "\\"), quote = UInt8(ascii: "'"), hex = Array("0123456789abcdef".utf8)
        let header = String(decoding: bytes.prefix(200), as: UTF8.self)
        let windows1252 = !header.contains("\\ansicpg") || header.contains("\\ansicpg1252")
        func escape(_ value: Int) -> [UInt8] { [backslash, quote, hex[value >> 4], hex[value & 0xF]] }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == backslash, index + 1 < bytes.count else {
                output.append(bytes[index])
                index += 1
                continue
            }
            // A control word \uN: the backslash, u, an optional minus, digits, an optional space.
            var end = index + 2
            if bytes[index + 1] == UInt8(ascii: "u") {
                if end < bytes.count, bytes[end] == UInt8(ascii: "-") { end += 1 }
                let digits = end
                while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39, end - digits < 6 { end += 1 }
                if end > digits, let value = Int(String(decoding: bytes[digits..<end], as: UTF8.self)) {
                    if end < bytes.count, bytes[end] == 0x20 { end += 1 }
                    // The fallback: one plain character or one hex escape.
                    var fallback = end
                    if fallback < bytes.count, (0x21...0x7E).contains(bytes[fallback]), ![backslash, 0x7B, 0x7D].contains(bytes[fallback]) {
                        fallback += 1
                    } else if fallback + 3 < bytes.count, bytes[fallback] == backslash, bytes[fallback + 1] == quote {
                        fallback += 4
                    }
                    if windows1252, (0xA0...0xFF).contains(value) {
                        output += escape(value)
                    } else {
                        output += bytes[index..<end]
                        output += fallback == end + 1 ? escape(Int(bytes[end])) : Array(bytes[end..<fallback])
                    }
                    index = fallback
                    continue
                }
            }
            // Any other escape (\\, \{, \'e6, a control word) is copied with the byte after it,
            // so an escaped backslash is never taken for the start of \u.
            output += bytes[index..<(index + 2)]
            index += 2
        }
        return output
    }
}
