import Foundation

/// Reads an OpenDocument text (.odt, LibreOffice's own format, and its template .ott):
/// paragraphs and headings, one line each, then the footnotes (which stand inside paragraphs in
/// the XML); tracked deletions left out. Title, author and date come from `meta.xml`. The
/// package's `mimetype` entry must name a text (or text template), so a spreadsheet named `.odt`
/// is refused; a file without an extension is taken when that entry says so. A document saved
/// with a password (its manifest lists encryption data) is refused as encrypted.
struct ODTReader: ZipPackageReader {
    var format: ArticleFormat { .odt }
    var extensions: [String] { ["odt", "ott"] }

    private static let mimeTypes: Set<String> = ["application/vnd.oasis.opendocument.text",
                                                 "application/vnd.oasis.opendocument.text-template"]
    private static let manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    private static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    private static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    private static let meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    private static let markup = OfficeXMLDocument.Markup(
        paragraphs: [.init(text, "p"), .init(text, "h")],
        spaces: [.init(text, "s"), .init(text, "tab"), .init(text, "line-break")],
        text: nil,
        skipped: [.init(text, "tracked-changes"), .init(text, "note-citation"), .init(office, "annotation")],
        deferred: [.init(text, "note-body")])

    /// A stored (uncompressed) first entry `mimetype` holding the ODF text MIME type, as the
    /// OpenDocument specification requires of every package.
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool {
        ZipPackage.storedMimeType(prefix).map(Self.mimeTypes.contains) ?? false
    }

    func recognises(_ package: ZipArchive) throws(IngestionError) -> Bool {
        try ZipPackage.mimeType(of: package).map(Self.mimeTypes.contains) ?? false
    }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let archive = try ZipArchive(input.bytes, maximumBytes: input.maximumBytes)
        if let declared = try ZipPackage.mimeType(of: archive), !Self.mimeTypes.contains(declared) {
            throw .extractionFailed("not an OpenDocument text (its mimetype is \(declared))")
        }
        // ODF encrypts the parts itself (not the zip's own encryption), and lists how in the manifest.
        if let manifest = try archive.read("META-INF/manifest.xml"),
           !(try OfficeXMLDocument(manifest, part: "META-INF/manifest.xml").attributes(of: .init(Self.manifest, "encryption-data"))).isEmpty {
            throw .extractionFailed("encrypted document (content.xml is password-protected)")
        }
        guard let content = try archive.read("content.xml") else {
            throw .extractionFailed("not an OpenDocument text (no content.xml in the zip)")
        }
        let lines = try OfficeXMLDocument(content, part: "content.xml").lines(Self.markup)
        let meta = try archive.read("meta.xml").map { bytes throws(IngestionError) in try OfficeXMLDocument(bytes, part: "meta.xml") }
        let metadata = ArticleMetadata(
            title: meta?.firstText(.init(OfficeXMLDocument.dublinCore, "title")) ?? MetadataText.nonEmpty(lines.first) ?? "",
            author: meta?.firstText(.init(Self.meta, "initial-creator")) ?? meta?.firstText(.init(OfficeXMLDocument.dublinCore, "creator")),
            date: meta?.firstText(.init(Self.meta, "creation-date")).flatMap(DateNormalizer.normalize))
        return ExtractedText(metadata: metadata, text: lines.joined(separator: "\n") + "\n")
    }
}
