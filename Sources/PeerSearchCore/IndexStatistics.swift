import Foundation
import Xapian

/// What `peersearch stats` reports about an index.
public struct IndexStatistics: Codable, Sendable {
    public var index: String
    public var documents: Int
    /// Distinct word terms (unprefixed: the words articles use, folded).
    public var terms: Int
    /// Bytes of the index's files on disk.
    public var bytesOnDisk: Int
    /// When an index run last changed the index (ISO 8601), or nil.
    public var lastIndexed: String?

    enum CodingKeys: String, CodingKey {
        case index, documents, terms, bytesOnDisk = "bytes_on_disk", lastIndexed = "last_indexed"
    }

    public static func read(indexPath: String) throws(PeerSearchError) -> IndexStatistics {
        guard let database = try IndexStore.openForReading(indexPath) else { throw .indexMissing(path: indexPath) }
        do {
            let words = try database.allTerms().filter { $0.first.map { !$0.isUppercase } ?? false }
            let lastIndexed = try database.metadata(IndexStore.lastIndexedKey)
            return IndexStatistics(index: indexPath, documents: try database.documentCount(), terms: words.count,
                                   bytesOnDisk: diskUsage(of: indexPath), lastIndexed: lastIndexed.isEmpty ? nil : lastIndexed)
        } catch {
            throw .opening(error, path: indexPath)
        }
    }

    /// Bytes of every file under `folder` (shards included).
    /// The document count and last change only: cheap, for health checks.
    public static func summary(indexPath: String) throws(PeerSearchError) -> (documents: Int, lastIndexed: String?) {
        guard let database = try IndexStore.openForReading(indexPath) else { throw .indexMissing(path: indexPath) }
        do {
            let lastIndexed = try database.metadata(IndexStore.lastIndexedKey)
            return (try database.documentCount(), lastIndexed.isEmpty ? nil : lastIndexed)
        } catch {
            throw .opening(error, path: indexPath)
        }
    }

    private static func diskUsage(of folder: String) -> Int {
        let files = FileManager.default.subpaths(atPath: folder) ?? []
        return files.reduce(0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int
            return total + (size ?? 0)
        }
    }
}
