/// Picks the reader for a file: by a signature its content starts with (a `.txt` that is really
/// a PDF), else by its name's extension, else, for a file with no extension, by what its first
/// bytes look like, else, for a zip without an extension, by the package format its entries
/// name. A file no reader takes is unsupported, and reported as such.
public struct ReaderRegistry: Sendable {
    /// Every reader, in the order `looksLike` is asked.
    public let readers: [any ArticleReader]

    /// The formats peersearch reads. HTML before plain text: a page without an extension looks
    /// like text too.
    public static let standard = ReaderRegistry(readers: [
        HTMLReader(), MarkdownReader(), PDFReader(), DocxReader(), ODTReader(), EPUBReader(), RTFReader(), DocReader(), EMLReader(),
        MboxReader(), PlainTextReader(), ImageReader.png, ImageReader.jpeg, ImageReader.tiff,
    ])

    /// How many of a file's first bytes are looked at to tell its format.
    public static let sniffedBytes = 512

    public init(readers: [any ArticleReader]) {
        self.readers = readers
    }

    /// The reader that takes files with this extension (any case, no dot).
    public func reader(forExtension pathExtension: String) -> (any ArticleReader)? {
        let lowercased = pathExtension.lowercased()
        return readers.first { $0.extensions.contains(lowercased) }
    }

    /// The reader of `format`.
    public func reader(for format: ArticleFormat) -> (any ArticleReader)? {
        readers.first { $0.format == format }
    }

    /// The reader for a file with extension `pathExtension` ("" for none) whose content starts
    /// with `prefix`, or nil when none takes it.
    public func reader(pathExtension: String, prefix: ArraySlice<UInt8>) -> (any ArticleReader)? {
        if let signed = readers.first(where: { $0.signatures.contains { prefix.starts(with: $0) } }) { return signed }
        if !pathExtension.isEmpty { return reader(forExtension: pathExtension) }
        return readers.first { $0.looksLike(prefix) }
    }

    /// As `reader(pathExtension:prefix:)`, and for a file without an extension that starts as a
    /// zip but shows no format in its first bytes: the package reader that recognises the zip's
    /// entries (a .docx, known only by `[Content_Types].xml`), read from `contents()` (the whole
    /// file) within `maximumBytes`. Any other zip, or one that cannot be opened, is taken by none.
    public func reader(pathExtension: String, prefix: ArraySlice<UInt8>, maximumBytes: Int,
                       contents: () throws(IngestionError) -> [UInt8]) -> (any ArticleReader)? {
        if let reader = reader(pathExtension: pathExtension, prefix: prefix) { return reader }
        guard pathExtension.isEmpty, prefix.starts(with: ZipPackage.signature), let bytes = try? contents(),
              let package = try? ZipArchive(bytes, maximumBytes: maximumBytes) else { return nil }
        return readers.first { (try? ($0 as? any ZipPackageReader)?.recognises(package)) == true }
    }

    /// Whether a file with this extension is taken whatever its content (no need to look at it
    /// to know that it is supported).
    public func takesByName(pathExtension: String) -> Bool {
        reader(forExtension: pathExtension) != nil
    }
}
