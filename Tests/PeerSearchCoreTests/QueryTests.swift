import Analysis
import Ingestion
@testable import PeerSearchCore
import Testing

/// Reading the query language, and the term sequences a query part can match.
@Suite struct QueryTests {
    private func parse(_ query: String) throws -> QueryNode { try QuerySyntax.parse(query) }

    private func error(_ query: String) -> QuerySyntaxError? {
        do {
            _ = try QuerySyntax.parse(query)
            return nil
        } catch {
            return error
        }
    }

    @Test func phrasesAreRequiredWordsRankAndMinusExcludes() throws {
        #expect(try parse("\"erfaringer får\" peer -randers")
            == .group(required: [.phrase("erfaringer får", field: nil)], optional: [.word("peer", field: nil)],
                      excluded: [.word("randers", field: nil)]))
        #expect(try parse("peer") == .word("peer", field: nil))
    }

    @Test func danishQuotationMarksOpenAndClosePhrases() throws {
        #expect(try parse("»brugerperspektivet på dagsordenen«") == .phrase("brugerperspektivet på dagsordenen", field: nil))
        #expect(try parse("”Det var som sådan” mig")
            == .group(required: [.phrase("Det var som sådan", field: nil)], optional: [.word("mig", field: nil)], excluded: []))
    }

    @Test func anUnbalancedQuoteRunsToTheEnd() throws {
        #expect(try parse("peer \"anden værdi")
            == .group(required: [.phrase("anden værdi", field: nil)], optional: [.word("peer", field: nil)], excluded: []))
    }

    @Test func booleanOperatorsInEnglishAndDanish() throws {
        let expected = QueryNode.any([
            .group(required: [.word("peer", field: nil), .word("recovery", field: nil)], optional: [], excluded: []),
            .group(required: [], optional: [.word("randers", field: nil)], excluded: [.word("ikast", field: nil)]),
        ])
        #expect(try parse("peer AND recovery OR randers NOT ikast") == expected)
        #expect(try parse("peer OG recovery ELLER randers IKKE ikast") == expected)
        #expect(try parse("(peer OR recovery) -randers")
            == .group(required: [.any([.word("peer", field: nil), .word("recovery", field: nil)])], optional: [],
                      excluded: [.word("randers", field: nil)]))
        // Lower-case and/or are words.
        #expect(try parse("peer and recovery")
            == .group(required: [], optional: [.word("peer", field: nil), .word("and", field: nil), .word("recovery", field: nil)], excluded: []))
    }

    @Test func fieldsDatesPrefixesAndNear() throws {
        #expect(try parse("title:peer") == .word("peer", field: .title))
        #expect(try parse("forfatter:\"Lars Holmboe\"") == .phrase("Lars Holmboe", field: .author))
        #expect(try parse("kilde:(peer OR netværket)") == .any([.word("peer", field: .source), .word("netværket", field: .source)]))
        #expect(try parse("date:2021") == .date(from: "20210000", to: "20219999"))
        #expect(try parse("date:2017..2021") == .date(from: "20170000", to: "20219999"))
        #expect(try parse("dato:2021-03-01..") == .date(from: "20210301", to: nil))
        #expect(try parse("date:..2020-06") == .date(from: nil, to: "20200699"))
        #expect(try parse("medarbejd*") == .prefix("medarbejd", field: nil))
        #expect(try parse("peer NEAR recovery") == .near(["peer", "recovery"], window: 10))
        #expect(try parse("peer NEAR/3 recovery") == .near(["peer", "recovery"], window: 3))
    }

    @Test func exactFiltersReadWholeValuesAndFacetFiltersReadBack() throws {
        #expect(try parse("format=pdf") == .exact(.format, "pdf"))
        #expect(try parse("forfatter=\"Anders Lindberg\"") == .exact(.author, "Anders Lindberg"))
        #expect(try parse("peer mappe=/srv/a") == .group(required: [.exact(.folder, "/srv/a")], optional: [.word("peer", field: nil)], excluded: []))
        #expect(try parse("peer -kilde=Bladet") == .group(required: [], optional: [.word("peer", field: nil)], excluded: [.exact(.source, "Bladet")]))
        #expect(error("format=") == QuerySyntaxError(message: "'format=' needs a value after it, as in format=pdf or author=\"Anders Lindberg\"", column: 1))
        #expect(error("author=\"open")?.message == "the value after 'author=' is never closed by \"")
        // Every value a facet can hold comes back whole from its filter.
        for value in ["Mette Jensen og Lars Holmboe", "pdf", "/srv/artikler/2021", "Say \"hi\" \\ (now)", "«Bladet»", "a:b=c"] {
            #expect(try parse(FacetField.author.filter(for: value)) == .exact(.author, value), "\(value)")
        }
        #expect(FacetField.year.filter(for: "2021") == "date:2021")
    }

    @Test func malformedQueriesSayWhatAndWhere() {
        #expect(error("title:") == QuerySyntaxError(message: "'title:' needs a word, a \"phrase\" or a (group) after it", column: 1))
        #expect(error("peer date:2021..foo")?.column == 11)
        #expect(error("peer date:2021..foo")?.message.hasPrefix("cannot read the date '2021..foo'") == true)
        #expect(error("(") == QuerySyntaxError(message: "nothing to search for here", column: 2))
        #expect(error("(peer") == QuerySyntaxError(message: "'(' is never closed", column: 1))
        #expect(error("peer)") == QuerySyntaxError(message: "')' has no matching '('", column: 5))
        #expect(error("peer AND") == QuerySyntaxError(message: "AND needs something after it", column: 6))
        #expect(error("OR peer") == QuerySyntaxError(message: "an operator needs something before it", column: 1))
        #expect(error("-peer") == QuerySyntaxError(message: "a query needs something to find, not only words to leave out", column: 1))
        #expect(error("peer NEAR/0 x")?.message == "'NEAR/0' needs a window from 1 to 100, as in NEAR/5")
        #expect(error("") == QuerySyntaxError(message: "the query is empty", column: 1))
    }

    @Test func queriesAreBoundedInLengthDepthPhraseAndNearWords() throws {
        // Up to each limit the query reads as before.
        let longest = String(repeating: "peer ", count: 200)
        #expect(longest.count == QuerySyntax.maximumLength)
        #expect(throws: Never.self) { try parse(longest) }
        #expect(error(longest + "x") == QuerySyntaxError(message: "the query has 1001 characters; the limit is 1000", column: 1001))

        let deepest = String(repeating: "(", count: 32) + "peer" + String(repeating: ")", count: 32)
        #expect(try parse(deepest) == .word("peer", field: nil))
        #expect(error("(" + deepest + ")") == QuerySyntaxError(message: "groups and fields nest deeper than 32 levels", column: 33))
        #expect(error(String(repeating: "title:", count: 33) + "peer")?.message == "groups and fields nest deeper than 32 levels")
        // Far past the limit (but within the length), the parser stops at the limit instead of recursing on.
        #expect(error(String(repeating: "(", count: 1_000))?.column == 33)

        let words = (1...64).map { "ord\($0)" }
        #expect(try parse("\"\(words.joined(separator: " "))\"") == .phrase(words.joined(separator: " "), field: nil))
        #expect(error("peer \"\((words + ["ord65"]).joined(separator: " "))\"")
            == QuerySyntaxError(message: "the phrase has 65 words; the limit is 64", column: 6))
        // Words as the analyser counts them: a hyphen or a full stop splits, an apostrophe does not.
        #expect(Lexer.wordCount("FOA's peer-medarbejdere, 2.5 – ”nu”") == 6)

        let near = (1...16).map { "ord\($0)" }
        #expect(try parse(near.joined(separator: " NEAR ")) == .near(near, window: 10))
        #expect(error((near + ["ord17"]).joined(separator: " NEAR "))?.message == "NEAR joins at most 16 words")
    }

    @Test func aHyphenatedCompoundCanStandAsPartsOrJoined() throws {
        let tokens = try DanishAnalyzer().tokens(in: "i Ikast-Brande kommune")
        #expect(QueryCompiler.alternatives(tokens) == [["i", "ikast", "brande", "kommune"], ["i", "ikastbrande", "kommune"]])
    }

    @Test func aQueryOfOnlyPunctuationIsEmpty() throws {
        let compiler = QueryCompiler(analyzer: try DanishAnalyzer(), vocabulary: nil)
        #expect(throws: PeerSearchError.self) { try compiler.compile(QuerySyntax.parse("\" – \" -peer")) }
    }
}

