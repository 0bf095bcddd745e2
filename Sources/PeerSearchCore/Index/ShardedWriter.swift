import Foundation
import Ingestion
import Xapian

/// The writable side of an index folder: one Xapian database, or N shards (`shard-0` …) listed in
/// a Xapian stub file (`XAPIANDB`), so that Xapian opens the folder as one database for reading.
/// Each article lives in the shard its unique id hashes to.
final class ShardedWriter {
    let shards: [WritableDatabase]

    /// Opens (or creates) the index at `path`. `shardCount` > 1 asks for a sharded index; nil
    /// keeps whatever layout the folder has (one database for a new folder). A rebuild writes a
    /// new folder (see `IndexRebuild`), where any layout can be asked for.
    init(path: String, shardCount: Int?, waitForLock: Bool) throws(PeerSearchError) {
        let existing = IndexLocation.shardNames(inFolder: path)
        let wanted = shardCount ?? max(existing.count, 1)
        if existing.isEmpty, wanted > 1, Self.holdsSingleDatabase(path) {
            throw .indexUnusable(path: path, detail: "it is not sharded; rebuild it with --rebuild --shards \(wanted)")
        }
        if !existing.isEmpty, existing.count != wanted {
            throw .indexUnusable(path: path, detail: "it has \(existing.count) shards; rebuild it with --rebuild --shards \(wanted) to change that")
        }
        if wanted == 1 && existing.isEmpty {
            shards = [try IndexStore.openWritable(path, waitForLock: waitForLock)]
            return
        }
        let names = (0..<wanted).map { "shard-\($0)" }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .indexUnusable(path: path, detail: "cannot create the folder: \(error.localizedDescription)")
        }
        var opened: [WritableDatabase] = []
        for name in names {
            opened.append(try IndexStore.openWritable(path + "/" + name, waitForLock: waitForLock))
        }
        shards = opened
        do {
            try IndexLocation.stub(listing: names).write(toFile: path + "/" + IndexLocation.stubName, atomically: true, encoding: .utf8)
        } catch {
            throw .indexUnusable(path: path, detail: "cannot write its stub file: \(error.localizedDescription)")
        }
    }

    /// The shard an article with this unique id term lives in.
    func shard(for uniqueTerm: String) -> WritableDatabase {
        shards[shardIndex(uniqueTerm)]
    }

    /// The number of the shard an article with this unique id term lives in.
    var shardIndex: @Sendable (String) -> Int {
        let count = UInt64(shards.count)
        return { uniqueTerm in Int(ContentHash.of(Array(uniqueTerm.utf8)) % count) }
    }

    func replaceDocument(uniqueTerm: String, with document: Document) throws {
        try shard(for: uniqueTerm).replaceDocument(uniqueTerm: uniqueTerm, with: document)
    }

    func deleteDocuments(uniqueTerm: String) throws {
        try shard(for: uniqueTerm).deleteDocuments(uniqueTerm: uniqueTerm)
    }

    func beginTransaction() throws {
        for shard in shards { try shard.beginTransaction(flushed: true) }
    }

    func commitTransaction() throws {
        for shard in shards { try shard.commitTransaction() }
    }

    func cancelTransaction() {
        for shard in shards { try? shard.cancelTransaction() }
    }

    /// Runs `body` in a transaction on every shard: committed if it returns, cancelled if it throws.
    func inTransaction(_ body: () throws -> Void) throws {
        try beginTransaction()
        do {
            try body()
            try commitTransaction()
        } catch {
            cancelTransaction()
            throw error
        }
    }

    /// Records that the index changed now (`peersearch stats`, `/health`).
    func stampLastIndexed() throws {
        try shards[0].setMetadata(IndexStore.lastIndexedKey, ISOTimestamp.now)
    }

    func close() throws {
        for shard in shards { try shard.close() }
    }

    private static func holdsSingleDatabase(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/iamglass")
    }
}
