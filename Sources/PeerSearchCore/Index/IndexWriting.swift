import Analysis
import Foundation
import Ingestion
import Xapian

/// The writer loop of an index run: prepared batches are stored in transactions that each commit
/// a bounded amount of text, with the spelling data and synonyms their articles bring.
extension Indexer {
    /// Reads, analyses and stores `work`, committing a transaction every `commitBytes`/`commitFiles`.
    func write(_ work: [WorkItem], to database: ShardedWriter, report: inout IndexReport,
                       progress: ((IndexProgress) -> Void)?) throws {
        guard !work.isEmpty else { return }
        // Builders for the batches read ahead, and as many for the parts of files that hold
        // several articles, which the writer analyses as it stores them.
        var builders = try makeWorkers(count: 2 * Self.workerCount, report: &report)
        let partBuilders = Array(builders.suffix(Self.workerCount))
        builders.removeLast(Self.workerCount)
        let workers = builders
        var status = IndexProgress(filesDone: 0, filesTotal: work.count, bytesDone: 0,
                                   bytesTotal: work.reduce(0) { $0 + $1.facts.bytes })
        var pendingBytes = 0, pendingFiles = 0
        var inTransaction = false
        do {
            // While one batch is written, the next ones are read and analysed, a few batches
            // ahead, so neither the writer (say, during a commit) nor the workers (say, on a
            // large PDF) keep the other waiting.
            let batches = Self.batches(of: work, parts: database.placesInOrder ? database.shardCount : 1)
            let preparation = BatchPreparation(workers: workers, loader: options.loader, shardOf: database.shardIndex)
            var upcoming: [PreparedBatch] = []
            var started = 0
            for next in batches {
                let batch = next.items
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
                    case .built(let article):
                        try store(article, replacing: item.existing?.uniqueTerms ?? [], in: database, shard: next.shard,
                                  report: &report)
                        try deleteGone(of: item, keeping: [article.uniqueTerm], from: database, report: &report)
                    case .parts(let articles, let failures):
                        // A mailbox's messages are committed as they are stored, a commit's
                        // worth of text at a time, so Xapian never holds them all.
                        try storeParts(articles, of: item, builders: partBuilders, in: database, shard: next.shard,
                                       report: &report) { bytes, count in
                            pendingBytes += bytes
                            pendingFiles += count
                            guard pendingBytes >= options.commitBytes || pendingFiles >= options.commitFiles else { return }
                            try database.commitTransaction()
                            try database.beginTransaction()
                            pendingBytes = 0
                            pendingFiles = 0
                        }
                        report.skipped += failures
                    case .touched:
                        // Same bytes, new modification time: only the stored stamps change.
                        for uniqueTerm in item.existing?.uniqueTerms ?? [] {
                            guard let (shard, docid) = try database.holder(of: uniqueTerm) else { continue }
                            let document = try database.shards[shard].document(docid)
                            try document.setValue(item.facts.stamp, slot: TermScheme.Slot.fileStamp)
                            try database.replaceDocument(uniqueTerm: uniqueTerm, with: document, inShard: shard)
                        }
                        report.unchanged += 1
                    case .failure:
                        break
                    }
                    pendingBytes += item.facts.bytes
                    pendingFiles += 1
                }
                try add(vocabulary, to: database, deferringLaterParts: database.placesInOrder)
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
            if !deferredCompounds.isEmpty {
                if !inTransaction {
                    try database.beginTransaction()
                    inTransaction = true
                }
                try addDeferredCompounds(to: database)
            }
            if inTransaction { try database.commitTransaction() }
        } catch {
            if inTransaction { database.cancelTransaction() }
            throw error
        }
    }

    /// Stores an analysed article, replacing the one the index holds under its path if `held`
    /// has it (in the shard holding it); a new one goes to shard `shard`, or else to the one its
    /// id hashes to. Returns the shard it went to.
    @discardableResult
    private func store(_ article: BuiltArticle, replacing held: Set<String>, in database: ShardedWriter, shard: Int?,
                       report: inout IndexReport) throws -> Int {
        let target: Int
        if held.contains(article.uniqueTerm) {
            target = try database.shardNumber(for: article.uniqueTerm)
            try spellingRetraction().retractWords(ofArticle: article.uniqueTerm, in: database.shards[target])
            report.updated += 1
        } else {
            target = shard ?? database.shardIndex(article.uniqueTerm)
            report.added += 1
        }
        try database.replaceDocument(uniqueTerm: article.uniqueTerm, with: article.built.document, inShard: target)
        report.notes += article.notes.map { SkippedFile(path: article.path, reason: $0) }
        return target
    }

    /// Analyses and stores the articles of a file that holds several, `batchFiles` at a time
    /// on all cores (each batch's documents freed before the next is analysed; `stored` is
    /// called with each batch's bytes of text and articles), then deletes those the index held of the file
    /// that are gone (a message deleted from an mbox). Each records how many the file has.
    private func storeParts(_ articles: [Article], of item: WorkItem, builders: [DocumentBuilder], in database: ShardedWriter,
                            shard: Int?, report: inout IndexReport, stored batchStored: (_ bytes: Int, _ articles: Int) throws -> Void) throws {
        let held = item.existing?.uniqueTerms ?? []
        var stored = Set<String>()
        for start in stride(from: 0, to: articles.count, by: Self.batchFiles) {
            let chunk = Array(articles[start..<min(start + Self.batchFiles, articles.count)])
            let built = concurrentMap(count: chunk.count, threads: builders.count, makeThreadState: { builders[$0] }) { index, builder in
                Result { try BuiltArticle(chunk[index], uniqueTerm: TermScheme.uniqueIDTerm(path: chunk[index].path), file: item.facts, builder: builder) }
            }
            var vocabulary = BatchVocabulary()
            for (article, outcome) in zip(chunk, built) {
                switch outcome {
                case .success(let built):
                    try built.built.document.setValue(String(articles.count), slot: TermScheme.Slot.fileParts)
                    let storedIn = try store(built, replacing: held, in: database, shard: shard, report: &report)
                    vocabulary.add(built.built, inShard: storedIn)
                    stored.insert(built.uniqueTerm)
                case .failure(let error):
                    report.skipped.append(SkippedFile(path: article.path, reason: "\(error)"))
                }
            }
            try add(vocabulary, to: database, deferringLaterParts: database.placesInOrder)
            try batchStored(chunk.reduce(0) { $0 + $1.text.utf8.count }, chunk.count)
        }
        try deleteGone(of: item, keeping: stored, from: database, report: &report)
    }

    /// Deletes the articles the index held of the file that are not among `kept`.
    private func deleteGone(of item: WorkItem, keeping kept: Set<String>, from database: ShardedWriter,
                            report: inout IndexReport) throws {
        for uniqueTerm in (item.existing?.uniqueTerms ?? []).subtracting(kept) {
            try delete(uniqueTerm, from: database)
            report.removed += 1
        }
    }

    /// Deletes the article kept under `uniqueTerm`, and its words from the spelling data.
    func delete(_ uniqueTerm: String, from database: ShardedWriter) throws {
        try spellingRetraction().retractWords(ofArticle: uniqueTerm, in: try database.shard(for: uniqueTerm))
        try database.deleteDocuments(uniqueTerm: uniqueTerm)
    }

    func spellingRetraction() throws(XapianError) -> SpellingRetraction {
        if let retraction { return retraction }
        let made = try SpellingRetraction()
        retraction = made
        return made
    }

    /// Adds a batch's words to each shard's spelling data (each word once, with the number of
    /// articles holding it) and its compounds, with their parts, to the synonym table; with
    /// `deferringLaterParts`, those of shards past the first wait for `addDeferredCompounds`.
    func add(_ vocabulary: BatchVocabulary, to writer: ShardedWriter, deferringLaterParts: Bool = false) throws {
        for (shard, words) in vocabulary.wordsByShard {
            try writer.addSpelling(words, inShard: shard)
        }
        var now: [String: (parts: [String], shard: Int)] = [:]
        for (compound, found) in vocabulary.compounds {
            if deferringLaterParts && found.shard > 0 {
                if deferredCompounds[found.shard]?[compound] == nil { deferredCompounds[found.shard, default: [:]][compound] = found }
            } else {
                now[compound] = found
            }
        }
        try addSynonyms(now, to: writer)
    }

    /// Records the compounds held back until the run is through (see `deferredCompounds`).
    func addDeferredCompounds(to writer: ShardedWriter) throws {
        for part in deferredCompounds.keys.sorted() { try addSynonyms(deferredCompounds[part] ?? [:], to: writer) }
        deferredCompounds = [:]
    }

    /// Records each compound not recorded yet this run, with its parts, in its shard. (Adding a
    /// synonym the table holds already changes nothing.)
    private func addSynonyms(_ compounds: [String: (parts: [String], shard: Int)], to writer: ShardedWriter) throws {
        var byShard: [Int: [(term: String, synonym: String)]] = [:]
        for (compound, found) in compounds where recordedCompounds.insert(compound).inserted {
            byShard[found.shard, default: []].append((term: compound, synonym: found.parts.joined(separator: " ")))
        }
        for (shard, synonyms) in byShard { try writer.addSynonyms(synonyms, inShard: shard) }
    }

    static let noWordListWarning = "Danish word list \(Decompounder.defaultWordListPath) not found (apt-get install wdanish): closed compounds are not split"

    /// Document builders sharing the word list for compound splitting.
    func makeWorkers(count: Int, report: inout IndexReport) throws(XapianError) -> [DocumentBuilder] {
        let decompounder = options.decompounder ?? Decompounder()
        if decompounder == nil { report.warnings.append(Self.noWordListWarning) }
        return try (0..<count).map { _ throws(XapianError) in try DocumentBuilder(decompounder: decompounder) }
    }
}
