import Analysis
import Foundation
import Ingestion
import Xapian

/// What an index run did (or, with `dryRun`, would do).
public struct IndexReport: Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var skipped: [SkippedFile] = []
    /// Indexed files with something worth saying (e.g. a Windows-1252 fallback).
    public var notes: [SkippedFile] = []
    /// Things about the whole run worth saying.
    public var warnings: [String] = []
    /// Files that would be added, updated and removed (filled by dry runs).
    public var planned: [PlannedChange] = []

    /// `12 new, 3 updated, 1 removed, 2 skipped (40 unchanged)`
    public var summary: String {
        "\(added) new, \(updated) updated, \(removed) removed, \(skipped.count) skipped (\(unchanged) unchanged)"
    }

    public var changedAnything: Bool { added + updated + removed > 0 }
}

/// A change a dry run found.
public struct PlannedChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case add, update, remove }
    public var kind: Kind
    public var path: String
}

/// Where a run has got to, for progress bars.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
}

/// Brings an index up to date with a set of files: adds new ones, re-indexes changed ones and
/// drops articles whose files are gone. Files are read and analysed on all cores; one writer
/// stores them, in transactions that each commit a bounded amount of text, so a run that is
/// killed leaves the index at its last commit and the next run completes the job.
public final class Indexer {
    public struct Options: Sendable {
        /// Start from an empty index.
        public var rebuild = false
        /// Keep articles whose files are gone.
        public var keepMissing = false
        /// Wait for another writer instead of failing.
        public var waitForLock = false
        /// Only say what would change.
        public var dryRun = false
        public var loader = ArticleLoader()
        /// Commit once this many bytes of files were indexed since the last commit…
        public var commitBytes = 32 << 20
        /// …or this many files, whichever comes first.
        public var commitFiles = 2000
        /// Splits closed compounds; nil loads Debian's Danish word list.
        public var decompounder: Decompounder?
        /// Spread articles over this many Xapian databases (shards); nil keeps the index's layout.
        public var shardCount: Int?

        public init() {}
    }

    private let indexPath: String
    private let options: Options
    /// Compounds already in each shard's synonym table (this run).
    private var recordedCompounds: [Int: Set<String>] = [:]
    /// For the words of articles that change or go (made when first needed).
    private var retraction: SpellingRetraction?

    public init(indexPath: String, options: Options = Options()) {
        self.indexPath = indexPath
        self.options = options
    }

    /// Indexes the files under `paths`; `progress` is called after each batch.
    public func run(paths: [String], progress: ((IndexProgress) -> Void)? = nil) throws(PeerSearchError) -> IndexReport {
        if options.dryRun { return try plannedRun(paths: paths) }
        let database = try openWriter(rebuild: options.rebuild)
        let collection = FileCollector().collect(paths)
        var report = IndexReport()
        report.skipped = collection.problems
        do {
            let work = try plan(collection.files, report: &report) { database.shard(for: $0) }
            try write(work, to: database, report: &report, progress: progress)
            if !options.keepMissing {
                let missing = try database.shards.flatMap { shard in
                    try missingArticles(under: collection.roots, keeping: Set(collection.files), in: shard)
                }
                if !missing.isEmpty {
                    try database.inTransaction {
                        for article in missing { try delete(article.uniqueTerm, from: database) }
                    }
                }
                report.removed = missing.count
            }
            if report.changedAnything {
                try database.setMetadata(IndexStore.lastIndexedKey, ISOTimestamp.now)
            }
            try database.close()
        } catch {
            throw IndexStore.translate(error, path: indexPath)
        }
        report.skipped.sort { $0.path < $1.path }
        return report
    }

