import Foundation
import Testing
import Xapian

/// Error paths a user can reach. Each must come back as a Swift `XapianError` with the right kind:
/// a C++ exception escaping the shim would abort the whole test process instead.
@Suite("Errors")
struct ErrorTests {
    @Test("Opening a missing path for reading throws .databaseNotFound")
    func missingPathForReading() throws {
        try withTemporaryDirectory { directory throws in
            let missing = directory.appendingPathComponent("no-such-index").path
            let thrown = thrownError { try Database(path: missing) }
            let error = try #require(thrown)
            #expect(error.kind == .databaseNotFound)
            #expect(error.type == "DatabaseNotFoundError")
            #expect(!error.message.isEmpty)
            #expect(error.message.contains(missing))
            #expect(error.description.hasPrefix("DatabaseNotFoundError: "))
            #expect(!FileManager.default.fileExists(atPath: missing), "reading must not create anything")
        }
    }

    @Test("Opening a missing path for writing with .open throws .databaseNotFound")
    func missingPathForWritingWithOpen() throws {
        try withTemporaryDirectory { directory throws in
            let missing = directory.appendingPathComponent("no-such-index").path
            let thrown = thrownError { try WritableDatabase(path: missing, mode: .open) }
            let error = try #require(thrown)
            #expect(error.kind == .databaseNotFound)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("An empty directory is not a database: .databaseNotFound")
    func emptyDirectory() throws {
        try withTemporaryDirectory { directory throws in
            let thrown = thrownError { try Database(path: directory.path) }
            let error = try #require(thrown)
            #expect(error.kind == .databaseNotFound)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("A text file that is not a stub database throws .databaseOpening")
    func badStubFile() throws {
        try withTemporaryDirectory { directory throws in
            let stub = directory.appendingPathComponent("index.stub")
            try Data("this is not a database\n".utf8).write(to: stub)
            let thrown = thrownError { try Database(path: stub.path) }
            let error = try #require(thrown)
            #expect(error.kind == .databaseOpening)
            #expect(error.type == "DatabaseOpeningError")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("Creating with .create where a database exists throws (DatabaseCreateError → .other)")
    func createOverExisting() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)
            let thrown = thrownError { try WritableDatabase(path: path, mode: .create) }
            let error = try #require(thrown)
            #expect(error.kind == .other)
            #expect(error.type == "DatabaseCreateError")
            #expect(!error.message.isEmpty)
            #expect(try Database(path: path).documentCount() == 4, "the existing database is untouched")
        }
    }

    @Test("A second writer on a path already open for writing (same process) throws .databaseLocked")
    func secondWriterIsLocked() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let first = try WritableDatabase(path: path)
            try first.replaceDocument(uniqueTerm: "Q1", with: Corpus.document(for: Corpus.samples[0]))
            try first.commit()

            for mode in [WritableDatabase.OpenMode.createOrOpen, .open] {
                let thrown = thrownError { try WritableDatabase(path: path, mode: mode) }
                let error = try #require(thrown)
                #expect(error.kind == .databaseLocked)
                #expect(error.type == "DatabaseLockError")
                #expect(!error.message.isEmpty)
                #expect(error.message.contains(path))
            }

            // Readers are not locked out, and the first writer is unaffected.
            #expect(try Database(path: path).documentCount() == 1)
            try first.replaceDocument(uniqueTerm: "Q2", with: Corpus.document(for: Corpus.samples[1]))
            try first.close()

            // Once the first writer is closed, a new writer gets the lock.
            let second = try WritableDatabase(path: path, mode: .open)
            #expect(try second.documentCount() == 2)
        }
    }

    @Test("Releasing a writer without close() also releases the lock")
    func deinitReleasesLock() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            func writeOne() throws {
                let writer = try WritableDatabase(path: path)
                try writer.replaceDocument(uniqueTerm: "Q1", with: Corpus.document(for: Corpus.samples[0]))
                try writer.commit()
            }
            try writeOne()
            let writer = try WritableDatabase(path: path, mode: .open)
            #expect(try writer.documentCount() == 1)
        }
    }

    @Test("A corrupt index file throws .databaseCorrupt, for readers and writers",
          arguments: ["iamglass", "postlist.glass", "termlist.glass"])
    func corruptIndex(file: String) throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)
            let target = directory.appendingPathComponent("db").appendingPathComponent(file)
            let size = try #require(FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int)
            #expect(size > 0)
            try Data(repeating: 0xAB, count: size).write(to: target)

            let readError = thrownError { try Database(path: path) }
            let error = try #require(readError)
            #expect(error.kind == .databaseCorrupt)
            #expect(error.type == "DatabaseCorruptError")
            #expect(!error.message.isEmpty)

            let writeError = thrownError { try WritableDatabase(path: path, mode: .open) }
            #expect(writeError?.kind == .databaseCorrupt)
            #expect(writeError?.message.isEmpty == false)
        }
    }

    @Test("A truncated version file throws .databaseCorrupt")
    func truncatedVersionFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)
            try Data().write(to: directory.appendingPathComponent("db").appendingPathComponent("iamglass"))
            let thrown = thrownError { try Database(path: path) }
            let error = try #require(thrown)
            #expect(error.kind == .databaseCorrupt)
            #expect(!error.message.isEmpty)
        }
    }

    @Test("A reader left behind by later commits throws .databaseModified, and reopen() recovers")
    func staleReader() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            for batch in 0..<6 {
                try addBatch(batch, to: writer)
                try writer.commit()
            }

            // Keep a reader at this revision while the writer rewrites most of the database.
            let reader = try Database(path: path)
            var modified: XapianError?
            for batch in 0..<6 where modified == nil {
                for index in 0..<200 {
                    try writer.deleteDocuments(uniqueTerm: "Q\(batch)-\(index)")
                }
                try writer.commit()
                modified = thrownError {
                    _ = try reader.allTerms(withPrefix: "t")
                    _ = try reader.document(5).data()
                }
            }
            let error = try #require(modified)
            #expect(error.kind == .databaseModified)
            #expect(error.type == "DatabaseModifiedError")
            #expect(!error.message.isEmpty)

            try reader.reopen()
            #expect(try reader.documentCount() == writer.documentCount())
            _ = try reader.allTerms(withPrefix: "t")
        }
    }

    @Test("Misuse reports an error instead of crashing")
    func misuse() throws {
        try Corpus.withDatabase { database throws in
            let missingDocument = thrownError { try database.document(999) }
            #expect(missingDocument?.type == "DocNotFoundError")
            #expect(missingDocument?.kind == .other)
            #expect(missingDocument?.message.isEmpty == false)

            let noDocumentZero = thrownError { try database.document(0) }
            #expect(noDocumentZero != nil)

            let enquire = try Enquire(database: database)
            try enquire.setQuery(term("hund"))
            let matches = try enquire.matches(maxItems: 10)
            #expect(try matches.count == 2)
            let itemOutOfRange = thrownError { try matches.item(at: 2) }
            #expect(itemOutOfRange?.type == "RangeError")
            #expect(itemOutOfRange?.kind == .other)
            let documentOutOfRange = thrownError { try matches.document(at: 7) }
            #expect(documentOutOfRange?.type == "RangeError")
        }
    }

    @Test("Misusing a writer reports an error instead of crashing")
    func writerMisuse() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)

            let noTransaction = thrownError { try writer.commitTransaction() }
            #expect(noTransaction?.type == "InvalidOperationError")
            #expect(noTransaction?.kind == .other)
            let cancelWithout = thrownError { try writer.cancelTransaction() }
            #expect(cancelWithout?.type == "InvalidOperationError")

            try writer.beginTransaction()
            let nested = thrownError { try writer.beginTransaction() }
            #expect(nested?.type == "InvalidOperationError")
            try writer.cancelTransaction()

            let shard = try Database(path: path)
            let shardOnWriter = thrownError { try writer.add(shard: shard) }
            #expect(shardOnWriter?.type == "InvalidOperationError")

            try writer.close()
            let closed = thrownError { try writer.replaceDocument(uniqueTerm: "Q1", with: Corpus.document(for: Corpus.samples[0])) }
            #expect(closed?.type == "DatabaseClosedError")
            #expect(closed?.kind == .other)
            #expect(closed?.message.isEmpty == false)
            let readClosed = thrownError { try writer.allTerms() }
            #expect(readClosed?.type == "DatabaseClosedError")
        }
    }

    private func addBatch(_ batch: Int, to writer: WritableDatabase) throws {
        for index in 0..<200 {
            let document = try Document()
            try document.addPosting("t\(batch)_\(index)", position: 1)
            try document.addBooleanTerm("Q\(batch)-\(index)")
            try document.setData(Array(repeating: UInt8(batch), count: 500))
            try writer.replaceDocument(uniqueTerm: "Q\(batch)-\(index)", with: document)
        }
    }
}
