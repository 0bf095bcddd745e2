import Ingestion
@testable import PeerSearchCore
import Testing

/// In long articles only the lines that can hold a match are analysed; the matches found must
/// be the same as when the whole text is.
@Suite struct CandidateTokensTests {
    let analyzer = try! DanishAnalyzer()

    private func occurrences(_ query: String, in text: String, candidatesOnly: Bool) throws -> [String] {
        let compiled = try QueryCompiler(analyzer: analyzer, vocabulary: nil).compile(QuerySyntax.parse(query))
        let tokens = candidatesOnly ? CandidateTokens.tokens(of: text, for: compiled, analyzer: analyzer) : analyzer.tokens(in: text)
        let found = MatchLocator(query: compiled, analyzer: analyzer, vocabulary: nil).locate(in: tokens, step: .exact)
        return found.occurrences.map { "\($0.line)-\($0.endLine):\($0.utf8Range)" }
    }

    @Test func aLongArticleGivesTheSameMatchesFromItsCandidateLines() throws {
        var lines = (0..<3000).map { "Linje \($0) om peer-støtte, fællesskab og recovery i kommunen." }
        lines[1200] = "Det er, at mine erfaringer"
        lines[1201] = "får en anden VÆRDI. Og at det at dele, kan give plads."
        lines[2500] = "Ens erfaringer får en anden vaerdi"
        lines[2900] = "I partnerskabs - projektet arbejder socialpsykiatrien."
        let text = lines.joined(separator: "\n")
        #expect(text.utf8.count > CandidateTokens.minimumTextBytes)
        for query in ["\"erfaringer får en anden værdi\"", "\"partnerskabsprojektet\"", "socialpsykiatrien erfaringer", "erfar*"] {
            let full = try occurrences(query, in: text, candidatesOnly: false)
            #expect(!full.isEmpty, "\(query)")
            #expect(try occurrences(query, in: text, candidatesOnly: true) == full, "\(query)")
        }
        // The lines of the crossline quote are reported as in the whole text.
        #expect(try occurrences("\"erfaringer får en anden værdi\"", in: text, candidatesOnly: true).first?.hasPrefix("1201-1202:") == true)
    }

    @Test func anchorsAreConsonantRunsThatEverySpellingKeeps() {
        #expect(CandidateTokens.anchor("vaerdi").map { String(decoding: $0, as: UTF8.self) } == "rd")
        #expect(CandidateTokens.anchor("partnerskabsprojektet").map { String(decoding: $0, as: UTF8.self) } == "bspr")
        #expect(CandidateTokens.anchor("i") == nil)
    }
}
