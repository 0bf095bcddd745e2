import Foundation
import Testing

/// `peersearch search`, end to end against the sample corpus.
@Suite struct SearchCommandTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    @Test func theQuoteFindsThePortraitWithEveryOccurrenceAndItsLine() throws {
        let output = try workspace.search("\"erfaringer får en anden værdi\"")
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.first == "Corpus/\(Workspace.portrait)")
        #expect(lines.contains("3:NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI"))
        #expect(lines.contains("25:Ens erfaringer får en anden værdi"))
        #expect(lines.contains { $0.hasPrefix("27:") && $0.contains("at mine erfaringer får en anden værdi.") })
        #expect(!output.stdout.contains(Workspace.bostedsleder))
    }

    @Test func jsonGivesTheContractFieldsAndPassageLines() throws {
        let result = try workspace.searchJSON("\"erfaringer får en anden værdi\"")
        #expect(result["query"] as? String == "\"erfaringer får en anden værdi\"")
        #expect(result["total"] as? Int == 1)
        let hit = try #require(result.hits.first)
        #expect(hit["rank"] as? Int == 1)
        #expect((hit["path"] as? String)?.hasSuffix("/Corpus/\(Workspace.portrait)") == true)
        #expect(hit["title"] as? String == "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI")
        #expect(hit["match"] as? String == "exact")
        #expect(hit["date"] as? String == "2021")
        #expect((hit["score"] as? Double ?? 0) > 0)
        #expect(hit.keys.contains("author") && hit.keys.contains("source"))
        let passages = try #require(hit["passages"] as? [[String: Any]])
        #expect(passages.compactMap { $0["line"] as? Int } == [3, 25, 27])
        let heading = passages[0]
        #expect(heading["text"] as? String == "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI")
        #expect(heading["highlights"] as? [[Int]] == [[8, 37]])
    }

    @Test func jsonLinesGiveOneHitPerLine() throws {
        let output = try workspace.search("peer", "--format", "jsonl")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let hit = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(hit?["path"] is String)
        }
    }

    @Test func hyphenationFromPDFExtractionIsFoundAsOneWord() throws {
        let result = try workspace.searchJSON("\"partnerskabsprojektet\"")
        #expect(result.hitFileNames == [Workspace.portrait])
        let lines = (result.hits.first?["passages"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
        #expect(lines?.contains(21) == true)  // "partnerskabs - projektet"
        #expect(try workspace.searchJSON("\"partnerskabs projektet\"").hitFileNames == [Workspace.portrait])
    }

    @Test func hyphenatedPlaceNamesAreFoundAsWrittenAndAsWords() throws {
        for query in ["Ikast-Brande", "ikast brande", "\"ikast brande\"", "ikastbrande", "\"brugerperspektivet på dagsordenen\""] {
            #expect(try workspace.searchJSON(query).hitFileNames == [Workspace.bostedsleder], "query: \(query)")
        }
    }

    @Test func danishLettersMayBeTypedAsDigraphs() throws {
        let result = try workspace.searchJSON("\"erfaringer faar en anden vaerdi\"")
        #expect(result.hitFileNames == [Workspace.portrait])
        #expect(result.hits.first?["match"] as? String == "exact")
    }

    @Test func anUnbalancedQuoteIsAPhraseToTheEnd() throws {
        #expect(try workspace.searchJSON("\"anden værdi").hitFileNames == [Workspace.portrait])
        #expect(try workspace.search("\"værdi anden", "--exact").status == 1)
    }

    @Test func aQuoteInAnotherInflectionIsFoundAndLabelledInflected() throws {
        let result = try workspace.searchJSON("\"erfaring får en anden værdi\"")
        #expect(result.hitFileNames == [Workspace.portrait])
        #expect(result.hits.first?["match"] as? String == "inflected")
        let lines = (result.hits.first?["passages"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
        #expect(lines == [3, 25, 27])
        let workers = try workspace.searchJSON("\"peer-medarbejderne\"")
        #expect(Set(workers.hitFileNames) == [Workspace.portrait, Workspace.bostedsleder])
        #expect(workers.hits.allSatisfy { $0["match"] as? String == "inflected" })
    }

    @Test func aQuoteRememberedSlightlyWrongIsFoundAndLabelledApproximate() throws {
        for misremembered in ["\"erfaringer får en værdi\"",          // a word missing
                              "\"erfaringer får en helt anden værdi\"", // a word too many
                              "\"erfaringer en får anden værdi\"",      // neighbours swapped
                              "\"erfaringer får den anden værdi\""] {   // a function word changed
            let result = try workspace.searchJSON(misremembered)
            #expect(result.hitFileNames.first == Workspace.portrait, "\(misremembered)")
            #expect(result.hits.first?["match"] as? String == "approximate", "\(misremembered)")
            #expect(try workspace.search(misremembered, "--exact").status == 1, "\(misremembered)")
        }
    }

    @Test func anAdjectivesNeuterTAndAVerbsPresentTenseRAreInflections() throws {
        try workspace.write("dato.txt", Array("Om datoer\n\nDu kan også indtaste en negativ værdi, og dagen består af timer.\n".utf8))
        #expect(try workspace.indexCorpus().status == 0)
        for quote in ["\"indtaste en negativt værdi\"", "\"dagen bestå af timer\""] {
            let result = try workspace.searchJSON(quote)
            #expect(result.hitFileNames == ["dato.txt"], "\(quote)")
            #expect(result.hits.first?["match"] as? String == "inflected", "\(quote)")
        }
    }

    @Test func aRankedWordFindsItsNeuterTForm() throws {
        try workspace.write("kolonner.txt", Array("Tildel kolonner\n\nHer tildeler du kolonner til felterne.\n".utf8))
        #expect(try workspace.indexCorpus().status == 0)
        let result = try workspace.searchJSON("tildelt")
        #expect(result.hitFileNames == ["kolonner.txt"])
        #expect(result.hits.first?["match"] as? String == "inflected")
    }

    @Test func exactHitsRankAboveInflectedOnes() throws {
        try workspace.write("erfaring.txt", Array("Om erfaring\n\nHer fik min erfaring en anden værdi.\n".utf8))
        #expect(try workspace.indexCorpus().status == 0)
        let result = try workspace.searchJSON("\"erfaringer får en anden værdi\"")
        #expect(result.hits.compactMap { $0["match"] as? String }.first == "exact")
        #expect(result.hitFileNames.first == Workspace.portrait)
    }

    @Test func danishQuotationMarksMakeAPhrase() throws {
        #expect(try workspace.searchJSON("»brugerperspektivet på dagsordenen«").hitFileNames == [Workspace.bostedsleder])
        #expect(try workspace.searchJSON("”mine erfaringer”").hitFileNames == [Workspace.portrait])
    }

    @Test func rankedWordsAreStemmedAndTitlesCountMore() throws {
        let result = try workspace.searchJSON("medarbejdere recovery")
        #expect(Set(result.hitFileNames) == [Workspace.portrait, Workspace.bostedsleder])
        #expect(try workspace.searchJSON("bostedsleder").hitFileNames == [Workspace.bostedsleder])
    }

    @Test func aPartOfAClosedCompoundFindsItRankedBelowTheWholeWord() throws {
        try workspace.write("psykiatri.txt", Array("Om psykiatri\n\nPsykiatri er et fag.\n".utf8))
        #expect(try workspace.indexCorpus().status == 0)
        let result = try workspace.searchJSON("psykiatri")
        #expect(result.hitFileNames == ["psykiatri.txt", Workspace.portrait])
        let passages = result.hits.last?["passages"] as? [[String: Any]] ?? []
        #expect(passages.contains { ($0["text"] as? String)?.contains("socialpsykiatrien") == true })
    }

    @Test func aClosedCompoundFindsItsHyphenatedAndSplitSpellings() throws {
        try workspace.write("split.txt", Array("Om arbejdet\n\nHun er peer medarbejder i Aarhus.\n".utf8))
        #expect(try workspace.indexCorpus().status == 0)
        let result = try workspace.searchJSON("peermedarbejder")
        #expect(Set(result.hitFileNames) == [Workspace.portrait, Workspace.bostedsleder, "split.txt"])
        let phrase = try workspace.searchJSON("\"som peermedarbejder har\"", "--exact")
        #expect(phrase.hitFileNames == [Workspace.portrait])
    }

    @Test func aMisspelledQueryGetsASuggestionFromTheIndexVocabulary() throws {
        let output = try workspace.search("\"brugerperspektivet på dagsordnen\"", "--exact")
        #expect(output.stderr.contains("Did you mean: \"brugerperspektivet på dagsordenen\"?"))
        let result = try workspace.searchJSON("rekovery")
        #expect(result["suggestion"] as? String == "recovery")
        #expect(try workspace.searchJSON("recovery")["suggestion"] is NSNull)
    }

    @Test func excludedWordsLeaveArticlesOut() throws {
        #expect(try workspace.searchJSON("peer -randers").hitFileNames == [Workspace.bostedsleder])
    }

    @Test func theQueryLanguageHasFieldsDatesPrefixesNearAndBooleans() throws {
        let both: Set = [Workspace.portrait, Workspace.bostedsleder]
        #expect(try workspace.searchJSON("title:bostedsleder").hitFileNames == [Workspace.bostedsleder])
        #expect(try workspace.searchJSON("title:erfaringer").hitFileNames == [Workspace.portrait])
        #expect(try workspace.searchJSON("author:holmboe").hitFileNames == [Workspace.bostedsleder])
        #expect(try workspace.searchJSON("forfatter:\"lars holmboe\"").hitFileNames == [Workspace.bostedsleder])
        #expect(try workspace.searchJSON("source:netværket").hitFileNames == [Workspace.bostedsleder])
        #expect(try workspace.searchJSON("peer date:2021").hitFileNames == [Workspace.portrait])
        #expect(try workspace.searchJSON("peer date:2020..2022").hitFileNames == [Workspace.portrait])
        #expect(try workspace.search("peer date:2022-01-01..").status == 1)
        #expect(Set(try workspace.searchJSON("medarbejd*").hitFileNames) == both)
        #expect(try workspace.searchJSON("partnerskab*").hitFileNames == [Workspace.portrait])
        #expect(try workspace.searchJSON("anders NEAR/3 lindberg").hitFileNames == [Workspace.portrait])
        #expect(try workspace.search("ikast NEAR/2 linda").status == 1)
        #expect(try workspace.searchJSON("ikast AND randers").hits.isEmpty)
        #expect(Set(try workspace.searchJSON("ikast OR randers").hitFileNames) == both)
        #expect(try workspace.searchJSON("(ikast ELLER randers) IKKE kasper").hitFileNames == [Workspace.portrait])
        #expect(try workspace.searchJSON("peer NOT \"anden værdi\"").hitFileNames == [Workspace.bostedsleder])
    }

    @Test func aMalformedQueryExitsTwoAndPointsAtTheProblem() throws {
        let cases = [
            ("title:", "malformed query: 'title:' needs a word, a \"phrase\" or a (group) after it (at column 1)"),
            ("peer date:2021..foo", "malformed query: cannot read the date '2021..foo': use YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2017..2021 (at column 11)"),
            ("(", "malformed query: nothing to search for here (at column 2)"),
        ]
        for (query, message) in cases {
            let output = try workspace.search(query)
            #expect(output.status == 2, "\(query)")
            #expect(output.stderrLines == ["peersearch: error: \(message)"], "\(query)")
        }
    }

    /// Queries that crashed the parser (stack overflow) or took seconds and gigabytes stop at the
    /// query limits: exit 2, one line, at once.
    @Test func oversizedQueriesExitTwoAtOnceWithOneLine() throws {
        let words = (1...600).map { "erfaring\($0)" }
        let cases = [
            (String(repeating: "(", count: 20_000), "malformed query: the query has 20000 characters; the limit is 1000 (at column 1001)"),
            ("\"" + words.joined(separator: " ") + "\"", "malformed query: the query has"),
            (words.prefix(5_000).joined(separator: " NEAR "), "malformed query: the query has"),
            (String(repeating: "(", count: 900) + "peer", "malformed query: groups and fields nest deeper than 32 levels (at column 33)"),
            ("\"" + String(repeating: "en ", count: 300) + "\"", "malformed query: the phrase has 300 words; the limit is 64 (at column 1)"),
            (Array(repeating: "peer", count: 100).joined(separator: " NEAR "), "malformed query: NEAR joins at most 16 words (at column 156)"),
        ]
        for (query, message) in cases {
            let start = Date()
            let output = try workspace.search(query)
            let seconds = Date().timeIntervalSince(start)
            #expect(output.status == 2, "\(query.prefix(40))…: \(output.stderr)")
            #expect(output.stderrLines.count == 1, "\(query.prefix(40))…")
            #expect(output.stderr.hasPrefix("peersearch: error: \(message)"), "\(query.prefix(40))…: \(output.stderr)")
            #expect(seconds < 5, "\(query.prefix(40))…")
        }
        // Just within every limit, a query is searched as before.
        let longQuote = "\"" + String(repeating: "en ", count: 64) + "\""
        #expect(try workspace.search(longQuote).status == 0)  // Not as written: as its word, `en`.
        #expect(try workspace.search(String(repeating: "(", count: 32) + "peer" + String(repeating: ")", count: 32)).status == 0)
    }

    @Test func fieldsCountAndUTF8OffsetsForOtherTools() throws {
        let result = try workspace.searchJSON("\"erfaringer får en anden værdi\"", "--fields", "id,path,passages")
        #expect(result["schema_version"] as? Int == 1)
        let hit = try #require(result.hits.first)
        #expect(Set(hit.keys) == ["id", "path", "passages"])
        let passage = try #require((hit["passages"] as? [[String: Any]])?.first)
        #expect(passage["highlights"] as? [[Int]] == [[8, 37]])
        #expect(passage["highlights_utf8"] as? [[Int]] == [[9, 40]])  // Å is two bytes before, Å and Æ inside
        let count = try workspace.search("peer", "--count")
        #expect(count.stdout == "2\n")
        #expect(try workspace.search("kasserolle", "--count").status == 1)
        let badField = try workspace.search("peer", "--fields", "path,colour")
        #expect(badField.status == 2)
        #expect(badField.stderrLines.count == 1)
        let line = try #require(try workspace.search("peer", "--format", "jsonl", "--fields", "rank").stdout.split(separator: "\n").first)
        #expect(String(line) == "{\"rank\":1,\"schema_version\":1}")
    }

    @Test func showPrintsAnArticleByIdOrPath() throws {
        let id = try #require(try workspace.searchJSON("\"erfaringer får en anden værdi\"").hits.first?["id"] as? Int)
        let byID = try workspace.peersearch("show", String(id), "--index", workspace.index)
        #expect(byID.status == 0)
        #expect(byID.stdout.contains("title:   NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI"))
        #expect(byID.stdout.contains("Ens erfaringer får en anden værdi"))
        let path = workspace.corpus.appendingPathComponent(Workspace.bostedsleder).path
        let json = try workspace.peersearch("show", path, "--index", workspace.index, "--json")
        let article = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(article?["author"] as? String == "Lars Holmboe")
        #expect((article?["text"] as? String)?.contains("Ikast-Brande") == true)
        #expect(try workspace.peersearch("show", "9999", "--index", workspace.index).status == 1)
    }

    @Test func limitCapsTheHits() throws {
        #expect(try workspace.searchJSON("peer", "--limit", "1").hits.count == 1)
    }

    @Test func noHitsExitsOneWithNothingPrinted() throws {
        let output = try workspace.search("\"kasserolle paraply\"")
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.isEmpty)
    }

    @Test func aMissingIndexExitsTwoWithOneLine() throws {
        let output = try workspace.peersearch("search", "peer", "--index", workspace.root.appendingPathComponent("nowhere").path)
        #expect(output.status == 2)
        #expect(output.stderrLines.count == 1)
        #expect(output.stderr.contains("no index at"))
    }

    @Test func anEmptyOrBadlyFormedCommandExitsTwoWithOneLine() throws {
        for arguments in [["search", "   ", "--index", workspace.index], ["search", "peer", "--limit", "0"], ["search"], ["frobnicate"]] {
            let output = try workspace.runner.run(arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderrLines.count == 1, "\(arguments): \(output.stderr)")
        }
    }

    @Test func helpExplainsTheQuerySyntaxWithADanishExample() throws {
        for arguments in [["--help"], ["search", "--help"]] {
            let output = try workspace.runner.run(arguments)
            #expect(output.status == 0)
            #expect(output.stdout.contains("\"erfaringer får en anden værdi\""))
            #expect(output.stdout.contains("vaerdi finds værdi"))
        }
    }

    @Test func aQuoteTooLongForTheLadderIsLookedForAsWrittenAndSaysSo() throws {
        try workspace.indexCorpus()
        let standing = "Fremover vil du i peer-nyt kunne møde en peer-medarbejder, som fortæller om sit peer-virke. "
            + "I denne udgave kan du læse om Anders Lindberg. Måske husker du Anders fra foråret 2021"
        let found = try workspace.search("\"\(standing)\"", "--format", "json")
        #expect(found.status == 0)
        #expect(found.stderr.isEmpty)
        // The same quote remembered with one word changed: the approximate step would find it,
        // but a quote this long is looked for as written and then as its words, and says so.
        let misremembered = standing.replacingOccurrences(of: "udgave", with: "version")
        let warning = "a quote of more than 24 words is looked for as written and then as its words, not inflected or approximately"
        let output = try workspace.search("\"\(misremembered)\"")
        #expect(output.status == 0)
        #expect(output.stderrLines.map(String.init) == ["warning: " + warning])
        let json = try workspace.searchJSON("\"\(misremembered)\"")
        #expect(json["warnings"] as? [String] == [warning])
        #expect(json.hits.first?["match"] as? String == "words")
        #expect(json.hitFileNames.first == Workspace.portrait)
        #expect(try workspace.searchJSON("\"erfaringer får en anden værdi\"")["warnings"] as? [String] == [])
    }
}
