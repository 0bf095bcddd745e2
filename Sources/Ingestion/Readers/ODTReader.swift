import Foundation

/// Reads an OpenDocument text (.odt, LibreOffice's own format): paragraphs and headings, one line
/// each, then the footnotes (which stand inside paragraphs in the XML); tracked deletions left
/// out. Title, author and date come from `meta.xml`. A file without an extension is taken when
/// its first zip entry is the `mimetype` the format requires.
struct ODTReader: ArticleReader {
    var format: ArticleFormat { .odt }
    var extensions: [String] { ["odt"] }

    private static let mimeType = "application/vnd.oasis.opendocument.text"
    private static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    private static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    private static let meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    private static let markup = OfficeXMLDocument.Markup(
        paragraphs: [.init(text, "p"), .init(text, "h")],
        spaces: [.init(text, "s"), .init(text, "tab"), .init(text, "line-break")],
        text: nil,
        skipped: [.init(text, "tracked-changes"), .init(text, "note-citation"), .init(office, "annotation")],
        deferred: [.init(text, "note-body")])

    /// A stored (uncompressed) first entry `mimetype` holding exactly the ODF text MIME type,
    /// as the OpenDocument specification requires of every package.
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(prefix)
        let name = Array("mimetype".utf8), type = Array(Self.mimeType.utf8)
        guard bytes.count >= 38 + type.count, bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let field = { (offset: Int) in Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        let method = field(8), compressedSize = field(18) | field(20) << 16, nameLength = field(26), extraLength = field(28)
        let content = 30 + nameLength + extraLength
        guard method == 0, compressedSize == type.count, nameLength == name.count, bytes[30..<38].elementsEqual(name),
              content + type.count <= bytes.count else { return false }
        return bytes[content..<(content + type.count)].elementsEqual(type)
    }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let archive = try ZipArchive(input.bytes, maximumBytes: input.maximumBytes)
        if let declared = try archive.read("mimetype"), String(decoding: declared, as: UTF8.self) != Self.mimeType {
            throw .extractionFailed("not an OpenDocument text (its mimetype is \(String(decoding: declared.prefix(80), as: UTF8.self)))")
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
