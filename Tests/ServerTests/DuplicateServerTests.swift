import Foundation
import Testing

/// Byte-identical articles over HTTP: `GET /search` lists them once with `duplicates`, as the
/// CLI does, and each with `all=true`; `/articles/{id}/similar` takes `all` too; the search page
/// says `Også:` with links to the others' article pages.
@Suite struct DuplicateServerTests {
    static let text = "Kaffe\n\nKaffe brygges bedst med friskkværnede bønner og vand lige under kogepunktet."

    func html(_ reply: ServerProcess.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    @Test func searchCollapsesDuplicatesUnlessAllIsTrue() async throws {
        var corpus = try FacetSortSimilarServerTests.corpus()
        corpus.removeValue(forKey: "kaffe.txt")
        corpus["kaffe-a.txt"] = Self.text
        corpus["kaffe-b.txt"] = Self.text
        corpus["kaffe-c.txt"] = Self.text + " Med mælk."
        let server = try await ServerProcess(corpora: [corpus])

        let collapsed = try await server.search([("q", "kaffe")])
        #expect(collapsed.status == 200)
        #expect(collapsed.json["total"] as? Int == 2)
        let names = collapsed.hits.map { (($0["path"] as? String ?? "") as NSString).lastPathComponent }
        #expect(names.count == 2 && names.contains("kaffe-c.txt"), "\(names)")
        let pair = try #require(collapsed.hits.first { ($0["path"] as? String)?.hasSuffix("kaffe-c.txt") == false })
        let pairPath = try #require(pair["path"] as? String)
        let other = pairPath.hasSuffix("kaffe-a.txt") ? "kaffe-b.txt" : "kaffe-a.txt"
        let duplicates = try #require(pair["duplicates"] as? [String])
        #expect(duplicates.map { ($0 as NSString).lastPathComponent } == [other])

        let all = try await server.search([("q", "kaffe"), ("all", "true")])
        #expect(all.status == 200)
        #expect(all.json["total"] as? Int == 3)
        #expect(all.hits.count == 3)
        #expect(all.hits.allSatisfy { ($0["duplicates"] as? [String]) == [] })
        for (parameters, flags) in [([("q", "kaffe")], [String]()), ([("q", "kaffe"), ("all", "true")], ["--all"])] {
            let cli = try ServerProcess.runToEnd(["search", "kaffe", "--index", server.indexPath, "--format", "json"] + flags, in: server.root)
            #expect(try await server.search(parameters).text == cli.stdout.trimmingCharacters(in: .newlines))
        }

        let bad = try await server.search([("q", "kaffe"), ("all", "ja")])
        #expect(bad.status == 400)
        #expect(bad.errorMessage == "all must be true or false")

        // Similar articles: the pair is one hit, unless all=true.
        let changedID = try #require(collapsed.hits.first { ($0["path"] as? String)?.hasSuffix("kaffe-c.txt") == true }?["id"] as? Int)
        let similar = try await server.get("/articles/\(changedID)/similar")
        #expect(similar.status == 200)
        #expect(similar.hits.first?["duplicates"] as? [String] != [], "\(similar.text)")
        let similarAll = try await server.get("/articles/\(changedID)/similar?all=true")
        #expect(similarAll.status == 200)
        #expect(similarAll.hits.prefix(2).allSatisfy { ($0["path"] as? String)?.contains("kaffe-") == true }, "\(similarAll.text)")
        #expect(try await server.get("/articles/\(changedID)/similar?all=ja").status == 400)

        // The search page: "Også:" under the hit, linked to the other's article page.
        let otherID = try #require(all.hits.first { ($0["path"] as? String)?.hasSuffix(other) == true }?["id"] as? Int)
        let page = html(try await server.get("/?q=kaffe"))
        #expect(page.contains("<p class=\"duplicates\">Også: <a href=\"/artikel/\(otherID)?q=kaffe\">\(duplicates[0])</a></p>"), "\(page)")
    }
}
