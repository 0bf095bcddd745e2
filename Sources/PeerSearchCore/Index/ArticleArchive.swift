import Foundation
import Ingestion

/// The folder where articles that arrive without a file (uploads, `index --stdin`) are kept as
/// files, so that every article has one: an index run reads them like any other article, and
/// `--rebuild` keeps them. By default it is `Index.archive`, beside the index. An article kept
/// under id `nyhedsbrev/2024-05` in Markdown is `nyhedsbrev/2024-05.md` there; metadata given
/// with it (title, author, source, date) is kept beside it in `.2024-05.md.json`. Files are
/// written atomically (a temporary file, fsync, rename, fsync of the folder), so an article that
/// was acknowledged is on disk.
public struct ArticleArchive: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = FileCollector.absolute(folder)
    }

    /// `Index` → `Index.archive`.
    public static func defaultFolder(forIndex indexPath: String) -> String {
        IndexLocation.folder(beside: indexPath, suffix: ".archive")
    }

    /// Metadata given with an article, which wins over what its text says.
    public struct GivenMetadata: Codable, Sendable, Equatable {
        public var title: String?
        public var author: String?
        public var source: String?
        public var date: String?

        public init(title: String? = nil, author: String? = nil, source: String? = nil, date: String? = nil) {
            self.title = title
            self.author = author
            self.source = source
            self.date = date
        }

        var isEmpty: Bool { self == GivenMetadata() }

        func apply(to article: inout Article) {
            if let title { article.metadata.title = title }
            if let author { article.metadata.author = author }
            if let source { article.metadata.source = source }
            if let date { article.metadata.date = date }
        }
    }

    /// The file an article kept under `id` in `format` is stored in.
    public func file(forID id: String, format: ArticleFormat) -> String {
        folder + "/" + id + "." + format.rawValue
    }

    /// The id of the article stored in `file` (a path under the folder).
    func id(ofFile file: String) -> String {
        let relative = String(file.dropFirst(folder.count + 1))
        return (relative as NSString).deletingPathExtension
    }

    private func metadataFile(for file: String) -> String {
        let name = (file as NSString).lastPathComponent
        return (file as NSString).deletingLastPathComponent + "/." + name + ".json"
    }

    /// Stores an article's bytes under `id` (replacing any earlier version, in any format), with
    /// the metadata given with it. Returns the file.
    @discardableResult
    public func store(_ bytes: [UInt8], format: ArticleFormat, id: String, metadata: GivenMetadata) throws -> String {
        let file = file(forID: id, format: format)
        let directory = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError("cannot create '\(directory)': \(error.localizedDescription)")
        }
        if metadata.isEmpty {
            try remove(metadataFile(for: file))
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try Self.writeDurably(Array(try encoder.encode(metadata)), to: metadataFile(for: file))
        }
        try Self.writeDurably(bytes, to: file)
        for other in ArticleFormat.allCases where other != format {
            try remove(self.file(forID: id, format: other))
            try remove(metadataFile(for: self.file(forID: id, format: other)))
        }
        return file
    }

    /// Removes the stored article kept under `id`, if any. Returns whether there was one.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        var found = false
        for format in ArticleFormat.allCases {
            let file = file(forID: id, format: format)
            if FileManager.default.fileExists(atPath: file) {
                found = true
                try remove(file)
            }
            try remove(metadataFile(for: file))
        }
        return found
    }

    /// Whether an article is stored under `id`.
    func holds(id: String) -> Bool {
        ArticleFormat.allCases.contains { FileManager.default.fileExists(atPath: file(forID: id, format: $0)) }
    }

    /// The stored articles' files (absolute, sorted), with the ids they are kept under.
    func entries() -> [(file: String, id: String)] {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: folder, isDirectory: true), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var entries: [(String, String)] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let file = folder + "/" + url.path.dropFirst(URL(fileURLWithPath: folder).path.count + 1)
            entries.append((file, id(ofFile: file)))
        }
        return entries.sorted { $0.0 < $1.0 }
    }

    /// Reads the article stored in `file`: kept under its id, with the metadata given with it.
    func load(file: String, loader: ArticleLoader) throws -> Article {
        var article = try loader.load(path: file)
        article.path = id(ofFile: file)
        if let data = FileManager.default.contents(atPath: metadataFile(for: file)) {
            try JSONDecoder().decode(GivenMetadata.self, from: data).apply(to: &article)
        }
        return article
    }

    /// Whether `path` (an article's path as the index keeps it) is an id, not a file's path.
    static func isID(_ path: String) -> Bool {
        !path.hasPrefix("/")
    }

    private func remove(_ file: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        do {
            try FileManager.default.removeItem(atPath: file)
        } catch {
            throw ArchiveError("cannot remove '\(file)': \(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` so that they are on disk when this returns, and `path` never
    /// holds a half-written file: a temporary file beside it, fsync, rename, fsync of the folder.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/.tmp-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ArchiveError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw ArchiveError("cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}

/// Why the archive of articles could not be written.
public struct ArchiveError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
