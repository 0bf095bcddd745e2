import Foundation
import Testing
import Xapian

@Suite("Writable database round trip")
struct DatabaseTests {
    @Test("A document's postings, unique term, values and data survive a commit")
    func documentRoundTrip() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let data: [UInt8] = [0x00, 0xFF, 0x7B, 0x0A] + Array("blåbærgrød".utf8)

            let writer = try WritableDatabase(path: path)
            let document = try Document()
            try document.addPosting("hund", position: 1)
            try document.addPosting("løber", position: 2)
            try document.addPosting("hund", position: 3)
            try document.addBooleanTerm("Q42")
            try document.setValue("2024-05-01", slot: 0)
            try document.setValue("Hunden", slot: 3)
            try document.setData(data)
            #expect(document.id == 0, "a document not read from a database has no id")

            let docid = try writer.replaceDocument(uniqueTerm: "Q42", with: document)
            #expect(docid == 1)
            try writer.commit()

            let reader = try Database(path: path)
            #expect(try reader.documentCount() == 1)
            #expect(try reader.firstDocumentID(withTerm: "Q42") == docid)
            #expect(try reader.termFrequency("hund") == 1)
            #expect(try reader.termFrequency("kat") == 0)

            let stored = try reader.document(docid)
            #expect(stored.id == docid)
            #expect(try stored.data() == data)
            #expect(try stored.value(slot: 0) == "2024-05-01")
            #expect(try stored.value(slot: 3) == "Hunden")
            #expect(try stored.value(slot: 9) == "", "an unset value slot reads as empty")
            // Byte order: the upper-case prefix sorts before lower-case words, "ø" (0xC3 0xB8) last.
            #expect(try stored.terms() == ["Q42", "hund", "løber"])

