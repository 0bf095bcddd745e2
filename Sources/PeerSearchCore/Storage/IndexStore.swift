import Foundation
import Ingestion
import Xapian

/// Opening an index, the one place that does: readers and writers are opened here, used in a
/// closure, and every error on the way becomes a `PeerSearchError` that says what the user can
/// do (missing, locked, damaged, a full disk, read-only, no permission, not peersearch's own,
/// unreachable). A reader whose revision was overwritten by a
/// writer meanwhile (Xapian's DatabaseModifiedError) moves to the last commit and tries once more.
enum IndexStore {
    /// User metadata key holding when the index last changed (ISO 8601).
    static let lastIndexedKey = "peersearch.last_indexed"
    /// User metadata key that marks a database as peersearch's own (its format version).
    static let ownIndexKey = "peersearch.index"

    /// How long to wait for a remote shard.
    static let remoteTimeoutMilliseconds: UInt32 = 5_000

    /// How a writer is opened.
    struct WriterOptions {
        /// Build the index anew beside the old one and swap it in when complete (`IndexRebuild`).
        var rebuild = false
        /// Spread articles over this many databases; nil keeps the index's layout.
        var shardCount: Int?
        /// Wait for another writer instead of failing.
        var waitForLock = false
    }

    /// Runs `body` with the index at `path` open for writing (created if missing), then closes it.
    /// A rebuild writes a new index beside the old one and swaps it in once `body` is done.
    static func withWriter<Result>(_ path: String, _ options: WriterOptions,
                                   _ body: (ShardedWriter) throws -> Result) throws(PeerSearchError) -> Result {
        IndexRebuild.restoreInterruptedSwap(of: path)
        guard options.rebuild else {
            return try write(in: path, shardCount: options.shardCount, waitForLock: options.waitForLock, as: path, body)
        }
        let rebuild = try IndexRebuild(path: path, waitForLock: options.waitForLock)
        do {
            let result = try write(in: rebuild.staging, shardCount: options.shardCount ?? (rebuild.existingShardCount > 1 ? rebuild.existingShardCount : nil),
                                   waitForLock: false, as: path, body)
            try rebuild.swapIn()
            return result
        } catch {
            rebuild.abandon()
            throw error
        }
    }

    /// Opens the index in `folder`, runs `body`, closes it; errors are reported for `path`. An
    /// index this run makes new is compacted before it is closed (`IndexCompaction`); a new
    /// one-database index is written as `IndexCompaction.parallelShards` shards at once, which
    /// the compaction merges into one database.
    private static func write<Result>(in folder: String, shardCount: Int?, waitForLock: Bool, as path: String,
                                      _ body: (ShardedWriter) throws -> Result) throws(PeerSearchError) -> Result {
        let isNew = IndexCompaction.isNew(folder)
        let mergesShards = isNew && (shardCount ?? 1) == 1 && IndexCompaction.parallelShards > 1
        let writer = try ShardedWriter(path: folder, shardCount: mergesShards ? IndexCompaction.parallelShards : shardCount,
                                       waitForLock: waitForLock, placesInOrder: mergesShards)
        do {
            for shard in writer.shards { try claim(shard, as: path) }
            IndexCompaction.clearLeftovers(of: folder)
            let result = try body(writer)
            let replaced = isNew ? try IndexCompaction.compactInPlace(writer, folder: folder, mergingShards: mergesShards) : nil
            try writer.close()
            if let replaced { try? FileManager.default.removeItem(atPath: replaced) }
            return result
        } catch {
            throw .translating(error, path: path)
        }
    }

    /// Runs `body` with the index at `path` open for reading; nil stands for a missing index
    /// when `missingIsEmpty`.
    static func withReader<Result>(_ path: String, missingIsEmpty: Bool = false,
                                   _ body: (Database?) throws -> Result) throws(PeerSearchError) -> Result {
        let database = try openForReading(path, missingIsEmpty: missingIsEmpty)
        guard let database else {
            do { return try body(nil) } catch { throw .translating(error, path: path) }
        }
        return try reading(database, path: path) { try body(database) }
    }

    /// Runs `body`, which reads `database`; if an index run committed meanwhile and overwrote the
    /// revision being read, moves to the last commit and runs it once more.
    static func reading<Result>(_ database: Database, path: String, _ body: () throws -> Result) throws(PeerSearchError) -> Result {
        do {
            return try body()
        } catch let error as XapianError where error.kind == .databaseModified {
            do {
                try database.reopen()
                return try body()
            } catch {
                throw .translating(error, path: path)
            }
        } catch {
            throw .translating(error, path: path)
        }
    }

