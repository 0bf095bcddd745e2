import Testing
import Xapian

/// Queries against the sample corpus (see TestSupport.swift):
///   1 "den store hund løber hurtigt"      Tmd  2020-01-05
///   2 "hund den store løber hurtigt"      Tmd  2021-06-01
///   3 "katten sover på den store sofa"    Ttxt 2022-03-10
///   4 "hunde og katte leger i haven"      Ttxt 2023-01-01
@Suite("Queries and ranking")
struct QueryTests {
    @Test("A term query matches the documents containing the term")
    func termQuery() throws {
        try Corpus.withDatabase { database throws in
            #expect(try matchingIDs(database, term("hund")) == ["1", "2"])
            #expect(try matchingIDs(database, term("store")) == ["1", "2", "3"])
            #expect(try matchingIDs(database, term("Q4")) == ["4"])
            #expect(try matchingIDs(database, term("giraf")).isEmpty)
        }
    }

    @Test("A phrase matches the words in order only")
    func phrase() throws {
        try Corpus.withDatabase { database throws in
            // "store hund": adjacent and in order only in 1; 2 has "hund den store".
            #expect(try matchingIDs(database, Query(.phrase(window: 2), [term("store"), term("hund")])) == ["1"])
            // Out of order: "hund store" is adjacent nowhere.
            #expect(try matchingIDs(database, Query(.phrase(window: 2), [term("hund"), term("store")])).isEmpty)
            // A wider window lets "hund … store" (2) match, still not the reversed order in 1.
            #expect(try matchingIDs(database, Query(.phrase(window: 3), [term("hund"), term("store")])) == ["2"])
            // Window 0 means "the number of subqueries": an exact phrase.
            #expect(try matchingIDs(database, Query(.phrase(window: 0), [term("den"), term("store"), term("hund")])) == ["1"])
            #expect(try matchingIDs(database, Query(.phrase(window: 0), [term("store"), term("den")])).isEmpty)
            #expect(try Query(.phrase(window: 2), [term("store"), term("hund")]).description.contains("PHRASE"))
        }
    }

    @Test("NEAR matches the words within the window, in any order")
    func near() throws {
        try Corpus.withDatabase { database throws in
            // 1 has "store hund" (reversed relative to the query, but adjacent).
            #expect(try matchingIDs(database, Query(.near(window: 2), [term("hund"), term("store")])) == ["1"])
            // 2 has "hund den store": within three positions.
            #expect(try matchingIDs(database, Query(.near(window: 3), [term("hund"), term("store")])) == ["1", "2"])
            // "hund … hurtigt" spans three positions in 1 (3–5) and five in 2 (1–5).
            #expect(try matchingIDs(database, Query(.near(window: 2), [term("hund"), term("hurtigt")])).isEmpty)
            #expect(try matchingIDs(database, Query(.near(window: 3), [term("hurtigt"), term("hund")])) == ["1"])
            #expect(try matchingIDs(database, Query(.near(window: 4), [term("hund"), term("hurtigt")])) == ["1"])
            #expect(try matchingIDs(database, Query(.near(window: 5), [term("hund"), term("hurtigt")])) == ["1", "2"])
        }
    }

    @Test("OR, AND and AND_NOT")
    func booleanOperators() throws {
        try Corpus.withDatabase { database throws in
            #expect(try matchingIDs(database, Query(.or, [term("katten"), term("leger")])) == ["3", "4"])
            #expect(try matchingIDs(database, Query(.or, [term("hund"), term("giraf")])) == ["1", "2"])
            #expect(try matchingIDs(database, Query(.and, [term("store"), term("hund")])) == ["1", "2"])
            #expect(try matchingIDs(database, Query(.and, [term("store"), term("leger")])).isEmpty)
            #expect(try matchingIDs(database, Query(.andNot, [term("store"), term("hund")])) == ["3"])
            #expect(try matchingIDs(database, Query(.andNot, [term("den"), term("Tmd")])) == ["3"])
        }
    }

    @Test("FILTER restricts by a boolean term without adding weight")
    func filter() throws {
        try Corpus.withDatabase { database throws in
            let filtered = try search(database, Query(.filter, [term("store"), term("Ttxt")]), bm25: true)
            #expect(filtered.map(\.id) == ["3"])
            #expect(try matchingIDs(database, Query(.filter, [term("den"), term("Tmd")])) == ["1", "2"])

            let unfiltered = try search(database, term("store"), bm25: true)
            let unfilteredThree = unfiltered.first { $0.id == "3" }
            let three = try #require(unfilteredThree)
            let filteredThree = try #require(filtered.first)
            #expect(abs(filteredThree.weight - three.weight) < 1e-9)
            #expect(filteredThree.weight > 0)
        }
    }

