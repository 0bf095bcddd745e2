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
        /// The indexed article's document id and content hash, when it is an update.
        var existing: (docid: UInt32, contentHash: String)?
    }

    /// The files whose size or modification time differ from what the index holds; `database`
    /// gives the database to look an article's unique id term up in (nil: a new index).
    func plan(_ collection: FileCollector.Collection, report: inout IndexReport,
              database: (String) -> Database?) throws -> [WorkItem] {
        var work: [WorkItem] = []
        for path in collection.files {
            guard let facts = DocumentBuilder.FileFacts(of: path) else {
                report.skipped.append(SkippedFile(path: path, reason: "cannot read file attributes"))
                continue
            }
            let keptAs = collection.keptAs(path)
            let uniqueTerm = TermScheme.uniqueIDTerm(path: keptAs)
            var existing: (UInt32, String)?
            if let database = database(uniqueTerm), let docid = try database.firstDocumentID(withTerm: uniqueTerm) {
                let document = try database.document(docid)
                if try document.value(slot: TermScheme.Slot.fileStamp) == facts.stamp {
                    report.unchanged += 1
                    continue
                }
                existing = (docid, try document.value(slot: TermScheme.Slot.contentHash))
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
            for item in try plan(collection, report: &report, database: { _ in database }) {
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

    /// Indexed articles under `roots` whose paths are not in `present`.
    func missingArticles(under roots: [String], keeping present: Set<String>,
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
}
