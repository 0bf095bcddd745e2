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
        try IndexStore.withReader(indexPath) { database in
            guard let database else { throw PeerSearchError.indexMissing(path: indexPath) }
            let words = try database.allTerms().filter { $0.first.map { !$0.isUppercase } ?? false }
            let lastIndexed = try database.metadata(IndexStore.lastIndexedKey)
            return IndexStatistics(index: indexPath, documents: try database.documentCount(), terms: words.count,
                                   bytesOnDisk: diskUsage(of: indexPath), lastIndexed: lastIndexed.isEmpty ? nil : lastIndexed)
        }
    }

    /// The document count and last change only: cheap, for health checks.
    public struct Summary: Sendable {
        public var documents: Int
        /// The latest change of any of the indexes (ISO 8601), or nil.
        public var lastIndexed: String?
        /// Shards left out because they could not be opened (`allowPartial`).
        public var unavailableShards: [String]
    }

    /// The summary of indexes searched together (local folders or `tcp://host:port` shards):
    /// their documents added up and their latest change. A shard that cannot be opened is an
    /// error, unless `allowPartial` and there are several: then it is listed as unavailable.
    public static func summary(indexPaths: [String], allowPartial: Bool = false) throws(PeerSearchError) -> Summary {
        var summary = Summary(documents: 0, lastIndexed: nil, unavailableShards: [])
        for path in indexPaths {
            do {
                let database = try IndexStore.openShard(path)
                summary.documents += try database.documentCount()
                let lastIndexed = try database.metadata(IndexStore.lastIndexedKey)
                // ISO 8601 timestamps in UTC order as strings.
                if !lastIndexed.isEmpty, lastIndexed > summary.lastIndexed ?? "" { summary.lastIndexed = lastIndexed }
            } catch {
                guard allowPartial, indexPaths.count > 1 else { throw .translating(error, path: path) }
                summary.unavailableShards.append(path)
            }
        }
        if summary.unavailableShards.count == indexPaths.count {
            throw .shardUnavailable(path: indexPaths.joined(separator: ", "), detail: "no shard could be opened")
        }
        return summary
    }

    /// Bytes of every file under `folder` (shards included).
    private static func diskUsage(of folder: String) -> Int {
        let files = FileManager.default.subpaths(atPath: folder) ?? []
        return files.reduce(0) { total, name in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int
            return total + (size ?? 0)
        }
    }
}
