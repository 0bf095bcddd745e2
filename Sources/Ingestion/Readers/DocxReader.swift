import Foundation

/// Reads a Word document (.docx, Office Open XML): the body's paragraphs, one line each, then
/// the footnotes and headers; tracked deletions left out. Title, author and date come from
/// `docProps/core.xml`. The zip is read bounded (see `ZipArchive`), the XML without network or
/// external entities (see `OfficeXMLDocument`).
struct DocxReader: ArticleReader {
    var format: ArticleFormat { .docx }
    var extensions: [String] { ["docx"] }

    private static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let markup = OfficeXMLDocument.Markup(
        paragraphs: [.init(word, "p")],
        spaces: [.init(word, "tab"), .init(word, "br"), .init(word, "cr")],
        text: [.init(word, "t")],
        skipped: [.init(word, "del"), .init(word, "delText"), .init(word, "moveFrom"), .init(word, "instrText")])

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let archive = try ZipArchive(input.bytes, maximumBytes: input.maximumBytes)
        guard let body = try archive.read("word/document.xml") else {
            throw .extractionFailed("not a Word document (no word/document.xml in the zip)")
        }
        var lines = try OfficeXMLDocument(body, part: "word/document.xml").lines(Self.markup)
        let headers = archive.names.filter { $0.hasPrefix("word/header") && $0.hasSuffix(".xml") }.sorted()
        for part in ["word/footnotes.xml"] + headers {
            if let bytes = try archive.read(part) { lines += try OfficeXMLDocument(bytes, part: part).lines(Self.markup) }
        }
        let core = try archive.read("docProps/core.xml").map { bytes throws(IngestionError) in
            try OfficeXMLDocument(bytes, part: "docProps/core.xml")
        }
        let metadata = ArticleMetadata(
            title: core?.firstText(.init(OfficeXMLDocument.dublinCore, "title")) ?? MetadataText.nonEmpty(lines.first) ?? "",
            author: core?.firstText(.init(OfficeXMLDocument.dublinCore, "creator")),
            date: core?.firstText(.init(OfficeXMLDocument.dublinCoreTerms, "created")).flatMap(DateNormalizer.normalize))
        return ExtractedText(metadata: metadata, text: lines.joined(separator: "\n") + "\n")
    }
}
