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
    /// decide, by its first bytes (a signature, or what a file without an extension looks like),
    /// or, for a zip without an extension, by its entries (the whole file is read for that).
    public func takes(path: String) -> Bool {
        let pathExtension = (path as NSString).pathExtension
        if registry.takesByName(pathExtension: pathExtension) { return true }
        guard let prefix = try? FileBytes.read(path: path, limit: .max, upTo: ReaderRegistry.sniffedBytes) else { return false }
        return registry.reader(pathExtension: pathExtension, prefix: prefix[...], maximumBytes: maximumFileBytes) {
            () throws(IngestionError) in try FileBytes.read(path: path, limit: maximumFileBytes)
        } != nil
    }

    /// `ContentHash` of the file's bytes, without extracting anything.
    public func contentHash(path: String) throws(IngestionError) -> UInt64 {
        ContentHash.of(try FileBytes.read(path: path, limit: maximumFileBytes))
    }

    /// Reads and extracts the article at `path` (which should be absolute).
    public func load(path: String) throws(IngestionError) -> Article {
        let bytes = try FileBytes.read(path: path, limit: maximumFileBytes)
        let pathExtension = (path as NSString).pathExtension
        guard let reader = reader(of: bytes, pathExtension: pathExtension) else { throw .unsupportedFormat(pathExtension) }
        return try article(from: ReaderInput(bytes: bytes, file: path, maximumBytes: maximumFileBytes, ocr: ocr), reader: reader, path: path)
    }

    /// The articles of a file, by path, with a one-line reason for each part that could not be
    /// read: one article for most formats, several for a `ContainerReader`'s (an mbox's
    /// messages, an e-mail's attachments; see there for the paths). Throws when the file as a
    /// whole cannot be read.
    public func loadParts(path: String) throws(IngestionError) -> LoadedFile {
        let bytes = try FileBytes.read(path: path, limit: maximumFileBytes)
        let pathExtension = (path as NSString).pathExtension
        guard let reader = reader(of: bytes, pathExtension: pathExtension) else { throw .unsupportedFormat(pathExtension) }
        let input = ReaderInput(bytes: bytes, file: path, maximumBytes: maximumFileBytes, ocr: ocr)
        guard let container = reader as? any ContainerReader else {
            return LoadedFile(articles: [try article(from: input, reader: reader, path: path)])
        }
        if bytes.isEmpty { throw .empty }
        var loaded = LoadedFile()
        let hash = ContentHash.of(bytes)
        try expand(container.parts(input), at: path, of: path, contentHash: hash, containerHash: hash, depth: 0, into: &loaded)
        if loaded.articles.isEmpty, let first = loaded.failures.first, loaded.failures.count == 1, first.path == path {
            throw .extractionFailed(first.reason)
        }
        return loaded
    }

    /// The reader of a file's `bytes`: by a signature, its extension, or (with none) what it
    /// looks like, a zip package by its entries.
    private func reader(of bytes: [UInt8], pathExtension: String) -> (any ArticleReader)? {
        registry.reader(pathExtension: pathExtension, prefix: bytes.prefix(ReaderRegistry.sniffedBytes),
                        maximumBytes: maximumFileBytes, contents: { bytes })
    }

    /// How many containers deep an attachment may be (a message forwarded in a message in an mbox).
    public static let maximumNesting = 3

    /// Adds the articles of `parts`, which stand in the container kept at `base` inside `file`;
    /// `containerHash` is the `ContentHash` of the container's own bytes (`file`'s at the top).
    private func expand(_ parts: [ArticlePart], at base: String, of file: String, contentHash: UInt64, containerHash: UInt64,
                        depth: Int, into loaded: inout LoadedFile) {
        for part in parts {
            let path = part.name.isEmpty ? base : base + (base == file ? "#" : "/") + part.name
            do throws(IngestionError) {
                switch part.content {
                case .failure(let reason):
                    throw .extractionFailed(reason)
                case .text(var extracted, let format):
                    try complete(&extracted, path: path)
                    loaded.articles.append(Article(path: path, format: format, metadata: extracted.metadata, text: extracted.text,
                                                   pageLines: extracted.pageLines, titleIsInText: extracted.titleIsInText,
                                                   notes: extracted.notes, contentHash: contentHash,
                                                   duplicateKey: Self.duplicateKey(of: part.name, inContainer: containerHash),
                                                   partOf: file))
                case .file(let bytes):
                    if bytes.count > maximumFileBytes { throw .tooLarge(bytes: bytes.count, limit: maximumFileBytes) }
                    let pathExtension = (part.name as NSString).pathExtension
                    // An attachment no reader takes (an image, a signature) is not an article.
                    guard let reader = reader(of: bytes, pathExtension: pathExtension) else { continue }
                    let input = ReaderInput(bytes: bytes, file: nil, maximumBytes: maximumFileBytes, ocr: ocr)
                    if let container = reader as? any ContainerReader {
                        guard depth < Self.maximumNesting else {
                            throw .extractionFailed("nested in more than \(Self.maximumNesting) containers; not read")
                        }
                        expand(try container.parts(input), at: path, of: file, contentHash: contentHash,
                               containerHash: ContentHash.of(bytes), depth: depth + 1, into: &loaded)
                    } else {
                        var article = try article(from: input, reader: reader, path: path)
                        article.partOf = file
                        article.contentHash = contentHash
                        loaded.articles.append(article)
                    }
                }
            } catch {
                loaded.failures.append(LoadedFile.Failure(path: path, reason: error.description))
            }
        }
    }

    /// The `Article.duplicateKey` of a part a container reads itself: the container's own
    /// article (named "") is as its bytes; the others are told apart by their names.
    static func duplicateKey(of partName: String, inContainer containerHash: UInt64) -> UInt64 {
        partName.isEmpty ? containerHash : ContentHash.of(Array("\(String(containerHash, radix: 16))#\(partName)".utf8))
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
        try complete(&extracted, path: path)
        let hash = ContentHash.of(input.bytes)
        return Article(path: path, format: reader.format, metadata: extracted.metadata, text: extracted.text,
                       pageLines: extracted.pageLines, titleIsInText: extracted.titleIsInText, notes: extracted.notes,
                       contentHash: hash, duplicateKey: hash, ocrPages: extracted.ocrPages)
    }

    /// Refuses an article without words, and gives one without a date or title those of its
    /// file name.
    private func complete(_ extracted: inout ExtractedText, path: String) throws(IngestionError) {
        let hasWords: (String) -> Bool = { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard hasWords(extracted.text) || hasWords(extracted.metadata.title) else { throw .empty }
        if extracted.metadata.date == nil {
            extracted.metadata.date = DateNormalizer.fromFileName((path as NSString).lastPathComponent)
        }
        if extracted.metadata.title.isEmpty {
            extracted.metadata.title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }
}

/// The articles read from one file, and the parts of it that could not be read.
public struct LoadedFile: Sendable {
    public struct Failure: Sendable {
        public var path: String
        public var reason: String
    }

    public var articles: [Article]
    public var failures: [Failure]

    public init(articles: [Article] = [], failures: [Failure] = []) {
        self.articles = articles
        self.failures = failures
    }
}