/// Cutting passages from article text.
@Suite struct PassageTests {
    private func occurrence(_ range: Range<Int>, line: Int, endLine: Int? = nil) -> MatchLocator.Occurrence {
        .init(utf8Range: range, line: line, endLine: endLine ?? line, partIndex: 0, isExact: true)
    }

    @Test func aShortLineIsShownWholeWithTheMatchHighlightedInCodePoints() {
        let builder = PassageBuilder(text: ArticleText("første linje\nNÅR ENS ERFARINGER\n"))
        let passages = builder.passages(for: [occurrence(23..<33, line: 2)], limit: 100)
        #expect(passages == [Passage(line: 2, endLine: 2, text: "NÅR ENS ERFARINGER", highlights: [[8, 18]], highlightsUTF8: [[9, 19]])])
    }

    @Test func aMatchAcrossALineBreakIsOnePassage() {
        let text = "mine erfaringer\nfår en anden værdi"
        let passages = PassageBuilder(text: ArticleText(text)).passages(for: [occurrence(5..<text.utf8.count, line: 1, endLine: 2)], limit: 100)
        #expect(passages.first?.text == "mine erfaringer får en anden værdi")
        #expect(passages.first?.endLine == 2)
    }

    @Test func aLongLineIsCutToAWindowAroundTheMatch() {
        let words = (0..<200).map { "ord\($0)" }.joined(separator: " ")
        let start = words.utf8.count / 2
        let passages = PassageBuilder(text: ArticleText(words)).passages(for: [occurrence(start..<(start + 3), line: 1)], limit: 100)
        let passage = try! #require(passages.first)
        #expect(passage.text.hasPrefix("… "))
        #expect(passage.text.hasSuffix(" …"))
        #expect(passage.text.utf8.count < 400)
    }

