import Foundation
import Ingestion
import Xapian

/// What an index run did.
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

    /// `12 new, 3 updated, 1 removed, 2 skipped`
    public var summary: String {
        "\(added) new, \(updated) updated, \(removed) removed, \(skipped.count) skipped (\(unchanged) unchanged)"
    }
}

/// Brings an index up to date with a set of files: adds new ones, re-indexes changed ones and
/// drops articles whose files are gone. Files are read and analysed on all cores; one writer
/// stores them.
public final class Indexer {
    public struct Options: Sendable {
        /// Start from an empty index.
        public var rebuild = false
        /// Keep articles whose files are gone.
        public var keepMissing = false
        /// Wait for another writer instead of failing.
        public var waitForLock = false
        public var loader = ArticleLoader()
        /// Commit after this many changed articles, so an interrupted run keeps its work.
        public var commitEvery = 1000
        /// Splits closed compounds; nil loads Debian's Danish word list.
        public var decompounder: Decompounder?

        public init() {}
    }

    private let indexPath: String
    private let options: Options

    public init(indexPath: String, options: Options = Options()) {
        self.indexPath = indexPath
        self.options = options
    }

    public func run(paths: [String]) throws(PeerSearchError) -> IndexReport {
        let database = try openDatabase()
        let collection = FileCollector().collect(paths)
        var report = IndexReport()
        report.skipped = collection.problems
        var pending = 0
        do {
            let work = try plan(collection.files, in: database, report: &report)
            let workers = work.isEmpty ? [] : try makeWorkers(report: &report)
            for batch in work.chunked(into: 64) {
                let prepared = Self.prepare(batch, with: workers, loader: options.loader)
                for (item, outcome) in zip(batch, prepared) {
                    switch outcome {
                    case .failure(let reason):
                        report.skipped.append(SkippedFile(path: item.path, reason: reason))
                    case .success(let built, let notes):
                        try database.replaceDocument(uniqueTerm: item.uniqueTerm, with: built.document)
                        try recordCompounds(built.compounds, in: database)
                        for word in built.words { try database.addSpelling(word) }
                        if item.isUpdate { report.updated += 1 } else { report.added += 1 }
                        report.notes += notes.map { SkippedFile(path: item.path, reason: $0) }
                        pending += 1
                    }
                }
                if pending >= options.commitEvery {
                    try database.commit()
                    pending = 0
                }
            }
            if !options.keepMissing {
                report.removed = try removeMissing(under: collection.roots, keeping: Set(collection.files), from: database)
            }
            if report.added + report.updated + report.removed > 0 {
                try database.setMetadata("peersearch.last_indexed", ISO8601DateFormatter().string(from: Date()))
            }
            try database.close()
        } catch let error as XapianError {
            throw PeerSearchError.opening(error, path: indexPath)
        } catch {
            throw PeerSearchError.xapian(XapianError(kind: .other, type: "Indexer", message: "\(error)"))
        }
        report.skipped.sort { $0.path < $1.path }
        return report
    }

    private func openDatabase() throws(PeerSearchError) -> WritableDatabase {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: indexPath, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .indexUnusable(path: indexPath, detail: "it is a file, not an index folder")
        }
        do {
            return try WritableDatabase(path: indexPath, mode: options.rebuild ? .createOrOverwrite : .createOrOpen,
                                        waitForLock: options.waitForLock)
        } catch {
            throw .opening(error, path: indexPath)
        }
    }

    /// One document builder per core, sharing the word list for compound splitting.
    private func makeWorkers(report: inout IndexReport) throws(XapianError) -> [DocumentBuilder] {
        let decompounder = options.decompounder ?? Decompounder()
        if decompounder == nil { report.warnings.append(Self.noWordListWarning) }
        return try (0..<Self.workerCount).map { _ throws(XapianError) in try DocumentBuilder(decompounder: decompounder) }
    }

    /// A file that needs (re-)indexing.
    struct WorkItem {
        var path: String
        var uniqueTerm: String
        var facts: DocumentBuilder.FileFacts
        var isUpdate: Bool
    }

    /// The files whose size or modification time differ from what the index holds.
    private func plan(_ files: [String], in database: WritableDatabase, report: inout IndexReport) throws -> [WorkItem] {
        var work: [WorkItem] = []
        for path in files {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else {
                report.skipped.append(SkippedFile(path: path, reason: "cannot read file attributes"))
                continue
            }
            let stamp = "\(size):\(modified.timeIntervalSince1970)"
            let uniqueTerm = TermScheme.uniqueIDTerm(path: path)
            let existing = try database.firstDocumentID(withTerm: uniqueTerm)
            if let existing, try database.document(existing).value(slot: TermScheme.Slot.fileStamp) == stamp {
                report.unchanged += 1
                continue
            }
            work.append(WorkItem(path: path, uniqueTerm: uniqueTerm,
                                 facts: .init(bytes: size, modified: modified, stamp: stamp), isUpdate: existing != nil))
        }
        return work
    }

    enum Prepared {
        case success(DocumentBuilder.Built, notes: [String])
        case failure(String)
    }

    private static var workerCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// Reads and analyses `batch` in parallel, one builder per worker thread.
    private static func prepare(_ batch: ArraySlice<WorkItem>, with workers: [DocumentBuilder], loader: ArticleLoader) -> [Prepared] {
        let items = Array(batch)
        let results = ResultSlots<Prepared>(count: items.count, initial: .failure("not processed"))
        let shared = UncheckedBox(workers)
        let workerCount = workers.count
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let builder = shared.value[worker]
            for index in stride(from: worker, to: items.count, by: workerCount) {
                results[index] = prepareOne(items[index], builder: builder, loader: loader)
            }
        }
        return results.values
    }

    private static func prepareOne(_ item: WorkItem, builder: DocumentBuilder, loader: ArticleLoader) -> Prepared {
        do {
            let article = try loader.load(path: item.path)
            return .success(try builder.document(for: article, file: item.facts), notes: article.notes)
        } catch let error as IngestionError {
            return .failure(error.description)
        } catch {
            return .failure("\(error)")
        }
    }

    /// Compounds already in the synonym table (this run).
    private var recordedCompounds: Set<String> = []

    private func recordCompounds(_ compounds: [String: [String]], in database: WritableDatabase) throws {
        for (compound, parts) in compounds where recordedCompounds.insert(compound).inserted {
            let split = parts.joined(separator: " ")
            if try !database.synonyms(of: compound).contains(split) {
                try database.addSynonym(split, for: compound)
            }
        }
    }

    static let noWordListWarning = "Danish word list \(Decompounder.defaultWordListPath) not found (apt-get install wdanish): closed compounds are not split"

    /// Deletes articles under `roots` whose files were not found in this run.
    private func removeMissing(under roots: [String], keeping present: Set<String>, from database: WritableDatabase) throws -> Int {
        var removed = 0
        for term in try database.allTerms(withPrefix: TermScheme.uniqueIDPrefix) {
            guard let docid = try database.firstDocumentID(withTerm: term) else { continue }
            let path = try StoredArticle.decode(database.document(docid).data()).path
            guard !present.contains(path), roots.contains(where: { Self.path(path, isWithin: $0) }) else { continue }
            try database.deleteDocuments(uniqueTerm: term)
            removed += 1
        }
        return removed
    }

    static func path(_ path: String, isWithin root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

/// Fixed slots that concurrent workers fill, each slot written by one worker only.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) {
        storage = Array(repeating: initial, count: count)
    }

    subscript(index: Int) -> Value {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage } }
}

/// Hands non-Sendable values to worker threads that each use their own element.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
