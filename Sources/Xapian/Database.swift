internal import CXapianShim

/// A Xapian database opened for reading: one directory, a stub file, or several shards.
///
/// Not thread-safe (Xapian objects have no internal locking): use one per thread.
public class Database {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens the database at `path` (a glass directory or a stub file) for reading.
    public convenience init(path: String) throws(XapianError) {
        let handle = try checkedHandle { xs_database_open(path, $0) }
        self.init(handle: handle)
    }

    /// Opens a database served by `xapian-tcpsrv` on `host:port`.
    public convenience init(remoteHost host: String, port: UInt16, timeoutMilliseconds: UInt32 = 10_000) throws(XapianError) {
        let handle = try checkedHandle { xs_database_open_remote(host, UInt32(port), timeoutMilliseconds, $0) }
        self.init(handle: handle)
    }

    deinit {
        xs_database_free(handle)
    }

    /// Adds another database as a shard: searches then cover both.
    public func add(shard: Database) throws(XapianError) {
        _ = try checked { xs_database_add_database(handle, shard.handle, $0) }
    }

    /// Moves this reader to the latest committed revision.
    public func reopen() throws(XapianError) {
        _ = try checked { xs_database_reopen(handle, $0) }
    }

    /// The number of documents.
    public func documentCount() throws(XapianError) -> Int {
        var count: UInt32 = 0
        _ = try checked { xs_database_doccount(handle, &count, $0) }
        return Int(count)
    }

    /// How many documents contain `term`.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var frequency: UInt32 = 0
        _ = try checked { error in term.withBytes { xs_database_termfreq(handle, $0, $1, &frequency, error) } }
        return Int(frequency)
    }

    /// The id of the first document indexed by `term`, or nil if none is.
    public func firstDocumentID(withTerm term: String) throws(XapianError) -> UInt32? {
        var docid: UInt32 = 0
        _ = try checked { error in term.withBytes { xs_database_first_docid(handle, $0, $1, &docid, error) } }
        return docid == 0 ? nil : docid
    }

    /// The document with id `docid`.
    public func document(_ docid: UInt32) throws(XapianError) -> Document {
        Document(handle: try checkedHandle { xs_database_document(handle, docid, $0) })
    }

    /// Every term in the database that starts with `prefix`, in byte order (the first `limit`).
    public func allTerms(withPrefix prefix: String = "", limit: Int = .max) throws(XapianError) -> [String] {
        let list = try checkedHandle { error in prefix.withBytes { xs_database_allterms(handle, $0, $1, error) } }
        return try TermList(handle: list).collect(limit: limit)
    }

    /// The synonyms recorded for `term` with `addSynonym`.
    public func synonyms(of term: String) throws(XapianError) -> [String] {
        let list = try checkedHandle { error in term.withBytes { xs_database_synonyms(handle, $0, $1, error) } }
        return try TermList(handle: list).collect()
    }

    /// User metadata stored under `key` ("" when unset).
    public func metadata(_ key: String) throws(XapianError) -> String {
        try checkedString { value, length, error in key.withBytes { xs_database_metadata(handle, $0, $1, value, length, error) } }
    }

    /// The database's UUID (for a combined one, its shards' UUIDs joined): it stays the same
    /// across commits and changes when the database is created anew (or overwritten).
    public func uuid() throws(XapianError) -> String {
        try checkedString { value, length, error in xs_database_uuid(handle, value, length, error) }
    }

    /// Writes a compacted copy of the last commit into the new folder `output`, with full blocks
    /// (`xapian-compact --fuller`): the smallest database, for one that will be mostly read.
    public func compact(into output: String) throws(XapianError) {
        _ = try checked { xs_database_compact(handle, output, $0) }
    }

    /// Xapian's spelling suggestion for `word` from the words added with `addSpelling`, or nil.
    public func spellingSuggestion(for word: String, maxEditDistance: Int = 2) throws(XapianError) -> String? {
        let suggestion = try checkedString { out, length, error in
            word.withBytes { xs_database_spelling_suggestion(handle, $0, $1, UInt32(maxEditDistance), out, length, error) }
        }
        return suggestion.isEmpty ? nil : suggestion
    }
}

/// A Xapian database opened for writing. Only one writer may hold a database at a time.
public final class WritableDatabase: Database {
    /// How to treat an existing (or missing) database when opening for writing.
    public enum OpenMode: Sendable {
        case createOrOpen, createOrOverwrite, create, open

