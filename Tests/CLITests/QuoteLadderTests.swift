import Foundation
import Testing

/// The quote ladder's last steps, through the binary: a long quote remembered with two slips is
/// found and says what differed, approximate hits are ranked by how little differs before BM25,
/// and a quote that no step finds falls back to its words, ranked, never to nothing.
@Suite struct QuoteLadderTests {
    let workspace: Workspace

    /// Beside the seed corpus: two articles that hold a quote with one slip each, a content word
    /// changed in the one (`ny` for `anden`) and a function word in the other (`den` for `en`).
    /// The first is short and repeats the quote's words, so BM25 puts it first.
    init() throws {
        workspace = try Workspace()
        try workspace.write("indholdsord.txt", Array("""
            Vores historier får en helt ny betydning.
            Historier, betydning, historier, betydning.
            """.utf8))
        try workspace.write("funktionsord.txt", Array((
            ["Om at arbejde som peer i et team på et bosted i en mellemstor by i Jylland."]
            + Array(repeating: "Vi mødes hver uge og taler om hverdagen, om beboerne og om det, der fylder.", count: 12)
            + ["For mig er det sådan, at vores historier får den helt anden betydning, når vi deler dem."]
        ).joined(separator: "\n").utf8))
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    @Test func approximateHitsAreRankedByHowLittleDiffersAndSaySo() throws {
        let quote = "\"vores historier får en helt anden betydning\""
        let result = try workspace.searchJSON(quote)
        // BM25 alone puts the short article first; a changed function word differs less.
        #expect(result.hitFileNames.prefix(2) == ["funktionsord.txt", "indholdsord.txt"], "\(result.hitFileNames)")
        #expect(result.hits.allSatisfy { $0["match"] as? String == "approximate" })
        #expect(result.hits.first?["differences"] as? [[String: String]] == [["query": "en", "text": "den"]])
        #expect(result.hits.dropFirst().first?["differences"] as? [[String: String]] == [["query": "anden", "text": "ny"]])
        let text = try workspace.search(quote, "--color", "never")
        #expect(text.stdout.contains("(approximate: en → den"), "\(text.stdout)")
        #expect(text.stdout.contains("(approximate: anden → ny"), "\(text.stdout)")
    }

    @Test func aLongQuoteWithTwoSlipsIsFoundAndSaysWhatDiffered() throws {
        // The seed quote has "får"; remembered as "har fået", two slips in seven words.
        let result = try workspace.searchJSON("\"mine erfaringer har fået en anden værdi\"")
        #expect(result.hitFileNames.first == Workspace.portrait, "\(result.hitFileNames)")
        #expect(result.hits.first?["match"] as? String == "approximate")
        #expect(result.hits.first?["differences"] as? [[String: String]] == [["query": "har", "text": ""], ["query": "fået", "text": "får"]])
        let passages = result.hits.first?["passages"] as? [[String: Any]] ?? []
        #expect(passages.contains { ($0["text"] as? String)?.contains("mine erfaringer får en anden værdi") == true })
        #expect(try workspace.search("\"mine erfaringer har fået en anden værdi\"", "--exact").status == 1)
    }

    @Test func aQuoteNoStepFindsFallsBackToItsWordsRanked() throws {
        // Two slips in five words: too few words left to go by, so its words are searched.
        let result = try workspace.searchJSON("\"erfaringer har fået anden værdi\"")
        #expect(result.hitFileNames.first == Workspace.portrait, "\(result.hitFileNames)")
        #expect(result.hits.allSatisfy { $0["match"] as? String == "words" })
        #expect(result.hits.allSatisfy { $0["differences"] == nil })
        let text = try workspace.search("\"erfaringer har fået anden værdi\"", "--color", "never")
        #expect(text.status == 0)
        #expect(text.stdout.contains("(words"), "\(text.stdout)")
        // Words that no article holds still find nothing.
        #expect(try workspace.search("\"kasserolle paraply\"").status == 1)
    }
}
