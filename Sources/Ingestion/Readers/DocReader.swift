import Foundation

/// Reads a Word 97–2003 document (.doc) with `antiword` (Debian antiword), run as a subprocess
/// with a time limit, so a hostile file cannot hang or crash a run. antiword's DocBook output
/// gives one line per paragraph, and the title, author and date of the document's summary.
/// Taken by extension only: its OLE2 signature is shared with .xls, .ppt and Outlook's .msg.
struct DocReader: ArticleReader {
    /// A document that takes longer than this to convert is skipped.
    static let timeout: TimeInterval = 60

    var format: ArticleFormat { .doc }
    var extensions: [String] { ["doc"] }

    /// DocBook's text elements; only a `chapter`'s text is the document's (the book's own title
    /// repeats the summary).
    private static let markup = OfficeXMLDocument.Markup(
        paragraphs: [.init("", "para"), .init("", "title"), .init("", "entry"), .init("", "term")],
        spaces: [],
        text: [.init("", "chapter")],
        skipped: [])

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let conversion = try input.withFile { path throws(IngestionError) in
            try ExternalTool.run("antiword", ["-m", "UTF-8.txt", "-x", "db", path], package: "antiword", timeout: Self.timeout)
        }
        guard conversion.status == 0 else {
            throw .extractionFailed("not a Word 97-2003 document antiword can read (exit \(conversion.status))")
        }
        let book = try OfficeXMLDocument(Array(conversion.output), part: "antiword's DocBook output")
        let lines = book.lines(Self.markup)
        let field = { (name: String) in book.firstText(.init("", name)).map(Self.undoingDoubleEncoding) }
        let metadata = ArticleMetadata(
            title: field("title") ?? MetadataText.nonEmpty(lines.first) ?? "",
            author: field("author"),
            date: field("date").flatMap(DateNormalizer.normalize))
        return ExtractedText(metadata: metadata, text: TextDecoding.normalized(lines.joined(separator: "\n") + "\n"))
    }

    /// antiword 0.37 writes the summary's title and author encoded twice (`NÃ¥r` for `Når`): UTF-8
    /// read as Latin-1 and written as UTF-8 again. Text that is all Latin-1 characters and whose
    /// bytes are valid UTF-8 is decoded once more; any other text is left as it is.
    static func undoingDoubleEncoding(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.allSatisfy({ $0.value <= 0xFF }), scalars.contains(where: { $0.value >= 0x80 }) else { return text }
        return String(validating: scalars.map { UInt8($0.value) }, as: UTF8.self) ?? text
    }
}