        var shimValue: xs_open_mode {
            switch self {
            case .createOrOpen: XS_CREATE_OR_OPEN
            case .createOrOverwrite: XS_CREATE_OR_OVERWRITE
            case .create: XS_CREATE
            case .open: XS_OPEN
            }
        }
    }

    /// Opens `path` for writing. A lock held by another writer throws `.databaseLocked`,
    /// unless `waitForLock` is set, in which case this blocks until the lock is free.
    public init(path: String, mode: OpenMode = .createOrOpen, waitForLock: Bool = false) throws(XapianError) {
        let handle = try checkedHandle { xs_writable_open(path, mode.shimValue, waitForLock ? 1 : 0, $0) }
        super.init(handle: handle)
    }

    /// Stores `document` as the one indexed by `uniqueTerm`, replacing any document that term indexes.
    /// The term itself must be among the document's terms. Returns the document id.
    @discardableResult
    public func replaceDocument(uniqueTerm: String, with document: Document) throws(XapianError) -> UInt32 {
        var docid: UInt32 = 0
        _ = try checked { error in uniqueTerm.withBytes { xs_writable_replace(handle, $0, $1, document.handle, &docid, error) } }
        return docid
    }

    /// Deletes every document indexed by `uniqueTerm`.
    public func deleteDocuments(uniqueTerm: String) throws(XapianError) {
        _ = try checked { error in uniqueTerm.withBytes { xs_writable_delete(handle, $0, $1, error) } }
    }

    /// Makes all changes so far durable and visible to new readers.
    public func commit() throws(XapianError) {
        _ = try checked { xs_writable_commit(handle, $0) }
    }

    /// Starts a transaction; with `flushed`, its changes are committed as one unit.
    public func beginTransaction(flushed: Bool = true) throws(XapianError) {
        _ = try checked { xs_writable_begin_transaction(handle, flushed ? 1 : 0, $0) }
    }

    public func commitTransaction() throws(XapianError) {
        _ = try checked { xs_writable_commit_transaction(handle, $0) }
    }

    public func cancelTransaction() throws(XapianError) {
        _ = try checked { xs_writable_cancel_transaction(handle, $0) }
    }

    /// Runs `body` inside a flushed transaction: committed if it returns, cancelled if it throws.
    @discardableResult
    public func inTransaction<R>(_ body: () throws -> R) throws -> R {
        try beginTransaction(flushed: true)
        do {
            let result = try body()
            try commitTransaction()
            return result
        } catch {
            try? cancelTransaction()
            throw error
        }
    }

    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        _ = try checked { error in
            key.withBytes { keyBytes, keyLength in
                value.withBytes { xs_writable_set_metadata(handle, keyBytes, keyLength, $0, $1, error) }
            }
        }
    }

    /// Records `synonym` (words separated by spaces) as a synonym of `term`.
    public func addSynonym(_ synonym: String, for term: String) throws(XapianError) {
        _ = try checked { error in
            term.withBytes { termBytes, termLength in
                synonym.withBytes { xs_writable_add_synonym(handle, termBytes, termLength, $0, $1, error) }
            }
        }
    }

    /// Adds `word` to the spelling dictionary used by `spellingSuggestion(for:)`.
    public func addSpelling(_ word: String, increment: Int = 1) throws(XapianError) {
        _ = try checked { error in word.withBytes { xs_writable_add_spelling(handle, $0, $1, UInt32(increment), error) } }
    }

    public func removeSpelling(_ word: String, decrement: Int = 1) throws(XapianError) {
        _ = try checked { error in word.withBytes { xs_writable_remove_spelling(handle, $0, $1, UInt32(decrement), error) } }
    }

    /// Commits pending changes and releases the write lock; the handle is unusable afterwards.
    public func close() throws(XapianError) {
        _ = try checked { xs_writable_close(handle, $0) }
    }
}

/// Walks a shim term iterator.
struct TermList: ~Copyable {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        xs_termlist_free(handle)
    }

    func collect(limit: Int = .max) throws(XapianError) -> [String] {
        var terms: [String] = []
        while terms.count < limit, let term = try next() { terms.append(term) }
        return terms
    }

    /// The next term, or nil at the end.
    func next() throws(XapianError) -> String? {
        var pointer: UnsafePointer<CChar>?
        var length = 0
        let status = try checked { xs_termlist_next(handle, &pointer, &length, $0) }
        guard status == 1, let pointer else { return nil }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
