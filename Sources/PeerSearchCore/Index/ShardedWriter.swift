import Foundation
import Ingestion
import Synchronization
import Xapian

/// The writable side of an index folder: one Xapian database, or N shards (`shard-0` …) listed in
/// a Xapian stub file (`XAPIANDB`), so that Xapian opens the folder as one database for reading.
/// A new article goes to the shard its unique id hashes to, or, in a new index written in
/// order (`placesInOrder`), to the shard its caller names; an article the index holds stays in
/// the shard that holds it.
///
/// With several shards, each shard's writes (documents, spelling, synonyms) run on a serial
/// queue of its own, so the shards are written at once: storing a document is most of an index
/// run's work, all of it inside Xapian. Anything else waits for the queued writes first.
final class ShardedWriter {
    private let databases: [WritableDatabase]
    /// One serial queue per shard, when there are several.
    private let queues: [DispatchQueue]
    /// Room for `maximumQueuedWrites` writes on each queue (documents, a batch's words, a
    /// batch's compounds): a writer that gets ahead of a shard waits, so the documents waiting
    /// in memory stay bounded, while a shard that gets ahead of the others is not held back.
    private let room: [DispatchSemaphore]
    static let maximumQueuedWrites = 4096
    /// Whether the caller places new articles (a new index written as consecutive parts of its
    /// files, one part per shard, which the compaction merges in order: see `IndexCompaction`).
    let placesInOrder: Bool
    /// The first error of a queued write, thrown by the next commit.
    private let failure = FirstFailure()

    private final class FirstFailure: Sendable {
        let error = Mutex<UncheckedBox<Error>?>(nil)
    }

    /// The shards, once their queued writes are done (for use on the caller's thread).
    var shards: [WritableDatabase] {
        waitForQueuedWrites()
        return databases
    }

    /// Opens (or creates) the index at `path`. `shardCount` > 1 asks for a sharded index; nil
    /// keeps whatever layout the folder has (one database for a new folder). A rebuild writes a
    /// new folder (see `IndexRebuild`), where any layout can be asked for.
    init(path: String, shardCount: Int?, waitForLock: Bool, placesInOrder: Bool = false) throws(PeerSearchError) {
        self.placesInOrder = placesInOrder
        let existing = IndexLocation.shardNames(inFolder: path)
        let wanted = shardCount ?? max(existing.count, 1)
        if existing.isEmpty, wanted > 1, Self.holdsSingleDatabase(path) {
            throw .indexUnusable(path: path, detail: "it is not sharded; rebuild it with --rebuild --shards \(wanted)")
        }
        if !existing.isEmpty, existing.count != wanted {
            throw .indexUnusable(path: path, detail: "it has \(existing.count) shards; rebuild it with --rebuild --shards \(wanted) to change that")
        }
        if wanted == 1 && existing.isEmpty {
            databases = [try IndexStore.openWritable(path, waitForLock: waitForLock)]
            queues = []
            room = []
            return
        }
        let names = (0..<wanted).map { "shard-\($0)" }
        try IndexStore.refuseUnfitFolder(path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .indexUnusable(path: path, detail: "cannot create the folder: \(error.localizedDescription)")
        }
        var opened: [WritableDatabase] = []
        for name in names {
            opened.append(try IndexStore.openWritable(path + "/" + name, waitForLock: waitForLock))
        }
        databases = opened
        queues = names.map { DispatchQueue(label: "peersearch.\($0)") }
        room = names.map { _ in DispatchSemaphore(value: Self.maximumQueuedWrites) }
        do {
            try IndexLocation.stub(listing: names).write(toFile: path + "/" + IndexLocation.stubName, atomically: true, encoding: .utf8)
        } catch {
            throw .indexUnusable(path: path, detail: "cannot write its stub file: \(error.localizedDescription)")
        }
    }

    var shardCount: Int { databases.count }

    /// The shard holding the article with this unique id term (its queued writes done), or the
    /// one a new article with it goes to.
    func shard(for uniqueTerm: String) throws -> WritableDatabase {
        databases[try shardNumber(for: uniqueTerm)]
    }

