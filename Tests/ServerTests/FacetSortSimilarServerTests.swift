import Foundation
import Testing

/// `GET /search` with `sort`, `facets` and `format=csv`, and `GET /articles/{id}/similar`,
/// against the real server: the same results as the CLI, and 400s for bad values.
@Suite struct FacetSortSimilarServerTests {
    @Test func searchTakesSortFacetsAndCSVAsTheCLIDoes() async throws {
        let server = try await ServerProcess()
        for parameters in [[("q", "peer"), ("facets", "true")], [("q", "peer"), ("sort", "oldest")],
                           [("q", "peer"), ("sort", "newest"), ("facets", "true"), ("limit", "1")]] {
            let reply = try await server.search(parameters)
            #expect(reply.status == 200)
            var arguments = ["search", "peer", "--index", server.indexPath, "--format", "json"]
            for (name, value) in parameters.dropFirst() {
                arguments += value == "true" ? ["--\(name)"] : ["--\(name)", value]
            }
            let cli = try ServerProcess.runToEnd(arguments, in: server.root)
            #expect(reply.text == cli.stdout.trimmingCharacters(in: .newlines), "\(parameters)")
        }
        let facets = try await server.search([("q", "peer"), ("facets", "true")]).json["facets"] as? [String: [[String: Any]]]
        #expect(facets?["year"]?.first?["filter"] as? String == "date:2021")
        #expect(facets?["format"]?.first?["count"] as? Int == 2)

        let csv = try await server.search([("q", ServerProcess.quote), ("format", "csv")])
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let cliCSV = try ServerProcess.runToEnd(["search", ServerProcess.quote, "--index", server.indexPath, "--format", "csv"], in: server.root)
        #expect(csv.text == cliCSV.stdout)
        #expect(csv.text.hasPrefix("path,title,author,date,page,line,text,match\r\n"))
    }

    @Test func badSortFacetsOrFormatAreJSON400s() async throws {
        let server = try await ServerProcess()
        for (name, value, message) in [("sort", "random", "sort must be one of relevance, newest, oldest"),
                                       ("facets", "ja", "facets must be true or false"),
                                       ("format", "xml", "format must be json or csv")] {
            let reply = try await server.search([("q", "peer"), (name, value)])
            #expect(reply.status == 400)
            #expect(reply.errorStatus == 400)
            #expect(reply.errorMessage == message)
        }
    }

    /// The seed articles and three short ones on other things. (In an index of the two seed
    /// articles alone, relevance feedback finds nothing: a word both hold tells neither apart
    /// from the rest, so its expansion weight is zero.)
    static func corpus() throws -> [String: String] {
        var files: [String: String] = [
            "lag.txt": "Lag i billeder\n\nEt lag i et billede kan flyttes, skaleres og gøres gennemsigtigt.",
            "installation.txt": "Installation\n\nInstallationsprogrammet spørger om sprog, tastatur og netværk.",
            "kaffe.txt": "Kaffe\n\nKaffe brygges bedst med friskkværnede bønner og vand lige under kogepunktet.",
        ]
        for name in [ServerProcess.portrait, "bostedsleder-peer-medarbejderen-saetter-skub-i-recovery-orienteringen.txt"] {
            files[name] = try String(contentsOf: ServerProcess.packageRoot.appendingPathComponent("Corpus/\(name)"), encoding: .utf8)
        }
        return files
    }

    @Test func similarArticlesAnswerAsTheCLIDoes() async throws {
        let server = try await ServerProcess(corpora: [try Self.corpus()])
        let id = try #require(try await server.search([("q", ServerProcess.quote)]).hits.first?["id"] as? Int)
        let reply = try await server.get("/articles/\(id)/similar")
        #expect(reply.status == 200)
        #expect(reply.json["schema_version"] as? Int == 1)
        #expect((reply.hits.first?["path"] as? String)?.hasSuffix("bostedsleder-peer-medarbejderen-saetter-skub-i-recovery-orienteringen.txt") == true)
        #expect(!reply.hits.contains { ($0["id"] as? Int) == id })
        let cli = try ServerProcess.runToEnd(["similar", "\(id)", "--index", server.indexPaths[0], "--format", "json"], in: server.root)
        #expect(reply.text == cli.stdout.trimmingCharacters(in: .newlines))

        let missing = try await server.get("/articles/9999/similar")
        #expect(missing.status == 404)
        #expect(missing.errorMessage == "no article '9999' in the index")
        #expect(try await server.get("/articles/\(id)/similar?limit=0").status == 400)
        #expect(try await server.get("/articles/\(id)/similar?q=x").status == 400)
    }
}