            // The positions were stored: "hund løber" is a phrase, "løber hund" is one too (positions 2, 3).
            #expect(try search(reader, Query(.phrase(window: 2), [term("hund"), term("løber")])).count == 1)
            #expect(try search(reader, Query(.phrase(window: 2), [term("løber"), term("hund")])).count == 1)
            #expect(try search(reader, Query(.phrase(window: 2), [term("hund"), term("hund")])).isEmpty)
        }
    }

    @Test("An empty document's data round-trips as empty bytes")
    func emptyData() throws {
        try withTemporaryDirectory { directory throws in
            let writer = try WritableDatabase(path: directory.appendingPathComponent("db").path)
            let document = try Document()
            try document.addBooleanTerm("Qempty")
            try document.setData([])
            let docid = try writer.replaceDocument(uniqueTerm: "Qempty", with: document)
            #expect(try writer.document(docid).data() == [])
            #expect(try writer.document(docid).value(slot: 0) == "")
        }
    }

    @Test("replaceDocument(uniqueTerm:) replaces: writing the same unique term twice keeps the count")
    func replaceKeepsCount() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)

            let first = try Document()
            try first.addPosting("hund", position: 1)
            try first.addBooleanTerm("Qa")
            try first.setData(Array("first".utf8))
            let firstID = try writer.replaceDocument(uniqueTerm: "Qa", with: first)

            let other = try Document()
            try other.addPosting("fugl", position: 1)
            try other.addBooleanTerm("Qb")
            let otherID = try writer.replaceDocument(uniqueTerm: "Qb", with: other)
            #expect(otherID != firstID)
            #expect(try writer.documentCount() == 2)

            let second = try Document()
            try second.addPosting("kat", position: 1)
            try second.addBooleanTerm("Qa")
            try second.setData(Array("second".utf8))
            let secondID = try writer.replaceDocument(uniqueTerm: "Qa", with: second)

            #expect(secondID == firstID, "the replacement keeps the document id")
            #expect(try writer.documentCount() == 2)
            #expect(try writer.termFrequency("Qa") == 1)
            #expect(try writer.termFrequency("hund") == 0, "the old document's terms are gone")
            #expect(try writer.termFrequency("kat") == 1)
            #expect(try writer.document(firstID).data() == Array("second".utf8))

            try writer.commit()
            let reader = try Database(path: path)
            #expect(try reader.documentCount() == 2)
            #expect(try reader.document(firstID).data() == Array("second".utf8))
            #expect(try reader.allTerms() == ["Qa", "Qb", "fugl", "kat"])
        }
    }

    @Test("deleteDocuments(uniqueTerm:) removes the document; deleting an unknown term is harmless")
    func deleteRemoves() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)

            let writer = try WritableDatabase(path: path, mode: .open)
            #expect(try writer.documentCount() == 4)
            try writer.deleteDocuments(uniqueTerm: "Q2")
            #expect(try writer.documentCount() == 3)
            #expect(try writer.firstDocumentID(withTerm: "Q2") == nil)
            try writer.deleteDocuments(uniqueTerm: "Qnowhere")
            #expect(try writer.documentCount() == 3)
            try writer.commit()

            let reader = try Database(path: path)
            #expect(try reader.documentCount() == 3)
            #expect(try reader.termFrequency("Q2") == 0)
            #expect(try reader.allTerms(withPrefix: "Q") == ["Q1", "Q3", "Q4"])
            #expect(try matchingIDs(reader, term("hund")) == ["1"])
        }
    }

    @Test("uuid() stays the same across commits and changes when the database is overwritten")
    func uuidTellsADatabaseCreatedAnew() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)
            let reader = try Database(path: path)
            let first = try reader.uuid()
            #expect(first.count == 36)

            let writer = try WritableDatabase(path: path, mode: .open)
            try writer.deleteDocuments(uniqueTerm: "Q2")
            try writer.close()
            try reader.reopen()
            #expect(try reader.uuid() == first)

            try WritableDatabase(path: path, mode: .createOrOverwrite).close()
            #expect(try Database(path: path).uuid() != first)
        }
    }

    @Test("A reader sees only committed changes, and a later commit only after reopen()")
    func commitVisibility() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            for sample in Corpus.samples.prefix(2) {
                try writer.replaceDocument(uniqueTerm: "Q" + sample.id, with: Corpus.document(for: sample))
            }
            #expect(try writer.documentCount() == 2, "the writer sees its own pending changes")

            let beforeCommit = try Database(path: path)
            #expect(try beforeCommit.documentCount() == 0, "uncommitted documents are invisible to readers")

            try writer.commit()
            let afterCommit = try Database(path: path)
            #expect(try afterCommit.documentCount() == 2)
            #expect(try matchingIDs(afterCommit, term("hund")) == ["1", "2"])

            // A later commit: readers opened earlier keep their revision until reopen().
            let sample = Corpus.samples[2]
            try writer.replaceDocument(uniqueTerm: "Q" + sample.id, with: Corpus.document(for: sample))
            try writer.commit()

            #expect(try afterCommit.documentCount() == 2)
            #expect(try afterCommit.firstDocumentID(withTerm: "Q3") == nil)
            #expect(try matchingIDs(afterCommit, term("katten")).isEmpty)

            try afterCommit.reopen()
            #expect(try afterCommit.documentCount() == 3)
            #expect(try afterCommit.firstDocumentID(withTerm: "Q3") != nil)
            #expect(try matchingIDs(afterCommit, term("katten")) == ["3"])

            try beforeCommit.reopen()
            #expect(try beforeCommit.documentCount() == 3)
        }
    }

    @Test("close() commits pending changes and releases the write lock")
    func closeCommitsAndUnlocks() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            try writer.replaceDocument(uniqueTerm: "Q1", with: Corpus.document(for: Corpus.samples[0]))
            try writer.close()

            #expect(try Database(path: path).documentCount() == 1)
            let next = try WritableDatabase(path: path, mode: .open)
            #expect(try next.documentCount() == 1)
        }
    }

    @Test("Metadata is stored per key, and unset keys read as empty")
    func metadata() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            try writer.setMetadata("schema", "3")
            try writer.setMetadata("kilde", "Folketingets åbne data")
            #expect(try writer.metadata("schema") == "3")
            try writer.commit()

            let reader = try Database(path: path)
            #expect(try reader.metadata("schema") == "3")
            #expect(try reader.metadata("kilde") == "Folketingets åbne data")
            #expect(try reader.metadata("unset") == "")

            try writer.setMetadata("schema", "4")
            try writer.commit()
            #expect(try reader.metadata("schema") == "3")
            try reader.reopen()
            #expect(try reader.metadata("schema") == "4")
        }
    }

    @Test("A spelling suggestion comes from the words added with addSpelling")
    func spelling() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            try writer.addSpelling("erfaring", increment: 3)
            try writer.addSpelling("hund")
            try writer.commit()

            let reader = try Database(path: path)
            #expect(try reader.spellingSuggestion(for: "erfarnig") == "erfaring")
            #expect(try reader.spellingSuggestion(for: "hunf") == "hund")
            #expect(try reader.spellingSuggestion(for: "qzxwv") == nil)

            try writer.removeSpelling("hund")
            try writer.commit()
            try reader.reopen()
            #expect(try reader.spellingSuggestion(for: "hunf") == nil)
        }
    }

    @Test("inTransaction commits what the body wrote")
    func transactionCommits() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            let reader = try Database(path: path)

            let written = try writer.inTransaction {
                for sample in Corpus.samples {
                    try writer.replaceDocument(uniqueTerm: "Q" + sample.id, with: Corpus.document(for: sample))
                }
                return Corpus.samples.count
            }
            #expect(written == 4)
            try reader.reopen()
            #expect(try reader.documentCount() == 4, "a flushed transaction is committed when the body returns")
        }
    }

    @Test("inTransaction cancels when the body throws: nothing it wrote is visible")
    func transactionCancels() throws {
        struct Abort: Error, Equatable {}
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path)
            try writer.replaceDocument(uniqueTerm: "Q1", with: Corpus.document(for: Corpus.samples[0]))
            try writer.commit()

            // Not `#expect(throws:) { ... }`: see the note on thrownError(_:) in TestSupport.swift.
            var thrown: (any Error)?
            do {
                try writer.inTransaction {
                    try writer.replaceDocument(uniqueTerm: "Q2", with: Corpus.document(for: Corpus.samples[1]))
                    try writer.deleteDocuments(uniqueTerm: "Q1")
                    try writer.setMetadata("halfway", "yes")
                    throw Abort()
                }
            } catch {
                thrown = error
            }
            #expect(thrown as? Abort == Abort(), "inTransaction rethrows the body's error")

            #expect(try writer.documentCount() == 1)
            #expect(try writer.firstDocumentID(withTerm: "Q1") != nil)
            #expect(try writer.firstDocumentID(withTerm: "Q2") == nil)
            #expect(try writer.metadata("halfway") == "")

            let reader = try Database(path: path)
            #expect(try reader.documentCount() == 1)
            #expect(try reader.allTerms(withPrefix: "Q") == ["Q1"])

            // The writer is usable again: a new transaction works after the cancelled one.
            try writer.inTransaction { () throws -> Void in
                try writer.replaceDocument(uniqueTerm: "Q3", with: Corpus.document(for: Corpus.samples[2]))
            }
            try reader.reopen()
            #expect(try reader.allTerms(withPrefix: "Q") == ["Q1", "Q3"])
        }
    }

    @Test("allTerms(withPrefix:) lists terms in byte order")
    func allTermsWithPrefix() throws {
        try Corpus.withDatabase { database throws in
            #expect(try database.allTerms(withPrefix: "Q") == ["Q1", "Q2", "Q3", "Q4"])
            #expect(try database.allTerms(withPrefix: "T") == ["Tmd", "Ttxt"])
            #expect(try database.allTerms(withPrefix: "hund") == ["hund", "hunde"])
            #expect(try database.allTerms(withPrefix: "kat") == ["katte", "katten"])
            #expect(try database.allTerms(withPrefix: "zzz") == [])
            let all = try database.allTerms()
            let byteOrder = all.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            #expect(all == byteOrder)
            #expect(all.contains("løber"))
            #expect(all.count == 21, "15 distinct words, 4 unique-id terms, 2 type terms")
        }
    }

    @Test("Shards: a reader over two databases sees both")
    func shards() throws {
        try withTemporaryDirectory { directory throws in
            let firstPath = directory.appendingPathComponent("a").path
            let secondPath = directory.appendingPathComponent("b").path
            try Corpus.write(to: firstPath)
            let writer = try WritableDatabase(path: secondPath)
            let document = try Document()
            try document.addPosting("hund", position: 1)
            try document.addBooleanTerm("Q5")
            try document.setData(Array("5".utf8))
            try writer.replaceDocument(uniqueTerm: "Q5", with: document)
            try writer.close()

            let combined = try Database(path: firstPath)
            try combined.add(shard: Database(path: secondPath))
            #expect(try combined.documentCount() == 5)
            #expect(try matchingIDs(combined, term("hund")) == ["1", "2", "5"])

            // Result ids are ids in the combined database: fetching by them gives the same documents.
            let enquire = try Enquire(database: combined)
            try enquire.setQuery(term("hund"))
            let matches = try enquire.matches(maxItems: 10)
            #expect(try matches.count == 3)
            for index in 0..<(try matches.count) {
                let docid = try matches.item(at: index).documentID
                #expect(try combined.document(docid).data() == matches.document(at: index).data())
            }
        }
    }
}
