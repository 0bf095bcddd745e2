import Analysis
import Foundation
import Ingestion
import Xapian

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
        /// Where articles without files of their own are kept as files; nil: beside the index
        /// (`Index.archive`).
        public var archiveFolder: String?

        public init() {}
    }

    let indexPath: String
    let options: Options
    /// Where articles without files of their own are kept.
    let archive: ArticleArchive
    /// Compounds this run put in a synonym table: each with the parts of its first article, in
    /// that article's shard.
    var recordedCompounds: Set<String> = []
    /// In a new index written in order (`ShardedWriter.placesInOrder`), the compounds of the
    /// later parts' articles, by part, each with the parts of its first article in the part:
    /// recorded once the run is through, after the first part's, so each compound gets the
    /// parts of its first article in file order, as one writer would record.
    var deferredCompounds: [Int: [String: (parts: [String], shard: Int)]] = [:]
    /// For the words of articles that change or go (made when first needed).
    var retraction: SpellingRetraction?

    public init(indexPath: String, options: Options = Options()) {
        self.indexPath = indexPath
        var options = options
        if options.loader.ocr.cacheFolder == nil { options.loader.ocr.cacheFolder = Self.ocrCacheFolder(forIndex: indexPath) }
        self.options = options
        archive = ArticleArchive(folder: options.archiveFolder ?? ArticleArchive.defaultFolder(forIndex: indexPath))
    }

    /// Where OCR's text is cached unless told otherwise: beside the index (`Index.ocr`), outside
    /// it, so a rebuild keeps it.
    public static func ocrCacheFolder(forIndex indexPath: String) -> String {
        IndexLocation.folder(beside: indexPath, suffix: ".ocr")
    }

    /// Finds the files of a run: those under the paths, and the archived articles.
    var collector: FileCollector {
        FileCollector(loader: options.loader, archive: archive)
    }

    /// Indexes the files under `paths`; `progress` is called after each batch.
    public func run(paths: [String], progress: ((IndexProgress) -> Void)? = nil) throws(PeerSearchError) -> IndexReport {
        if options.dryRun { return try plannedRun(paths: paths) }
        // Nothing to index into an index that does not exist yet: no empty index is left behind.
        if !FileManager.default.fileExists(atPath: indexPath), !paths.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
            var report = IndexReport()
            report.skipped = collector.collect(paths).problems
            return report
        }
        try archiveArticlesWithoutFiles()
        var report = try IndexStore.withWriter(indexPath, writerOptions(rebuild: options.rebuild)) { database in
            let collection = collector.collect(paths)
            var report = IndexReport()
            report.skipped = collection.problems
            report.unsupported = collection.unsupported
            let work = try plan(collection, report: &report, databases: database.shards)
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
                report.removed += missing.count
            }
            if report.changedAnything { try database.stampLastIndexed() }
            return report
        }
        report.skipped.sort { $0.path < $1.path }
        return report
    }

    /// Deletes the articles of `paths` (files, or every article under a folder, or the ids given
    /// to `add`), whether or not the files still exist. Returns how many were removed.
    public func remove(paths: [String]) throws(PeerSearchError) -> Int {
        try IndexStore.withWriter(indexPath, writerOptions()) { database in
            let doomed = try database.shards.flatMap { shard in
                try missingArticles(under: paths + paths.map(FileCollector.absolute), keeping: [], in: shard)
            }
            try database.inTransaction {
                for article in doomed { try delete(article.uniqueTerm, from: database) }
            }
            // An id's file goes too: an index run would bring the article back.
            for article in doomed where ArticleArchive.isID(article.path) { try archive.delete(id: article.path) }
            if !doomed.isEmpty { try database.stampLastIndexed() }
            return doomed.count
        }
    }

    /// Deletes exactly the article kept under `path` (a file's path or an id given to `add`).
    /// Returns 1, or 0 when the index has no such article.
    public func removeArticle(at path: String) throws(PeerSearchError) -> Int {
        try IndexStore.withWriter(indexPath, writerOptions()) { database in
            let uniqueTerm = TermScheme.uniqueIDTerm(path: path)
            guard try database.shard(for: uniqueTerm).firstDocumentID(withTerm: uniqueTerm) != nil else { return 0 }
            try database.inTransaction { try delete(uniqueTerm, from: database) }
            if ArticleArchive.isID(path) { try archive.delete(id: path) }
            try database.stampLastIndexed()
            return 1
        }
    }

    /// Indexes one article that has no file of its own (an upload, standard input) under its id.
    /// It is read first (an article that cannot be read is refused before anything is kept),
    /// then kept as a file in the archive, on disk before it is indexed, so an article this
    /// returns for survives a crash and a rebuild.
    public func add(_ incoming: IncomingArticle) throws(PeerSearchError) -> IndexReport {
        var article: Article
        do {
            article = try options.loader.load(bytes: incoming.bytes, format: incoming.format, id: incoming.id)
        } catch {
            throw .unreadableArticle(error)
        }
        incoming.metadata.apply(to: &article)
        return try IndexStore.withWriter(indexPath, writerOptions()) { database in
            var report = IndexReport()
            let uniqueTerm = TermScheme.uniqueIDTerm(path: article.path)
            let holder = try database.holder(of: uniqueTerm)
            let shard = holder?.shard ?? database.shardIndex(uniqueTerm)
            let exists = holder != nil
            let file = try archive.store(incoming.bytes, format: incoming.format, id: incoming.id, metadata: incoming.metadata)
            do {
                let builder = try makeWorkers(count: 1, report: &report)[0]
                guard let facts = DocumentBuilder.FileFacts(of: file) else { throw ArchiveError("cannot read '\(file)' back") }
                let built = try builder.document(for: article, file: facts)
                var vocabulary = BatchVocabulary()
                vocabulary.add(built, inShard: shard)
                try database.inTransaction {
                    if exists { try spellingRetraction().retractWords(ofArticle: uniqueTerm, in: database.shards[shard]) }
                    try database.replaceDocument(uniqueTerm: uniqueTerm, with: built.document, inShard: shard)
                    try add(vocabulary, to: database)
                }
            } catch {
                // A new article that was not indexed is not kept either (a changed one is: the
                // next index run brings the index up to its file).
                if !exists { _ = try? archive.delete(id: incoming.id) }
                throw error
            }
            if exists { report.updated = 1 } else { report.added = 1 }
            try database.stampLastIndexed()
            return report
        }
    }

    /// Gives every article kept under an id a file in the archive: those indexed before the
    /// archive existed (from standard input or an upload) get one written from the text and
    /// metadata the index holds, so a rebuild keeps them too. An index that cannot be read (a
    /// damaged one, which a rebuild recovers) has nothing to give.
    private func archiveArticlesWithoutFiles() throws(PeerSearchError) {
        var orphans: [StoredArticle] = []
        _ = try? IndexStore.withReader(indexPath, missingIsEmpty: true) { database in
            guard let database else { return }
            for term in try database.allTerms(withPrefix: TermScheme.uniqueIDPrefix) where !term.hasPrefix(TermScheme.uniqueIDPrefix + "/") {
                guard let docid = try database.firstDocumentID(withTerm: term) else { continue }
                let stored = try StoredArticle.decode(try database.document(docid).data())
                if ArticleArchive.isID(stored.path), !archive.holds(id: stored.path) { orphans.append(stored) }
            }
        }
        for stored in orphans {
            let metadata = ArticleArchive.GivenMetadata(title: stored.title, author: stored.author, source: stored.source, date: stored.date)
            do {
                try archive.store(Array(stored.text.utf8), format: .text, id: stored.path, metadata: metadata)
            } catch {
                throw .translating(error, path: indexPath)
            }
        }
    }

    private func writerOptions(rebuild: Bool = false) -> IndexStore.WriterOptions {
        .init(rebuild: rebuild, shardCount: options.shardCount, waitForLock: options.waitForLock)
    }
}
