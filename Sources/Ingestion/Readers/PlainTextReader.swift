import Foundation

/// Reads a plain-text article. The first non-empty line is the title; `Forfatter:` (author),
/// `Kilde:` (source) and `Dato:` (date) lines give the other metadata. A formatted man page
/// (`LS(1)  Brugerkommandoer  LS(1)`) takes its title from its NAVN/NAME section instead.
struct PlainTextReader: ArticleReader {
    var format: ArticleFormat { .text }
    var extensions: [String] { ["txt", "text"] }

    /// A file with no extension is read as text unless it looks binary.
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool {
        !TextDecoding.looksBinary(prefix)
    }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let (text, notes) = try input.decodedText()
        let (metadata, titleIsInText) = read(text: text)
        return ExtractedText(metadata: metadata, text: text, titleIsInText: titleIsInText, notes: notes)
    }

    func read(text: String) -> (metadata: ArticleMetadata, titleIsInText: Bool) {
        var metadata = ArticleMetadata()
        if let manTitle = Self.manPageTitle(text) { metadata.title = manTitle }
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n")) {
            if !metadata.title.isEmpty && !Self.mayBeLabelled(rawLine) { continue }
            let line = MetadataText.trimmed(Substring(rawLine))
            guard !line.isEmpty else { continue }
            if metadata.title.isEmpty {
                metadata.title = MetadataText.clean(line.drop(while: { $0 == "#" }))
                continue
            }
            guard let (label, value) = Self.labelled(line) else { continue }
            switch label {
            case "forfatter", "author", "af": metadata.author = metadata.author ?? value
            case "kilde", "source": metadata.source = metadata.source ?? value
            case "dato", "date", "udgivet": metadata.date = metadata.date ?? DateNormalizer.normalize(value)
            default: break
            }
        }
        return (metadata, !metadata.title.isEmpty)
    }

    /// The NAVN/NAME line of a man page formatted as text (`ls - vis mappeindhold`), found in
    /// its first 40 lines.
    static func manPageTitle(_ text: String) -> String? {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 40).prefix(40)
            .lazy.map { MetadataText.trimmed(Substring($0)) }.filter { !$0.isEmpty }
        // The header, `LS(1)  …  LS(1)`: a text whose first line does not end in `)` is passed
        // over before the pattern (which is compiled anew each time) is tried.
        guard let header = lines.first, header.hasSuffix(")"), header.firstMatch(of: /^(\S+)\(\w+\)\s.*\s\1\(\w+\)$/) != nil else {
            return nil
        }
        let head = Array(lines)
        guard let name = head.firstIndex(where: { $0 == "NAVN" || $0 == "NAME" }), name + 1 < head.count else { return nil }
        return MetadataText.nonEmpty(head[name + 1])
    }

    /// Whether a line can be `Label: value` with one of the labels read (all ASCII): after
    /// leading blanks (or any non-ASCII bytes), at most ten ASCII letters, then a colon. A cheap
    /// test on bytes, so long articles are not trimmed line by line.
    private static func mayBeLabelled(_ line: Substring.UTF8View) -> Bool {
        var letters = 0
        for byte in line.drop(while: { $0 >= 0x80 || $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            if byte == UInt8(ascii: ":") { return letters > 0 }
            // An ASCII letter, either case.
            guard letters < 10, (0x61...0x7A).contains(byte | 0x20) else { return false }
            letters += 1
        }
        return false
    }

    /// `Label: value` with a short one-word label.
    private static func labelled(_ line: Substring) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].lowercased()
        guard label.count <= 10, label.allSatisfy(\.isLetter) else { return nil }
        let value = MetadataText.clean(line[line.index(after: colon)...])
        return value.isEmpty ? nil : (label, value)
    }
}

/// Tidies metadata strings: whitespace collapsed, length bounded. A title can be taken from a
/// text's first line, and that line can be the whole text (50 MB): only as much of it is read
/// as the result needs.
enum MetadataText {
    static let maximumLength = 300

    /// `raw` with runs of whitespace as one space and none at either end, cut to
    /// `maximumLength` characters.
    static func clean<S: StringProtocol>(_ raw: S) -> String {
        var collapsed = ""
        var separated = false
        for character in raw {
            if character.isWhitespace {
                separated = !collapsed.isEmpty
                continue
            }
            if separated { collapsed.append(" ") }
            separated = false
            collapsed.append(character)
            // Characters after these cannot change the first `maximumLength` (only the last
            // character can still grow, by combining with the next).
            if collapsed.utf8.count > 4 * maximumLength && collapsed.count > maximumLength + 1 { break }
        }
        return collapsed.count > maximumLength ? String(collapsed.prefix(maximumLength)) : collapsed
    }

    /// `line` without the whitespace and line breaks at either end (as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without copying the line).
    static func trimmed(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !CharacterSet.whitespacesAndNewlines.contains($0) }),
              let last = scalars.lastIndex(where: { !CharacterSet.whitespacesAndNewlines.contains($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    static func nonEmpty<S: StringProtocol>(_ raw: S?) -> String? {
        guard let raw else { return nil }
        let cleaned = clean(raw)
        return cleaned.isEmpty ? nil : cleaned
    }
}
