import Foundation

/// Reads a file of any supported format into an `Article`: the registry picks the reader, the
/// loader bounds the size and fills in what every format shares (a date or a title from the
/// file name when the content has none).
public struct ArticleLoader: Sendable {
    /// Files larger than this are skipped (never truncated): 64 MiB by default.
    public var maximumFileBytes: Int
    /// The readers to choose from.
    public var registry: ReaderRegistry
    /// Whether and how scanned pages and images are read with OCR.
    public var ocr: OCRSettings

    public static let defaultMaximumFileBytes = 64 << 20

    public init(maximumFileBytes: Int = ArticleLoader.defaultMaximumFileBytes, registry: ReaderRegistry = .standard,
                ocr: OCRSettings = OCRSettings()) {
        self.maximumFileBytes = maximumFileBytes
        self.registry = registry
        self.ocr = ocr
    }

    /// Whether a reader takes the file at `path`: by its extension, or, when that does not
    /// decide, by its first bytes (a signature, or what a file without an extension looks like).
    public func takes(path: String) -> Bool {
        let pathExtension = (path as NSString).pathExtension
        if registry.takesByName(pathExtension: pathExtension) { return true }
        guard let prefix = try? FileBytes.read(path: path, limit: .max, upTo: ReaderRegistry.sniffedBytes) else { return false }
        return registry.reader(pathExtension: pathExtension, prefix: prefix[...]) != nil
    }

    /// `ContentHash` of the file's bytes, without extracting anything.
    public func contentHash(path: String) throws(IngestionError) -> UInt64 {
        ContentHash.of(try FileBytes.read(path: path, limit: maximumFileBytes))
    }

    /// Reads and extracts the article at `path` (which should be absolute).
    public func load(path: String) throws(IngestionError) -> Article {
        let bytes = try FileBytes.read(path: path, limit: maximumFileBytes)
        let pathExtension = (path as NSString).pathExtension
        guard let reader = registry.reader(pathExtension: pathExtension, prefix: bytes.prefix(ReaderRegistry.sniffedBytes)) else {
            throw .unsupportedFormat(pathExtension)
        }
        return try article(from: ReaderInput(bytes: bytes, file: path, maximumBytes: maximumFileBytes, ocr: ocr), reader: reader, path: path)
    }

    /// Extracts an article from bytes that have no file of their own (e.g. standard input);
    /// `id` stands for its path.
    public func load(bytes: [UInt8], format: ArticleFormat, id: String) throws(IngestionError) -> Article {
        guard bytes.count <= maximumFileBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumFileBytes) }
        guard let reader = registry.reader(for: format) else { throw .unsupportedFormat(format.rawValue) }
        return try article(from: ReaderInput(bytes: bytes, file: nil, maximumBytes: maximumFileBytes, ocr: ocr), reader: reader, path: id)
    }

    private func article(from input: ReaderInput, reader: any ArticleReader, path: String) throws(IngestionError) -> Article {
        if input.bytes.isEmpty { throw .empty }
        var extracted = try reader.read(input)
        let hasWords: (String) -> Bool = { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard hasWords(extracted.text) || hasWords(extracted.metadata.title) else { throw .empty }
        if extracted.metadata.date == nil {
            extracted.metadata.date = DateNormalizer.fromFileName((path as NSString).lastPathComponent)
        }
        if extracted.metadata.title.isEmpty {
            extracted.metadata.title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        return Article(path: path, format: reader.format, metadata: extracted.metadata, text: extracted.text,
                       pageLines: extracted.pageLines, titleIsInText: extracted.titleIsInText, notes: extracted.notes,
                       contentHash: ContentHash.of(input.bytes), ocrPages: extracted.ocrPages)
    }
}
