import Analysis
import Foundation
import Ingestion
import Xapian

/// The batch pipeline of an index run: the files to index cut into batches, each read and
/// analysed on all cores in the background, a few batches ahead of the one writer.
extension Indexer {
    /// One article of a file, analysed.
    struct BuiltArticle {
        var path: String
        var uniqueTerm: String
        var built: DocumentBuilder.Built
        var notes: [String]

        /// `article` analysed; `uniqueTerm` is its path's unique id term.
        init(_ article: Article, uniqueTerm: String, file: DocumentBuilder.FileFacts, builder: DocumentBuilder) throws {
            path = article.path
            self.uniqueTerm = uniqueTerm
            built = try builder.document(for: article, file: file)
            notes = article.notes
        }
    }

    enum Prepared {
        /// The file's one article, analysed.
        case built(BuiltArticle)
        /// The articles of a file that holds several (an mbox's messages, an e-mail's
        /// attachments), read but not analysed: the writer analyses them a batch at a time, so
        /// a mailbox's documents are never all in memory. With the parts that could not be read.
        case parts([Article], failures: [SkippedFile])
        /// The file's bytes are those already indexed.
        case touched
        case failure(String)
    }

    static var workerCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// How many batches are read and analysed ahead of the writer.
    static let batchesAhead = 4
    /// A batch holds at most this many files…
    static let batchFiles = 64
    /// …and, unless one file is larger, this many bytes of them, so the batches in memory stay
    /// small whatever the files.
    static let batchBytes = 8 << 20

    /// A batch, and the shard its new articles go to (nil: each to the one its id hashes to).
    struct Batch {
        var items: ArraySlice<WorkItem>
        var shard: Int?
    }

    /// `work` cut into batches, for a writer placing articles in `parts` shards in order (see
    /// `ShardedWriter.placesInOrder`): consecutive parts of about equal bytes, one per shard,
    /// each cut into consecutive batches, taken a batch of each part in turn, so every shard
    /// is written at once and gets its part's articles in their order. With one part, simply
    /// `work`'s batches, each article to the shard its id hashes to.
    static func batches(of work: [WorkItem], parts: Int) -> [Batch] {
        guard parts > 1 else { return batches(of: work).map { Batch(items: $0, shard: nil) } }
        let total = max(1, work.reduce(0) { $0 + $1.facts.bytes })
        var bounds = [0]
        var bytes = 0
        for (index, item) in work.enumerated() where bounds.count < parts {
            bytes += item.facts.bytes
            if bytes * parts >= total * bounds.count { bounds.append(index + 1) }
        }
        while bounds.count <= parts { bounds.append(work.count) }
        let cut = (0..<parts).map { part in batches(of: Array(work[bounds[part]..<bounds[part + 1]])) }
        var interleaved: [Batch] = []
        for round in 0..<(cut.map(\.count).max() ?? 0) {
            for part in 0..<parts where round < cut[part].count {
                interleaved.append(Batch(items: cut[part][round], shard: part))
            }
        }
        return interleaved
    }

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

        /// `shardOf` tells which shard an article (by unique id term) goes to, in a batch without one.
        init(workers: [DocumentBuilder], loader: ArticleLoader, shardOf: @escaping @Sendable (String) -> Int) {
            self.workers = workers
            self.loader = loader
            self.shardOf = shardOf
        }

        /// Starts preparing `batch`; its words go to the spelling data of the batch's shard, or
        /// else of each article's own (`shardOf`).
        func start(_ batch: Batch) -> PreparedBatch {
            let pending = PreparedBatch()
            let items = UncheckedBox(batch.items)
            let shard = batch.shard
            queue.async(group: pending.group) {
                pending.results = self.prepare(items.value)
                for outcome in pending.results {
                    guard case .built(let article) = outcome else { continue }
                    pending.vocabulary.add(article.built, inShard: shard ?? self.shardOf(article.uniqueTerm))
                }
            }
            return pending
        }

        /// Reads and analyses `batch` in parallel, one builder per worker thread, each taking
        /// the next file as it gets free.
        func prepare(_ batch: ArraySlice<WorkItem>) -> [Prepared] {
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
        static func yieldToTheWriter() {
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

    static func prepareOne(_ item: WorkItem, builder: DocumentBuilder, loader: ArticleLoader) -> Prepared {
        do {
            if let existing = item.existing, !existing.contentHash.isEmpty,
               try String(loader.contentHash(path: item.path), radix: 16) == existing.contentHash {
                return .touched
            }
            let loaded = try item.archive.map { archive throws in LoadedFile(articles: [try archive.load(file: item.path, loader: loader)]) }
                ?? loader.loadParts(path: item.path)
            if loaded.articles.count == 1, loaded.failures.isEmpty, let article = loaded.articles.first, article.partOf == nil {
                return .built(try BuiltArticle(article, uniqueTerm: item.uniqueTerm, file: item.facts, builder: builder))
            }
            return .parts(loaded.articles, failures: loaded.failures.map { SkippedFile(path: $0.path, reason: $0.reason) })
        } catch let error as IngestionError {
            return .failure(error.description)
        } catch {
            return .failure("\(error)")
        }
    }
}
