import Ingestion
@testable import PeerSearchCore
import Testing

/// Reading queries, and the term sequences a query part can match.
@Suite struct QueryTests {
    @Test func phrasesWordsAndExclusionsAreRead() {
        #expect(QuerySyntax.parse("\"erfaringer får\" peer -randers") == [.phrase("erfaringer får"), .word("peer"), .excluded("randers")])
    }

    @Test func danishQuotationMarksOpenAndClosePhrases() {
        #expect(QuerySyntax.parse("”Det var som sådan” mig") == [.phrase("Det var som sådan"), .word("mig")])
        #expect(QuerySyntax.parse("»brugerperspektivet på dagsordenen«") == [.phrase("brugerperspektivet på dagsordenen")])
    }

    @Test func anUnbalancedQuoteRunsToTheEnd() {
        #expect(QuerySyntax.parse("peer \"anden værdi") == [.word("peer"), .phrase("anden værdi")])
        #expect(QuerySyntax.parse("\"\" -") == [.word("-")])
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
        let builder = PassageBuilder(text: "første linje\nNÅR ENS ERFARINGER\n")
        let passages = builder.passages(for: [occurrence(23..<33, line: 2)])
        #expect(passages == [Passage(line: 2, endLine: 2, text: "NÅR ENS ERFARINGER", highlights: [[8, 18]], highlightsUTF8: [[9, 19]])])
    }

    @Test func aMatchAcrossALineBreakIsOnePassage() {
        let text = "mine erfaringer\nfår en anden værdi"
        let passages = PassageBuilder(text: text).passages(for: [occurrence(5..<text.utf8.count, line: 1, endLine: 2)])
        #expect(passages.first?.text == "mine erfaringer får en anden værdi")
        #expect(passages.first?.endLine == 2)
    }

    @Test func aLongLineIsCutToAWindowAroundTheMatch() {
        let words = (0..<200).map { "ord\($0)" }.joined(separator: " ")
        let start = words.utf8.count / 2
        let passages = PassageBuilder(text: words).passages(for: [occurrence(start..<(start + 3), line: 1)])
        let passage = try! #require(passages.first)
        #expect(passage.text.hasPrefix("… "))
        #expect(passage.text.hasSuffix(" …"))
        #expect(passage.text.utf8.count < 400)
    }
}