    @Test func theBusiestPassagesAreTheLinesWithTheMostHighlightsInTextOrder() {
        let lines = ["a x", "x x x", "x x", "b x x", "x"]
        let text = ArticleText(lines.joined(separator: "\n"))
        var occurrences: [MatchLocator.Occurrence] = []
        for (index, line) in lines.enumerated() {
            for (offset, byte) in line.utf8.enumerated() where byte == UInt8(ascii: "x") {
                let start = text.lineStarts[index] + offset
                occurrences.append(occurrence(start..<(start + 1), line: index + 1))
            }
        }
        let passages = PassageBuilder(text: text).busiestPassages(for: occurrences, count: 3)
        #expect(passages.map(\.line) == [2, 3, 4])
        #expect(passages.map(\.highlights.count) == [3, 2, 2])
    }
}

/// Which stems count as one word's inflections beyond what Snowball conflates.
@Suite struct RelatedStemTests {
    @Test func neuterTAndPresentTenseRAfterAVowelJoinLongEnoughStems() {
        #expect(Vocabulary.relatedStems("negativ") == ["negativ", "negativt"])
        #expect(Vocabulary.relatedStems("negativt") == ["negativt", "negativ"])
        #expect(Vocabulary.relatedStems("bestaa") == ["bestaa", "bestaat", "bestaar"])
        #expect(Vocabulary.relatedStems("bestaar") == ["bestaar", "bestaart", "bestaa"])
        // Short stems stay apart: spor (trace) is not sport, far (father) not fart (speed).
        #expect(Vocabulary.relatedStems("spor") == ["spor"])
        #expect(Vocabulary.relatedStems("sport") == ["sport"])
        // An -r after another letter than å makes another word.
        #expect(Vocabulary.relatedStems("kontor") == ["kontor", "kontort"])
    }
}
