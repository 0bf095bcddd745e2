import Foundation
import Testing

/// "Did you mean" that knows the query language, and a query that finds nothing searched as suggested
/// at once (issue 17), end to end against the sample corpus.
@Suite struct SpellingTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    @Test func suggestionsReplaceWordsAndLeaveTheQueryLanguageAlone() throws {
        let cases = [
            ("titel:bostedslder", "titel:bostedsleder"),
            ("date:2021 erfaringr", "date:2021 erfaringer"),
            ("peer NEAR/3 medarbejdr", "peer NEAR/3 medarbejder"),
            ("medarbejd* recovry", "medarbejd* recovery"),
            ("format=pdf recovry", "format=pdf recovery"),
            ("\"erfaringer får en anden værdj\"", "\"erfaringer får en anden værdi\""),
        ]
        for (query, suggestion) in cases {
            #expect(try workspace.searchJSON(query)["suggestion"] as? String == suggestion, "\(query)")
        }
        // Known words next to the query language get no suggestion at all.
        for query in ["date:2021 peer", "titel:bostedsleder", "peer NEAR/3 medarbejder", "medarbejd*"] {
            #expect(try workspace.searchJSON(query)["suggestion"] is NSNull, "\(query)")
        }
    }

    @Test func aWordTypedWithDigraphsGetsASuggestionToo() throws {
        #expect(try workspace.searchJSON("vaerdii")["suggestion"] as? String == "værdi")
    }

    @Test func aQueryThatFindsNothingIsSearchedAsSuggestedAndSaysSo() throws {
        let result = try workspace.searchJSON("bostedslder")
        #expect(result.hitFileNames == [Workspace.bostedsleder])
        #expect(result["suggestion"] as? String == "bostedsleder")
        #expect(result["searched_instead"] as? Bool == true)
        #expect(result["query"] as? String == "bostedslder")

        let text = try workspace.search("bostedslder")
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Corpus/\(Workspace.bostedsleder)\n"))
        #expect(!text.stdout.contains("Showing") && !text.stdout.contains("Did you mean"))
        #expect(text.stderrLines == ["Showing results for »bostedsleder«. Search instead for »+bostedslder«"])
    }

    @Test func exactOrALeadingPlusKeepsTheQueryAsTyped() throws {
        for output in [try workspace.search("bostedslder", "--exact"), try workspace.search("+bostedslder")] {
            #expect(output.status == 1)
            #expect(output.stdout.isEmpty)
            #expect(output.stderrLines == ["Did you mean: bostedsleder?"])
        }
        let json = try workspace.searchJSON("+bostedslder")
        #expect(json.hits.isEmpty)
        #expect(json["searched_instead"] == nil)
        #expect(json["suggestion"] as? String == "bostedsleder")
    }

    @Test func aQueryThatFindsSomethingKeepsItsHitsAndOnlySuggests() throws {
        let result = try workspace.searchJSON("bostedsleder recovry")
        #expect(result.hitFileNames.contains(Workspace.bostedsleder))
        #expect(result["searched_instead"] == nil)
        #expect(result["suggestion"] as? String == "bostedsleder recovery")
    }
}