    /// The number of the shard holding the article with this unique id term, or else of the one
    /// its id hashes to.
    func shardNumber(for uniqueTerm: String) throws -> Int {
        guard databases.count > 1 else { return 0 }
        return try holder(of: uniqueTerm)?.shard ?? shardIndex(uniqueTerm)
    }

    /// The shard holding the article with this unique id term, and its document id there; nil
    /// when no shard holds it (its queued writes done).
    func holder(of uniqueTerm: String) throws -> (shard: Int, docid: UInt32)? {
        for (number, shard) in shards.enumerated() {
            if let docid = try shard.firstDocumentID(withTerm: uniqueTerm) { return (number, docid) }
        }
        return nil
    }

    /// The number of the shard a new article with this unique id term goes to by its hash.
    var shardIndex: @Sendable (String) -> Int {
        let count = UInt64(databases.count)
        return { uniqueTerm in Int(ContentHash.of(Array(uniqueTerm.utf8)) % count) }
    }

    /// Stores `document` in shard `shard` as the one `uniqueTerm` indexes.
    func replaceDocument(uniqueTerm: String, with document: Document, inShard shard: Int) throws {
        try write(on: shard) { try $0.replaceDocument(uniqueTerm: uniqueTerm, with: document) }
    }

    /// Deletes the articles indexed by `uniqueTerm`, from every shard.
    func deleteDocuments(uniqueTerm: String) throws {
        for shard in databases.indices {
            try write(on: shard) { try $0.deleteDocuments(uniqueTerm: uniqueTerm) }
        }
    }

    /// Adds each word to shard `shard`'s spelling data, as many times as it counts.
    func addSpelling(_ words: [String: Int], inShard shard: Int) throws {
        try write(on: shard) { database in
            for (word, count) in words { try database.addSpelling(word, increment: count) }
        }
    }

    /// Records each synonym (words separated by spaces) for its term in shard `shard`.
    func addSynonyms(_ synonyms: [(term: String, synonym: String)], inShard shard: Int) throws {
        guard !synonyms.isEmpty else { return }
        try write(on: shard) { database in
            for (term, synonym) in synonyms { try database.addSynonym(synonym, for: term) }
        }
    }

    func beginTransaction() throws {
        try throwQueuedFailure()
        for shard in databases { try shard.beginTransaction(flushed: true) }
    }

    /// Commits every shard (at once, when there are several).
    func commitTransaction() throws {
        try throwQueuedFailure()
        for shard in databases.indices {
            try write(on: shard) { try $0.commitTransaction() }
        }
        try throwQueuedFailure()
    }

    /// Commits every shard's changes outside a transaction.
    func commit() throws {
        try throwQueuedFailure()
        for shard in databases { try shard.commit() }
    }

    func cancelTransaction() {
        for shard in shards { try? shard.cancelTransaction() }
        failure.error.withLock { $0 = nil }
    }

    /// Runs `change` on shard `shard`: on its queue when there are several (an error waits for
    /// the next commit), else at once.
    private func write(on shard: Int, _ change: @escaping (WritableDatabase) throws -> Void) throws {
        guard !queues.isEmpty else { return try change(databases[shard]) }
        let box = UncheckedBox((databases[shard], change))
        let room = room[shard]
        room.wait()
        queues[shard].async { [failure] in
            defer { room.signal() }
            guard failure.error.withLock({ $0 == nil }) else { return }
            do {
                try box.value.1(box.value.0)
            } catch {
                failure.error.withLock { if $0 == nil { $0 = UncheckedBox(error) } }
            }
        }
    }

    /// Waits until every shard's queued writes are done.
    private func waitForQueuedWrites() {
        for queue in queues { queue.sync {} }
    }

    /// Waits for the queued writes and throws the first error one of them met.
    private func throwQueuedFailure() throws {
        waitForQueuedWrites()
        if let error = failure.error.withLock({ $0 }) { throw error.value }
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
        try throwQueuedFailure()
        for shard in databases { try shard.close() }
    }

    /// A writer let go of after an error still finishes its queued writes first, so no shard
    /// is written to (or keeps its lock) after the run is over.
    deinit {
        waitForQueuedWrites()
    }

    private static func holdsSingleDatabase(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/iamglass") || IndexStore.holdsDatabaseFiles(path)
    }
}