    /// Marks `database` as peersearch's own, or refuses it: a database with documents but neither
    /// the mark nor the time of a peersearch run (which older versions left) was made by another
    /// program, and writing into it would mix articles into its documents.
    private static func claim(_ database: WritableDatabase, as path: String) throws {
        guard try database.metadata(ownIndexKey).isEmpty else { return }
        guard try database.documentCount() == 0 || !(try database.metadata(lastIndexedKey).isEmpty) else {
            throw PeerSearchError.notPeersearchIndex(path: path)
        }
        try database.setMetadata(ownIndexKey, "1")
    }

    /// Refuses a database with documents that peersearch did not write (see `claim`), before
    /// its documents are read as articles.
    static func refuseForeign(_ database: Database, path: String) throws {
        if try database.metadata(ownIndexKey).isEmpty, try database.metadata(lastIndexedKey).isEmpty,
           try database.documentCount() > 0 {
            throw PeerSearchError.notPeersearchIndex(path: path)
        }
    }

    /// Whether `folder` holds Xapian's database files (`*.glass`), as a damaged index does when
    /// its revision file is gone.
    static func holdsDatabaseFiles(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".glass") }
    }

    /// Whether `folder` holds articles (a file a reader takes, among its first entries) and no
    /// database: a folder of articles given where an index was meant.
    static func holdsArticles(_ folder: String) -> Bool {
        guard !holdsDatabaseFiles(folder), !FileManager.default.fileExists(atPath: folder + "/" + IndexLocation.stubName),
              let entries = FileManager.default.enumerator(atPath: folder) else { return false }
        for (count, entry) in entries.enumerated() {
            guard count < 1_000, let name = entry as? String else { break }
            let pathExtension = (name as NSString).pathExtension
            if !pathExtension.isEmpty, ArticleFormat(pathExtension: pathExtension) != nil { return true }
        }
        return false
    }

    /// Opens one database for writing; a folder's shards are opened one by one by `ShardedWriter`.
    /// The folders above it are created when missing (`--index /new/dir/idx`).
    static func openWritable(_ path: String, waitForLock: Bool) throws(PeerSearchError) -> WritableDatabase {
        try refuseUnfitFolder(path)
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        do {
            return try WritableDatabase(path: path, mode: .createOrOpen, waitForLock: waitForLock)
        } catch {
            throw .translating(error, path: path)
        }
    }

    /// Opens the index for reading; with `missingIsEmpty`, a missing index is nil instead of an error.
    static func openForReading(_ path: String, missingIsEmpty: Bool = false) throws(PeerSearchError) -> Database? {
        IndexRebuild.restoreInterruptedSwap(of: path)
        try refuseRegularFile(path)
        guard FileManager.default.fileExists(atPath: path) else {
            if missingIsEmpty { return nil }
            throw .indexMissing(path: path)
        }
        do {
            return try Database(path: path)
        } catch where error.kind == .databaseNotFound && missingIsEmpty {
            return nil
        } catch {
            throw .translating(error, path: path)
        }
    }

    /// Opens one index of several searched together: a local folder, or a remote shard.
    static func openShard(_ path: String) throws(PeerSearchError) -> Database {
        switch try IndexLocation(path) {
        case .folder:
            guard let database = try openForReading(path) else { throw .indexMissing(path: path) }
            do {
                try refuseForeign(database, path: path)
            } catch {
                throw .translating(error, path: path)
            }
            return database
        case .remote(let host, let port):
            do {
                return try Database(remoteHost: host, port: port, timeoutMilliseconds: remoteTimeoutMilliseconds)
            } catch {
                throw .shardUnavailable(path: path, detail: error.message)
            }
        }
    }

    /// Refuses to write an index at `path` when it is a file, or a folder of articles.
    static func refuseUnfitFolder(_ path: String) throws(PeerSearchError) {
        try refuseRegularFile(path)
        if holdsArticles(path) { throw .articlesNotIndex(path: path) }
    }

    private static func refuseRegularFile(_ path: String) throws(PeerSearchError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .indexUnusable(path: path, detail: "it is a file, not an index folder")
        }
    }
}