    @Test("SYNONYM matches either term, as one term")
    func synonym() throws {
        try Corpus.withDatabase { database throws in
            let query = try Query(.synonym, [term("hund"), term("hunde")])
            #expect(try matchingIDs(database, query) == ["1", "2", "4"])
            #expect(query.description.contains("SYNONYM"))
        }
    }

    @Test("A wildcard expands to every term with the prefix")
    func wildcard() throws {
        try Corpus.withDatabase { database throws in
            #expect(try matchingIDs(database, Query(wildcard: "hund")) == ["1", "2", "4"])
            #expect(try matchingIDs(database, Query(wildcard: "kat")) == ["3", "4"])
            #expect(try matchingIDs(database, Query(wildcard: "giraf")).isEmpty)
            // maxExpansion 0 (the default) means no limit: h* is haven, hund, hunde, hurtigt.
            // With a limit, the most frequent expansions are kept: hund (2 documents) beats hunde (1).
            #expect(try matchingIDs(database, Query(wildcard: "h")) == ["1", "2", "4"])
            #expect(try matchingIDs(database, Query(wildcard: "hund", maxExpansion: 5)) == ["1", "2", "4"])
            #expect(try matchingIDs(database, Query(wildcard: "hund", maxExpansion: 1)) == ["1", "2"])
        }
    }

