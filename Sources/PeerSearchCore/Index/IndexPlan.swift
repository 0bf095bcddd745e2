import Analysis
import Foundation
import Ingestion
import Xapian

/// Planning an index run: which files are new or changed (by size and modification time), which
/// articles' files are gone, and what a dry run reports.
extension Indexer {
    /// A file that needs (re-)indexing.
    struct WorkItem {
        /// The file to read.
        var path: String
        /// The path the article is kept under: the file's, or an archived article's id.
        var keptAs: String
        /// Set when the file holds an archived article.
        var archive: ArticleArchive?
        var uniqueTerm: String
        var facts: DocumentBuilder.FileFacts
        /// When it is an update: the unique id terms of the articles the index holds of the file
        /// (its own, or its parts': an mbox's messages), and the file's content hash.
        var existing: (uniqueTerms: Set<String>, contentHash: String)?
    }

    /// The files whose size or modification time differ from what the index holds, in
    /// `databases` (the shards; none for a new index). A file's articles are found by its
    /// unique id term, and the parts of a file that holds several by its `XFILE` term.
    func plan(_ collection: FileCollector.Collection, report: inout IndexReport,
              databases: [Database]) throws -> [WorkItem] {
        var work: [WorkItem] = []
        for path in collection.files {
            guard let facts = DocumentBuilder.FileFacts(of: path) else {
                report.skipped.append(SkippedFile(path: path, reason: "cannot read file attributes"))
                continue
            }
            let keptAs = collection.keptAs(path)
            let uniqueTerm = TermScheme.uniqueIDTerm(path: keptAs)
            var existing: (uniqueTerms: Set<String>, contentHash: String)?
            // Unchanged: every article found has the file's stamp and, for a file of several,
            // all of them were found (a run killed while storing them stored only some).
            var sameStamp = true
            var parts: Int?
            func found(_ document: Document, uniqueTerm: String) throws {
                if existing == nil { existing = ([], try document.value(slot: TermScheme.Slot.contentHash)) }
                existing?.uniqueTerms.insert(uniqueTerm)
                sameStamp = try sameStamp && document.value(slot: TermScheme.Slot.fileStamp) == facts.stamp
                parts = try Int(document.value(slot: TermScheme.Slot.fileParts))
            }
            for database in databases {
                if let docid = try database.firstDocumentID(withTerm: uniqueTerm) {
                    try found(database.document(docid), uniqueTerm: uniqueTerm)
                }
            }
            if existing == nil || parts != nil || !sameStamp {
                let fileTerm = TermScheme.fileTerm(path: keptAs)
                for database in databases {
                    for docid in try database.documentIDs(withTerm: fileTerm) {
                        let document = try database.document(docid)
                        try found(document, uniqueTerm: TermScheme.uniqueIDTerm(path: StoredArticle.decode(document.data()).path))
                    }
                }
            }
            if let held = existing?.uniqueTerms, let parts, parts != held.count {
                existing?.contentHash = ""  // some of its articles are missing: read it again whatever its bytes
            } else if existing != nil, sameStamp {
                report.unchanged += 1
                continue
            }
            work.append(WorkItem(path: path, keptAs: keptAs, archive: keptAs == path ? nil : archive, uniqueTerm: uniqueTerm,
                                 facts: facts, existing: existing))
        }
        return work
    }

    /// A dry run: what `run` would add, update and remove, without reading articles or writing.
    func plannedRun(paths: [String]) throws(PeerSearchError) -> IndexReport {
        try IndexStore.withReader(indexPath, missingIsEmpty: true) { database in
            let collection = collector.collect(paths)
            var report = IndexReport()
            report.skipped = collection.problems
            report.unsupported = collection.unsupported
            for item in try plan(collection, report: &report, databases: database.map { [$0] } ?? []) {
                if item.existing == nil { report.added += 1 } else { report.updated += 1 }
                report.planned.append(PlannedChange(kind: item.existing == nil ? .add : .update, path: item.keptAs))
            }
            if !options.keepMissing, let database {
                let missing = try missingArticles(under: collection.roots, keeping: Set(collection.files), in: database)
                report.removed = missing.count
                report.planned += missing.map { PlannedChange(kind: .remove, path: $0.path) }
            }
            return report
        }
    }

    /// Indexed articles under `roots` whose files are not in `present`: an article is under a root
    /// by its path (`remove mail.mbox#3` takes one message) or its file's (`remove mail.mbox`
    /// takes them all), and present when its file is (an mbox's messages while the mbox is).
    func missingArticles(under roots: [String], keeping present: Set<String>,
                         in database: Database) throws -> [(uniqueTerm: String, path: String)] {
        var missing: [(String, String)] = []
        for term in try database.allTerms(withPrefix: TermScheme.uniqueIDPrefix) {
            guard let docid = try database.firstDocumentID(withTerm: term) else { continue }
            let stored = try StoredArticle.decode(database.document(docid).data())
            let file = stored.file ?? stored.path
            if !present.contains(file), roots.contains(where: { Self.path(stored.path, isWithin: $0) || Self.path(file, isWithin: $0) }) {
                missing.append((term, stored.path))
            }
        }
        return missing
    }

    static func path(_ path: String, isWithin root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

extension Database {
    /// The ids of every document indexed by `term`.
    func documentIDs(withTerm term: String) throws(XapianError) -> [UInt32] {
        let count = try termFrequency(term)
        guard count > 0 else { return [] }
        let enquire = try Enquire(database: self)
        try enquire.setQuery(Query(term: term))
        return try enquire.matches(maxItems: count).items().map(\.documentID)
    }
}