    /// Deletes the articles of `paths` (files, or every article under a folder, or the ids given
    /// to `add`), whether or not the files still exist. Returns how many were removed.
    public func remove(paths: [String]) throws(PeerSearchError) -> Int {
        let database = try openWriter(rebuild: false)
        do {
            let doomed = try database.shards.flatMap { shard in
                try missingArticles(under: paths + paths.map(FileCollector.absolute), keeping: [], in: shard)
            }
            try database.inTransaction {
                for article in doomed { try delete(article.uniqueTerm, from: database) }
            }
            if !doomed.isEmpty {
                try database.setMetadata(IndexStore.lastIndexedKey, ISOTimestamp.now)
            }
            try database.close()
            return doomed.count
        } catch {
            throw IndexStore.translate(error, path: indexPath)
        }
    }

    /// Deletes exactly the article kept under `path` (a file's path or an id given to `add`).
    /// Returns 1, or 0 when the index has no such article.
    public func removeArticle(at path: String) throws(PeerSearchError) -> Int {
        let database = try openWriter(rebuild: false)
        do {
            let uniqueTerm = TermScheme.uniqueIDTerm(path: path)
            let found = try database.shard(for: uniqueTerm).firstDocumentID(withTerm: uniqueTerm) != nil
            if found {
                try database.inTransaction { try delete(uniqueTerm, from: database) }
                try database.setMetadata(IndexStore.lastIndexedKey, ISOTimestamp.now)
            }
            try database.close()
            return found ? 1 : 0
        } catch {
            throw IndexStore.translate(error, path: indexPath)
        }
    }

    /// Indexes one article that has no file (e.g. read from standard input) under `id`.
    public func add(_ article: Article) throws(PeerSearchError) -> IndexReport {
        let database = try openWriter(rebuild: false)
        var report = IndexReport()
        do {
            let uniqueTerm = TermScheme.uniqueIDTerm(path: article.path)
            let exists = try database.shard(for: uniqueTerm).firstDocumentID(withTerm: uniqueTerm) != nil
            let builder = try makeWorkers(count: 1, report: &report)[0]
            let facts = DocumentBuilder.FileFacts(bytes: article.text.utf8.count, modified: Date(), stamp: "stdin")
            let built = try builder.document(for: article, file: facts)
            var vocabulary = BatchVocabulary()
            vocabulary.add(built, inShard: database.shardIndex(uniqueTerm))
            try database.inTransaction {
                if exists { try spellingRetraction().retractWords(ofArticle: uniqueTerm, in: database.shard(for: uniqueTerm)) }
                try database.replaceDocument(uniqueTerm: uniqueTerm, with: built.document)
                try add(vocabulary, to: database)
            }
            if exists { report.updated = 1 } else { report.added = 1 }
            try database.setMetadata(IndexStore.lastIndexedKey, ISOTimestamp.now)
            try database.close()
        } catch {
            throw IndexStore.translate(error, path: indexPath)
        }
        return report
    }

    private func openWriter(rebuild: Bool) throws(PeerSearchError) -> ShardedWriter {
        try ShardedWriter(path: indexPath, rebuild: rebuild, shardCount: options.shardCount, waitForLock: options.waitForLock)
    }

    // MARK: Planning

    /// A file that needs (re-)indexing.
    struct WorkItem {
        var path: String
        var uniqueTerm: String
        var facts: DocumentBuilder.FileFacts
        /// The indexed article's document id and content hash, when it is an update.
        var existing: (docid: UInt32, contentHash: String)?
    }

    /// The files whose size or modification time differ from what the index holds; `database`
    /// gives the database to look an article's unique id term up in (nil: a new index).
    private func plan(_ files: [String], report: inout IndexReport, database: (String) -> Database?) throws -> [WorkItem] {
        var work: [WorkItem] = []
        for path in files {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else {
                report.skipped.append(SkippedFile(path: path, reason: "cannot read file attributes"))
                continue
            }
            let stamp = "\(size):\(modified.timeIntervalSince1970)"
            let uniqueTerm = TermScheme.uniqueIDTerm(path: path)
            var existing: (UInt32, String)?
            if let database = database(uniqueTerm), let docid = try database.firstDocumentID(withTerm: uniqueTerm) {
                let document = try database.document(docid)
                if try document.value(slot: TermScheme.Slot.fileStamp) == stamp {
                    report.unchanged += 1
                    continue
                }
                existing = (docid, try document.value(slot: TermScheme.Slot.contentHash))
            }
            work.append(WorkItem(path: path, uniqueTerm: uniqueTerm,
                                 facts: .init(bytes: size, modified: modified, stamp: stamp), existing: existing))
        }
        return work
    }