    @Test("A value range selects by value slot, with open ends")
    func valueRange() throws {
        try Corpus.withDatabase { database throws in
            let slot = Corpus.dateSlot
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: "2021-01-01", to: "2022-12-31")) == ["2", "3"])
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: nil, to: "2020-12-31")) == ["1"])
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: "2022-01-01", to: nil)) == ["3", "4"])
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: nil, to: nil)) == ["1", "2", "3", "4"])
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: "2030-01-01", to: nil)).isEmpty)
            // Bounds are inclusive.
            #expect(try matchingIDs(database, Query(valueSlot: slot, from: "2021-06-01", to: "2021-06-01")) == ["2"])
            // Combined with a term.
            let recentDogs = try Query(.filter, [term("hund"), Query(valueSlot: slot, from: "2021-01-01", to: nil)])
            #expect(try matchingIDs(database, recentDogs) == ["2"])
        }
    }

    @Test("scaled(by:) multiplies the weights")
    func scaled() throws {
        try Corpus.withDatabase { database throws in
            let plain = try search(database, term("store"), bm25: true)
            let doubled = try search(database, term("store").scaled(by: 2), bm25: true)
            let zero = try search(database, term("store").scaled(by: 0), bm25: true)

            #expect(plain.map(\.id) == doubled.map(\.id))
            #expect(plain.count == 3)
            for (p, d) in zip(plain, doubled) {
                #expect(p.weight > 0)
                #expect(abs(d.weight - 2 * p.weight) < 1e-9)
            }
            #expect(Set(zero.map(\.id)) == ["1", "2", "3"], "a zero scale still matches")
            let zeroWeights = zero.map(\.weight)
            #expect(zeroWeights == [0, 0, 0])

            // Scaling one side of an OR changes the ranking.
            let favourKat = try Query(.or, [term("hund"), term("katten").scaled(by: 10)])
            #expect(try search(database, favourKat, bm25: true).first?.id == "3")
        }
    }

    @Test("With BM25, the document matching the phrase ranks first")
    func bm25PhraseFirst() throws {
        try Corpus.withDatabase { database throws in
            // 1 and 2 hold the same words, so the bare terms tie ...
            let words = try Query(.or, [term("store"), term("hund")])
            let tied = try search(database, words, bm25: true)
            #expect(Set(tied.prefix(2).map(\.id)) == ["1", "2"])
            #expect(abs(tied[0].weight - tied[1].weight) < 1e-9)
            #expect(tied.last?.id == "3")

            // ... and the phrase "store hund" (only in 1) breaks the tie.
            let query = try Query(.or, [Query(.phrase(window: 2), [term("store"), term("hund")]), term("store"), term("hund")])
            let ranked = try search(database, query, bm25: true)
            #expect(ranked.map(\.id) == ["1", "2", "3"])
            #expect(ranked[0].weight > ranked[1].weight)
            #expect(ranked[1].weight > ranked[2].weight)
        }
    }

    @Test("MatchSet: counts, paging and items")
    func matchSet() throws {
        try Corpus.withDatabase { database throws in
            let enquire = try Enquire(database: database)
            try enquire.useBM25()
            try enquire.setQuery(Query.matchAll())

            let all = try enquire.matches(maxItems: 10, checkAtLeast: 10)
            #expect(try all.count == 4)
            #expect(try all.matchCounts.lowerBound == 4)
            #expect(try all.matchCounts.estimated == 4)
            #expect(try all.matchCounts.upperBound == 4)
            #expect(try all.matchCounts.isExact)
            let items = try all.items()
            #expect(Set(items.map(\.documentID)) == [1, 2, 3, 4])
            for index in 0..<(try all.count) {
                #expect(try all.document(at: index).id == items[index].documentID)
            }

            let page = try enquire.matches(first: 1, maxItems: 2, checkAtLeast: 10)
            #expect(try page.count == 2)
            #expect(try page.matchCounts.estimated == 4)
            #expect(try page.items().map(\.documentID) == Array(items[1...2].map(\.documentID)))

            let beyond = try enquire.matches(first: 10, maxItems: 5)
            #expect(try beyond.count == 0)

            try enquire.setQuery(term("giraf"))
            let none = try enquire.matches(maxItems: 10)
            #expect(try none.count == 0)
            #expect(try none.matchCounts.upperBound == 0)
            #expect(try none.matchCounts.isExact)
            #expect(try none.items().isEmpty)

            try enquire.setQuery(term("store"))
            let store = try enquire.matches(maxItems: 1, checkAtLeast: 10)
            #expect(try store.count == 1)
            #expect(try store.matchCounts.lowerBound == 3)
            #expect(try store.matchCounts.upperBound == 3)
        }
    }

    @Test("collapse(onSlot:) keeps the best match per value, never collapses an empty one, and counts what it keeps")
    func collapse() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            let writer = try WritableDatabase(path: path, mode: .create)
            // "hund" twice in 1 ranks it over its twin 2; 3 and 4 have no key, 5 a key of its own.
            for (id, text, key) in [("1", "hund hund kat", "a"), ("2", "hund kat mus", "a"), ("3", "hund", ""),
                                    ("4", "hund", ""), ("5", "hund ko", "b")] {
                let document = try Document()
                for word in text.split(separator: " ") { try document.addTerm(String(word)) }
                if !key.isEmpty { try document.setValue(key, slot: 8) }
                try document.setData(Array(id.utf8))
                _ = try writer.replaceDocument(uniqueTerm: "Q" + id, with: document)
            }
            try writer.commit()
            try writer.close()

            let enquire = try Enquire(database: Database(path: path))
            try enquire.useBM25()
            try enquire.setQuery(term("hund"))
            try enquire.collapse(onSlot: 8)
            let collapsed = try enquire.matches(maxItems: 10, checkAtLeast: 10)
            let ids = try (0..<(try collapsed.count)).map { String(decoding: try collapsed.document(at: $0).data(), as: UTF8.self) }
            #expect(Set(ids) == ["1", "3", "4", "5"])
            #expect(try collapsed.matchCounts.estimated == 4)
            #expect(try collapsed.uncollapsedMatchCounts.estimated == 5)
            // When no more documents match than were checked for, every match was examined, and
            // the lower bound counts what collapsing keeps (Xapian 1.4 may leave the estimate above
            // it when a page holds fewer than there are).
            let firstOnly = try enquire.matches(maxItems: 1, checkAtLeast: 10)
            #expect(try firstOnly.matchCounts.lowerBound == 4)
            #expect(try firstOnly.uncollapsedMatchCounts.upperBound <= 10)

            try enquire.collapse(onSlot: 8, maximum: 2)
            #expect(try enquire.matches(maxItems: 10, checkAtLeast: 10).count == 5)
        }
    }

    @Test("An Enquire keeps working after its Database variable goes away")
    func enquireKeepsDatabaseAlive() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory.appendingPathComponent("db").path
            try Corpus.write(to: path)
            let enquire = try Enquire(database: Database(path: path))
            try enquire.setQuery(term("hund"))
            let matches = try enquire.matches(maxItems: 10)
            #expect(try matches.count == 2)
            #expect(try matches.document(at: 0).data().isEmpty == false)
        }
    }
}
