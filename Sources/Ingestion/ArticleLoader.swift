import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file of any supported format into an `Article`.
public struct ArticleLoader: Sendable {
    /// Files larger than this are skipped (never truncated): 64 MiB by default.
    public var maximumFileBytes: Int

    public static let defaultMaximumFileBytes = 64 << 20

    public init(maximumFileBytes: Int = ArticleLoader.defaultMaximumFileBytes) {
        self.maximumFileBytes = maximumFileBytes
    }

    /// Whether peersearch reads files with this path's extension.
    public static func isSupported(path: String) -> Bool {
        ArticleFormat(pathExtension: (path as NSString).pathExtension) != nil
    }

    /// `ContentHash` of the file's bytes, without extracting anything.
    public func contentHash(path: String) throws(IngestionError) -> UInt64 {
        ContentHash.of(try FileBytes.read(path: path, limit: maximumFileBytes))
    }

    /// Reads and extracts the article at `path` (which should be absolute).
    public func load(path: String) throws(IngestionError) -> Article {
        let fileExtension = (path as NSString).pathExtension
        guard let format = ArticleFormat(pathExtension: fileExtension) else { throw .unsupportedFormat(fileExtension) }
        return try article(from: try FileBytes.read(path: path, limit: maximumFileBytes), format: format, path: path)
    }

    /// Extracts an article from bytes that have no file of their own (e.g. standard input);
    /// `id` stands for its path.
    public func load(bytes: [UInt8], format: ArticleFormat, id: String) throws(IngestionError) -> Article {
        guard bytes.count <= maximumFileBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumFileBytes) }
        guard format == .pdf else { return try article(from: bytes, format: format, path: id) }
        // pdftotext reads files: hand it a temporary one.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-\(UUID().uuidString).pdf")
        do {
            try Data(bytes).write(to: temporary)
        } catch {
            throw .unreadable("cannot write a temporary file: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        var article = try article(from: bytes, format: format, path: temporary.path)
        article.path = id
        return article
    }

    private func article(from bytes: [UInt8], format: ArticleFormat, path: String) throws(IngestionError) -> Article {
        if bytes.isEmpty { throw .empty }
        var notes: [String] = []
        var metadata: ArticleMetadata
        var text: String
        var titleIsInText = false
        switch format {
        case .pdf:
            if !bytes.starts(with: Array("%PDF".utf8)) { throw .extractionFailed("not a PDF file (no %PDF header)") }
            (metadata, text) = try PDFReader().read(path: path)
        case .text, .markdown, .html:
            let (decoded, encoding) = try TextDecoding.decode(bytes)
            if encoding != .utf8 { notes.append("not valid UTF-8; decoded as \(encoding.rawValue)") }
            switch format {
            case .html: (metadata, text) = try HTMLReader().read(html: decoded)
            case .markdown: (metadata, text) = try MarkdownReader().read(markdown: decoded)
            default:
                text = decoded
                (metadata, titleIsInText) = PlainTextReader().read(text: decoded)
            }
        }
        let hasWords: (String) -> Bool = { $0.contains(where: { $0.isLetter || $0.isNumber }) }
        guard hasWords(text) || hasWords(metadata.title) else { throw .empty }
        if metadata.date == nil {
            metadata.date = DateNormalizer.fromFileName((path as NSString).lastPathComponent)
        }
        if metadata.title.isEmpty {
            metadata.title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        return Article(path: path, format: format, metadata: metadata, text: text,
                       titleIsInText: titleIsInText, notes: notes, contentHash: ContentHash.of(bytes))
    }
}

/// Reads whole files with a size limit checked before reading, so memory stays bounded.
enum FileBytes {
    static func read(path: String, limit: Int) throws(IngestionError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable("not a regular file") }
        let size = Int(status.st_size)
        guard size <= limit else { throw .tooLarge(bytes: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        return Array(bytes[..<filled])
    }
}