    /// A dry run: what `run` would add, update and remove, without reading articles or writing.
    private func plannedRun(paths: [String]) throws(PeerSearchError) -> IndexReport {
        let database = try IndexStore.openForReading(indexPath, missingIsEmpty: true)
        let collection = FileCollector().collect(paths)
        var report = IndexReport()
        report.skipped = collection.problems
        do {
            for item in try plan(collection.files, report: &report, database: { _ in database }) {
                if item.existing == nil { report.added += 1 } else { report.updated += 1 }
                report.planned.append(PlannedChange(kind: item.existing == nil ? .add : .update, path: item.path))
            }
            if !options.keepMissing, let database {
                let missing = try missingArticles(under: collection.roots, keeping: Set(collection.files), in: database)
                report.removed = missing.count
                report.planned += missing.map { PlannedChange(kind: .remove, path: $0.path) }
            }
        } catch {
            throw IndexStore.translate(error, path: indexPath)
        }
        return report
    }

    /// Indexed articles under `roots` whose paths are not in `present`.
    private func missingArticles(under roots: [String], keeping present: Set<String>,
                                 in database: Database) throws -> [(uniqueTerm: String, path: String)] {
        var missing: [(String, String)] = []
        for term in try database.allTerms(withPrefix: TermScheme.uniqueIDPrefix) {
            guard let docid = try database.firstDocumentID(withTerm: term) else { continue }
            let path = try StoredArticle.decode(database.document(docid).data()).path
            if !present.contains(path), roots.contains(where: { Self.path(path, isWithin: $0) }) {
                missing.append((term, path))
            }
        }
        return missing
    }

