import Foundation

/// Reads a Word document (.docx, Office Open XML, and its template and macro-enabled kinds
/// .dotx, .docm, .dotm): the body's paragraphs, one line each, then the footnotes and headers;
/// tracked deletions left out. Title, author and date come from `docProps/core.xml`. The main
/// part is the one `[Content_Types].xml` gives a Word content type (so a spreadsheet named
/// `.docx` is refused, and a file without an extension is taken when it names one). The zip is
/// read bounded (see `ZipArchive`), the XML without network or external entities (see
/// `OfficeXMLDocument`). A password-protected Word file is no zip but an OLE2 compound file
/// holding the encrypted package: it is refused as such.
struct DocxReader: ZipPackageReader {
    var format: ArticleFormat { .docx }
    var extensions: [String] { ["docx", "dotx", "docm", "dotm"] }

    private static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    /// The content types of the main part of a document, a template, and their macro-enabled kinds.
    private static let mainPartTypes: Set<String> = [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ]
    /// An OLE2 compound file (Word 97-2003, or an encrypted Office Open XML package).
    private static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// The stream an encrypted package is kept in, named in the compound file's directory (UTF-16LE).
    private static let encryptedPackageStream: [UInt8] = "EncryptedPackage".utf16.flatMap { [UInt8($0), 0] }
    private static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let markup = OfficeXMLDocument.Markup(
        paragraphs: [.init(word, "p")],
        spaces: [.init(word, "tab"), .init(word, "br"), .init(word, "cr")],
        text: [.init(word, "t")],
        skipped: [.init(word, "del"), .init(word, "delText"), .init(word, "moveFrom"), .init(word, "instrText")])

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        if input.bytes.starts(with: Self.compoundFileSignature) {
            if input.bytes.firstRange(of: Self.encryptedPackageStream) != nil {
                throw .extractionFailed("encrypted Word document (password required)")
            }
            throw .extractionFailed("not a Word 2007+ file (an OLE2 compound file, such as a Word 97-2003 .doc)")
        }
        let archive = try ZipArchive(input.bytes, maximumBytes: input.maximumBytes)
        let main = try Self.mainPart(of: archive) ?? "word/document.xml"
        guard let body = try archive.read(main) else {
            throw .extractionFailed("not a Word document (no \(main) in the zip)")
        }
        var lines = try OfficeXMLDocument(body, part: main).lines(Self.markup)
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

    func recognises(_ package: ZipArchive) throws(IngestionError) -> Bool {
        try Self.mainPart(of: package) != nil
    }

    /// The entry `[Content_Types].xml` gives a Word main part's content type, or nil.
    private static func mainPart(of archive: ZipArchive) throws(IngestionError) -> String? {
        guard let bytes = try archive.read("[Content_Types].xml") else { return nil }
        let overrides = try OfficeXMLDocument(bytes, part: "[Content_Types].xml").attributes(of: .init(contentTypes, "Override"))
        let part = overrides.first { mainPartTypes.contains($0["ContentType"] ?? "") }?["PartName"]
        return part.map { String($0.drop { $0 == "/" }) }
    }
}
