import Analysis
import Ingestion
@testable import PeerSearchCore
import Testing

/// Only the lines that can hold a match are analysed; the matches found must be the same as when
/// the whole text is.
@Suite struct CandidateTokensTests {
    let analyzer = try! DanishAnalyzer()

    private func compile(_ query: String) throws -> CompiledQuery {
        try QueryCompiler(analyzer: analyzer, vocabulary: nil).compile(QuerySyntax.parse(query))
    }

    private func occurrences(_ query: String, in text: String, step: MatchKind = .exact, candidatesOnly: Bool) throws -> [String] {
        let compiled = try compile(query)
        let tokens = candidatesOnly
            ? CandidateTokens(query: compiled, step: step).tokens(of: ArticleText(text), analyzer: analyzer)
            : analyzer.tokens(in: text)
        let found = MatchLocator(query: compiled, analyzer: analyzer, vocabulary: nil).locate(in: tokens, step: step)
        return found.occurrences.map { "\($0.line)-\($0.endLine):\($0.utf8Range)" }
    }

    @Test func aLongArticleGivesTheSameMatchesFromItsCandidateLines() throws {
        var lines = (0..<3000).map { "Linje \($0) om peer-støtte, fællesskab og recovery i kommunen." }
        lines[1200] = "Det er, at mine erfaringer"
        lines[1201] = "får en anden VÆRDI. Og at det at dele, kan give plads."
        lines[2500] = "Ens erfaringer får en anden vaerdi"
        lines[2900] = "I partnerskabs - projektet arbejder socialpsykiatrien."
        lines[2950] = "Et Partnerskabs-"
        lines[2951] = "projektet og FOA's idé om Ærø."
        let text = lines.joined(separator: "\n")
        for query in ["\"erfaringer får en anden værdi\"", "\"partnerskabsprojektet\"", "socialpsykiatrien erfaringer", "erfar*",
                      "foas ide aeroe", "peer-støtte"] {
            let full = try occurrences(query, in: text, candidatesOnly: false)
            #expect(!full.isEmpty, "\(query)")
            #expect(try occurrences(query, in: text, candidatesOnly: true) == full, "\(query)")
        }
        // The lines of the crossline quote are reported as in the whole text.
        #expect(try occurrences("\"erfaringer får en anden værdi\"", in: text, candidatesOnly: true).first?.hasPrefix("1201-1202:") == true)
    }

    @Test func aQuoteRunningAcrossEmptyLinesIsFoundAsInTheWholeText() throws {
        let text = "Figur 7.14. Tekst konverteret til en kurve\n\n\n\n\n\nTekst konverteret til en kurve og derefter transformeret.\n"
        let quote = "\"Tekst konverteret til en kurve og transformeret\""
        let full = try occurrences(quote, in: text, step: .approximate, candidatesOnly: false)
        #expect(full.contains { $0.hasPrefix("7-7:") }, "\(full)")
        #expect(try occurrences(quote, in: text, step: .approximate, candidatesOnly: true) == full)
    }

    @Test func aPhraseIsAnchoredByItsRarestWordAndLinesWithoutTheOthersAreNotAnalysed() throws {
        let articles = ["erfaringer": 40, "faar": 900, "en": 5000, "anden": 700, "vaerdi": 12]
        let quote = try compile("\"erfaringer får en anden værdi\"")
        let candidates = CandidateTokens(query: quote, step: .exact, frequency: { articles[$0] ?? 0 })
        #expect(candidates.anchors?.map { String(decoding: $0.term, as: UTF8.self) } == ["vaerdi"])

        var lines = (0..<3000).map { "Linje \($0) om værdi, fællesskab og recovery i kommunen." }
        lines[1200] = "Det er, at mine erfaringer"
        lines[1201] = "får en anden VÆRDI. Og at det at dele, kan give plads."
        let whole = lines.joined(separator: "\n")
        let tokens = candidates.tokens(of: ArticleText(whole), analyzer: analyzer)
        // The lines around the quote (about 20), not the 3000 that hold "værdi" alone.
        #expect(tokens.count < 500)
        let locator = MatchLocator(query: quote, analyzer: analyzer, vocabulary: nil)
        let found = locator.locate(in: tokens, step: .exact).occurrences.map { "\($0.line)-\($0.endLine):\($0.utf8Range)" }
        let expected = locator.locate(in: analyzer.tokens(in: whole), step: .exact).occurrences.map { "\($0.line)-\($0.endLine):\($0.utf8Range)" }
        #expect(found.count == 1)
        #expect(found == expected)
    }

    @Test func anchorsAreFoldedTermsEveryMatchHolds() throws {
        func anchors(_ query: String, _ step: MatchKind) throws -> Set<String>? {
            try CandidateTokens.anchors(of: compile(query), step: step).map { Set($0.map { String(decoding: $0.term, as: UTF8.self) }) }
        }
        // A phrase by its longest word, a word by its stem (inflections and compounds hold it).
        #expect(try anchors("\"erfaringer får en anden værdi\"", .exact) == ["erfaringer"])
        #expect(try anchors("medarbejdere Værdi", .exact) == ["medarbejd", "vaerdi"])
        // An approximate quote may lack any one word: two words anchor it.
        #expect(try anchors("\"erfaringer får en anden værdi\"", .approximate) == ["erfaringer", "vaerdi"])
        // A word that folds to no ASCII term could be anywhere.
        #expect(try anchors("Ελλάδα", .exact) == nil)
    }

    /// A text of one line longer than a window: only bytes around each anchor are analysed.
    private static func oneLine(bytes: Int, middle: String) -> String {
        let sentence = "Peer-støtte giver fællesskab og recovery i kommunen. "
        let half = String(repeating: sentence, count: bytes / 2 / sentence.utf8.count)
        return half + middle + " " + half
    }

    @Test func aPhraseInAHugeLineIsFoundInAWindowAroundItsAnchor() throws {
        let text = Self.oneLine(bytes: 400_000, middle: "Det er, at mine erfaringer får en anden VÆRDI.")
        let quote = "\"erfaringer får en anden værdi\""
        let candidates = CandidateTokens(query: try compile(quote), step: .exact)
        let tokens = candidates.tokens(of: ArticleText(text), analyzer: analyzer)
        #expect(tokens.count < 2_000)  // not the 60,000 of the whole line
        #expect(try occurrences(quote, in: text, candidatesOnly: true) == occurrences(quote, in: text, candidatesOnly: false))
    }

    @Test func aRareWordIsNotCrowdedOutOfAHugeArticleByACommonOne() throws {
        // Past `maximumAnalysedBytes`, each anchor has its share: the common word's windows
        // from the start of the text cannot take the rare word's in the middle.
        let text = Self.oneLine(bytes: 3 * CandidateTokens.maximumAnalysedBytes, middle: "Glasmagerens fællesskab")
        let candidates = CandidateTokens(query: try compile("fællesskab glasmagerens"), step: .exact)
        let tokens = candidates.tokens(of: ArticleText(text), analyzer: analyzer)
        #expect(tokens.contains { $0.term == "glasmagerens" })
        #expect(tokens.last.map { $0.utf8Range.upperBound } ?? 0 < text.utf8.count / 2 + 100_000)
    }

    @Test func noTokensAreAnalysedPastTheDeadline() throws {
        let candidates = CandidateTokens(query: try compile("fællesskab"), step: .exact)
        let text = ArticleText(Self.oneLine(bytes: 10_000, middle: "fællesskab"))
        #expect(!candidates.tokens(of: text, analyzer: analyzer).isEmpty)
        #expect(candidates.tokens(of: text, analyzer: analyzer, until: .now).isEmpty)
    }
}