    static func path(_ path: String, isWithin root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    // MARK: Writing

    /// Reads, analyses and stores `work`, committing a transaction every `commitBytes`/`commitFiles`.
    private func write(_ work: [WorkItem], to database: ShardedWriter, report: inout IndexReport,
                       progress: ((IndexProgress) -> Void)?) throws {
        guard !work.isEmpty else { return }
        let workers = try makeWorkers(count: Self.workerCount, report: &report)
        var status = IndexProgress(filesDone: 0, filesTotal: work.count, bytesDone: 0,
                                   bytesTotal: work.reduce(0) { $0 + $1.facts.bytes })
        var pendingBytes = 0, pendingFiles = 0
        var inTransaction = false
        do {
            // While one batch is written, the next ones are read and analysed, a few batches
            // ahead, so neither the writer (say, during a commit) nor the workers (say, on a
            // large PDF) keep the other waiting.
            let batches = Self.batches(of: work)
            let preparation = BatchPreparation(workers: workers, loader: options.loader, shardOf: database.shardIndex)
            var upcoming: [PreparedBatch] = []
            var started = 0
            for batch in batches {
                while started < batches.count && upcoming.count < Self.batchesAhead {
                    upcoming.append(preparation.start(batches[started]))
                    started += 1
                }
                let (prepared, vocabulary) = upcoming.removeFirst().wait()
                for (item, outcome) in zip(batch, prepared) {
                    if case .failure(let reason) = outcome {
                        report.skipped.append(SkippedFile(path: item.path, reason: reason))
                        continue
                    }
                    if !inTransaction {
                        try database.beginTransaction()
                        inTransaction = true
                    }
                    switch outcome {
                    case .built(let built, let notes):
                        if item.existing != nil {
                            try spellingRetraction().retractWords(ofArticle: item.uniqueTerm, in: database.shard(for: item.uniqueTerm))
                        }
                        try database.replaceDocument(uniqueTerm: item.uniqueTerm, with: built.document)
                        if item.existing == nil { report.added += 1 } else { report.updated += 1 }
                        report.notes += notes.map { SkippedFile(path: item.path, reason: $0) }
                    case .touched:
                        // Same bytes, new modification time: only the stored stamp changes.
                        let document = try database.shard(for: item.uniqueTerm).document(item.existing!.docid)
                        try document.setValue(item.facts.stamp, slot: TermScheme.Slot.fileStamp)
                        try database.replaceDocument(uniqueTerm: item.uniqueTerm, with: document)
                        report.unchanged += 1
                    case .failure:
                        break
                    }
                    pendingBytes += item.facts.bytes
                    pendingFiles += 1
                }
                try add(vocabulary, to: database)
                // The batch's documents and words are freed by another thread: the writer's
                // thread is the one all others wait for.
                let written = UncheckedBox((consume prepared, consume vocabulary))
                DispatchQueue.global().async { _ = written }
                if inTransaction && (pendingBytes >= options.commitBytes || pendingFiles >= options.commitFiles) {
                    try database.commitTransaction()
                    inTransaction = false
                    pendingBytes = 0
                    pendingFiles = 0
                }
                status.filesDone += batch.count
                status.bytesDone += batch.reduce(0) { $0 + $1.facts.bytes }
                progress?(status)
            }
            if inTransaction { try database.commitTransaction() }
        } catch {
            if inTransaction { database.cancelTransaction() }
            throw error
        }
    }

    /// Deletes the article kept under `uniqueTerm`, and its words from the spelling data.
    private func delete(_ uniqueTerm: String, from database: ShardedWriter) throws {
        try spellingRetraction().retractWords(ofArticle: uniqueTerm, in: database.shard(for: uniqueTerm))
        try database.deleteDocuments(uniqueTerm: uniqueTerm)
    }

    private func spellingRetraction() throws(XapianError) -> SpellingRetraction {
        if let retraction { return retraction }
        let made = try SpellingRetraction()
        retraction = made
        return made
    }

    /// Adds a batch's words to each shard's spelling data (each word once, with the number of
    /// articles holding it) and its compounds, with their parts, to the synonym table.
    private func add(_ vocabulary: BatchVocabulary, to writer: ShardedWriter) throws {
        for (shard, words) in vocabulary.wordsByShard {
            let database = writer.shards[shard]
            for (word, count) in words { try database.addSpelling(word, increment: count) }
        }
        for (shard, compounds) in vocabulary.compoundsByShard {
            let database = writer.shards[shard]
            // Adding a synonym the table holds already changes nothing.
            for (compound, parts) in compounds where recordedCompounds[shard, default: []].insert(compound).inserted {
                try database.addSynonym(parts.joined(separator: " "), for: compound)
            }
        }
    }

    static let noWordListWarning = "Danish word list \(Decompounder.defaultWordListPath) not found (apt-get install wdanish): closed compounds are not split"

    /// Document builders sharing the word list for compound splitting.
    private func makeWorkers(count: Int, report: inout IndexReport) throws(XapianError) -> [DocumentBuilder] {
        let decompounder = options.decompounder ?? Decompounder()
        if decompounder == nil { report.warnings.append(Self.noWordListWarning) }
        return try (0..<count).map { _ throws(XapianError) in try DocumentBuilder(decompounder: decompounder) }
    }

    // MARK: Parallel preparation

    enum Prepared {
        case built(DocumentBuilder.Built, notes: [String])
        /// The file's bytes are those already indexed.
        case touched
        case failure(String)
    }

    private static var workerCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// How many batches are read and analysed ahead of the writer.
    private static let batchesAhead = 4
    /// A batch holds at most this many files…
    private static let batchFiles = 64
    /// …and, unless one file is larger, this many bytes of them, so the batches in memory stay
    /// small whatever the files.
    private static let batchBytes = 8 << 20

    /// `work` cut into consecutive batches.
    static func batches(of work: [WorkItem]) -> [ArraySlice<WorkItem>] {
        var batches: [ArraySlice<WorkItem>] = []
        var start = 0, bytes = 0
        for (index, item) in work.enumerated() {
            if index > start && (index - start == batchFiles || bytes + item.facts.bytes > batchBytes) {
                batches.append(work[start..<index])
                start = index
                bytes = 0
            }
            bytes += item.facts.bytes
        }
        if start < work.count { batches.append(work[start...]) }
        return batches
    }

    /// Reads and analyses batches in the background, one batch at a time (in the order they
    /// were started), each on all worker threads.
    final class BatchPreparation: @unchecked Sendable {
        private let workers: [DocumentBuilder]
        private let loader: ArticleLoader
        private let shardOf: @Sendable (String) -> Int
        private let queue = DispatchQueue(label: "peersearch.index.prepare")

        /// `shardOf` tells which shard an article (by unique id term) goes to.
        init(workers: [DocumentBuilder], loader: ArticleLoader, shardOf: @escaping @Sendable (String) -> Int) {
            self.workers = workers
            self.loader = loader
            self.shardOf = shardOf
        }

        func start(_ batch: ArraySlice<WorkItem>) -> PreparedBatch {
            let pending = PreparedBatch()
            let items = UncheckedBox(batch)
            queue.async(group: pending.group) {
                pending.results = self.prepare(items.value)
                for (item, outcome) in zip(items.value, pending.results) {
                    if case .built(let built, _) = outcome {
                        pending.vocabulary.add(built, inShard: self.shardOf(item.uniqueTerm))
                    }
                }
            }
            return pending
        }

        /// Reads and analyses `batch` in parallel, one builder per worker thread, each taking
        /// the next file as it gets free.
        private func prepare(_ batch: ArraySlice<WorkItem>) -> [Prepared] {
            let items = Array(batch)
            return concurrentMap(count: items.count, threads: workers.count, makeThreadState: { worker in
                Self.yieldToTheWriter()
                return self.workers[worker]
            }) { index, builder in
                Indexer.prepareOne(items[index], builder: builder, loader: self.loader)
            }
        }

        /// Lowers the calling thread's priority a little: everything waits for the one writer,
        /// so when the cores are all busy it should get more of them than the analysing threads.
        private static func yieldToTheWriter() {
            #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)  // on Linux, 0 is this thread
            #endif
        }
    }

    /// A batch being read and analysed in the background.
    final class PreparedBatch: @unchecked Sendable {
        fileprivate let group = DispatchGroup()
        fileprivate var results: [Prepared] = []
        fileprivate var vocabulary = BatchVocabulary()

        /// The batch's outcomes, in order, and the words of its articles, once they are ready.
        func wait() -> ([Prepared], BatchVocabulary) {
            group.wait()
            return (results, vocabulary)
        }
    }

    private static func prepareOne(_ item: WorkItem, builder: DocumentBuilder, loader: ArticleLoader) -> Prepared {
        do {
            if let existing = item.existing, !existing.contentHash.isEmpty,
               try String(loader.contentHash(path: item.path), radix: 16) == existing.contentHash {
                return .touched
            }
            let article = try loader.load(path: item.path)
            return .built(try builder.document(for: article, file: item.facts), notes: article.notes)
        } catch let error as IngestionError {
            return .failure(error.description)
        } catch {
            return .failure("\(error)")
        }
    }
}

/// What one batch adds to each shard's spelling data and synonym table: its words with the
/// number of articles holding them, and its compounds with their parts. Gathered off the
/// writer's thread, so the writer adds each word and compound once.
struct BatchVocabulary {
    private(set) var wordsByShard: [Int: [String: Int]] = [:]
    private(set) var compoundsByShard: [Int: [String: [String]]] = [:]

    mutating func add(_ built: DocumentBuilder.Built, inShard shard: Int) {
        for word in built.words { wordsByShard[shard, default: [:]][word, default: 0] += 1 }
        compoundsByShard[shard, default: [:]].merge(built.compounds) { first, _ in first }
    }
}
