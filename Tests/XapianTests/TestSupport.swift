import Foundation
import Testing
import Xapian

/// Runs `body` with a fresh, empty directory under the system temporary directory,
/// and removes the directory (and any database in it) afterwards.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("peersearch-xapian-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A document of the shared sample corpus.
struct Sample {
    /// Stored as the document data and as the unique term "Q" + id.
    let id: String
    /// Indexed as positional postings, position 1, 2, ...
    let text: String
    /// A boolean filter term.
    let typeTerm: String
    /// Stored in value slot 0; ISO dates sort correctly as bytes.
    let date: String
}

enum Corpus {
    static let dateSlot: UInt32 = 0

    static let samples = [
        Sample(id: "1", text: "den store hund løber hurtigt", typeTerm: "Tmd", date: "2020-01-05"),
        Sample(id: "2", text: "hund den store løber hurtigt", typeTerm: "Tmd", date: "2021-06-01"),
        Sample(id: "3", text: "katten sover på den store sofa", typeTerm: "Ttxt", date: "2022-03-10"),
        Sample(id: "4", text: "hunde og katte leger i haven", typeTerm: "Ttxt", date: "2023-01-01"),
    ]

    /// Builds the Xapian document for `sample`.
    static func document(for sample: Sample) throws -> Document {
        let document = try Document()
        for (index, word) in sample.text.split(separator: " ").enumerated() {
            try document.addPosting(String(word), position: UInt32(index + 1))
        }
        try document.addBooleanTerm("Q" + sample.id)
        try document.addBooleanTerm(sample.typeTerm)
        try document.setValue(sample.date, slot: dateSlot)
        try document.setData(Array(sample.id.utf8))
        return document
    }

    /// Writes the sample corpus to a new database at `path`, commits and closes it.
    static func write(to path: String) throws {
        let writer = try WritableDatabase(path: path, mode: .create)
        for sample in samples {
            try writer.replaceDocument(uniqueTerm: "Q" + sample.id, with: document(for: sample))
        }
        try writer.commit()
        try writer.close()
    }

    /// Runs `body` with a read-only handle on a freshly written sample corpus.
    static func withDatabase<R>(_ body: (Database) throws -> R) throws -> R {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try write(to: path)
            return try body(Database(path: path))
        }
    }
}

/// One ranked result, identified by the sample id stored as its data.
struct Hit {
    let id: String
    let weight: Double
}

/// The ranked results of `query` (all of them, best first).
func search(_ database: Database, _ query: Query, bm25: Bool = false) throws -> [Hit] {
    let enquire = try Enquire(database: database)
    if bm25 { try enquire.useBM25() }
    try enquire.setQuery(query)
    let matches = try enquire.matches(maxItems: 100, checkAtLeast: 100)
    var hits: [Hit] = []
    for index in 0..<(try matches.count) {
        let item = try matches.item(at: index)
        let document = try matches.document(at: index)
        hits.append(Hit(id: String(decoding: try document.data(), as: UTF8.self), weight: item.weight))
    }
    return hits
}

/// The sample ids matching `query`, as a set.
func matchingIDs(_ database: Database, _ query: Query) throws -> Set<String> {
    Set(try search(database, query).map(\.id))
}

/// Shorthand for a term query.
func term(_ text: String) throws -> Query {
    try Query(term: text)
}

/// The XapianError `body` throws, or nil if it returns (any other error is recorded as an issue).
///
/// The tests use this (or do/catch) instead of `#expect(throws:) { ... }` / `#require(throws:) { ... }`,
/// and keep explicit closures out of `#expect`/`#require` arguments: Swift 6.3.1 can give a closure
/// written inside a macro argument the same discriminator as a later closure in the same context, and
/// then calls one closure's body in place of the other's (seen here: the closure of a later
/// `inTransaction { ... }` call ran the body of an earlier `#expect(throws:)` closure).
func thrownError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> XapianError? {
    do {
        _ = try body()
        return nil
    } catch let error as XapianError {
        return error
    } catch {
        Issue.record("expected a XapianError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
