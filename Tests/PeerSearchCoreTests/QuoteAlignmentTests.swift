import Analysis
@testable import PeerSearchCore
import Testing

/// The closeness by which approximate hits are ranked: what differs between a quote and the
/// closest stretch of a text, and what that costs.
@Suite struct QuoteAlignmentTests {
    let analyzer = try! DanishAnalyzer()

    /// The closest stretch of `text` for `quote` within `slips`, or nil.
    private func closest(_ quote: String, in text: String, slips: Int = 2) -> QuoteAlignment? {
        let tokens = analyzer.tokens(in: quote).filter { !$0.isJoined }
        let words = tokens.map { String(decoding: Array(quote.utf8)[$0.utf8Range], as: UTF8.self).lowercased() }
        let aligner = QuoteAligner(terms: tokens.map(\.term), words: words, analyzer: analyzer, text: ArticleText(text))
        return aligner.alignments(in: analyzer.tokens(in: text), maximumSlips: slips).min { $0.cost < $1.cost }
    }

    @Test func eachKindOfSlipIsFoundAndSaid() throws {
        let text = "Det er at mine erfaringer får en anden værdi. Og at det at dele kan give plads."
        #expect(closest("mine erfaringer får en anden værdi", in: text)?.differences == [])
        #expect(closest("mine erfaringer har en anden værdi", in: text)?.differences == [.init(query: "har", text: "får")])
        #expect(closest("mine erfaringer får anden værdi", in: text)?.differences == [.init(query: "", text: "en")])
        #expect(closest("mine erfaringer får en helt anden værdi", in: text)?.differences == [.init(query: "helt", text: "")])
        #expect(closest("mine erfaringer får anden en værdi", in: text)?.differences == [.init(query: "anden en", text: "en anden")])
        #expect(closest("mine erfaringer har fået en anden værdi", in: text)?.differences
                == [.init(query: "har", text: ""), .init(query: "fået", text: "får")])
        // Three slips are more than allowed.
        #expect(closest("dine erfaringer har fået en anden værdi", in: text) == nil)
    }

    @Test func aFunctionWordOrAnInflectionCostsLessThanAContentWord() throws {
        let text = "mine erfaringer får en anden værdi"
        let function = try #require(closest("mine erfaringer får den anden værdi", in: text))
        let inflection = try #require(closest("mine erfaring får en anden værdi", in: text))
        let content = try #require(closest("mine oplevelser får en anden værdi", in: text))
        let forgotten = try #require(closest("mine erfaringer får en værdi", in: text))
        #expect(function.cost < content.cost)
        #expect(inflection.cost < content.cost)
        // A word the quote forgot costs less than one it changed.
        #expect(forgotten.cost < content.cost)
    }

    @Test func twoWordsOfTheQuoteMustStandAsWritten() throws {
        #expect(closest("peer arbejde", in: "en peer i arbejde", slips: 1) != nil)
        #expect(closest("peer arbejde", in: "en peer i job", slips: 1) == nil)
    }
}
