import Foundation
import Testing

/// Facets, sorting, similar articles and CSV output, end to end: the binary over a temporary
/// index of the seed articles and a few more (in folders, with authors, sources and dates, one
/// undated), each result checked against what the index holds by other searches.
@Suite struct FacetSortSimilarTests {
    let workspace: Workspace

    /// Articles beside the two seed ones: Markdown with front matter, in two folders.
    static let articles: [String: String] = [
        "noter/2019-recovery.md": """
            ---
            title: Recovery i praksis
            author: Mette Jensen
            source: Peer-nyt
            date: 2019-05-01
            ---
            Recovery handler om at leve et godt liv. En kort note om recovery og håb.
            """,
        "noter/2021-recovery.md": """
            ---
            title: Recovery og fællesskab
            author: Mette Jensen
            source: Peer-nyt
            date: 2021-02-03
            ---
            Fællesskab styrker recovery. En kort note om naboskab og recovery.
            """,
        "arkiv/2017-faelles.md": """
            ---
            title: Et fælles skrift
            author: Mette Jensen og Lars Holmboe
            source: Bladet
            date: 2017
            ---
            Om recovery, skrevet af to.
            """,
        "arkiv/udateret.md": """
            ---
            title: Uden dato
            ---
            En note om recovery uden dato.
            """,
        "andet/lag.md": """
            ---
            title: Lag i billeder
            ---
            Et lag i et billede kan flyttes, skaleres og gøres gennemsigtigt. Vælg laget i
            lagdialogen og brug flytteværktøjet; et nyt lag lægges øverst i stakken.
            """,
        "andet/installation.md": """
            ---
            title: Installation af systemet
            ---
            Installationsprogrammet spørger om sprog, tastatur og netværk. Derefter deles disken
            op i partitioner, og grundsystemet installeres fra spejlet.
            """,
    ]

    init() throws {
        workspace = try Workspace()
        for (name, text) in Self.articles {
            let file = workspace.corpus.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    private func count(_ query: String) throws -> Int {
        Int(try workspace.search(query, "--count").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func facetsCountEveryMatchAndTheirFiltersKeepExactlyThose() throws {
        let result = try workspace.searchJSON("recovery", "--facets", "--limit", "1")
        let total = try #require(result["total"] as? Int)
        #expect(total == 6)  // both seed articles and the four notes about recovery
        let facets = try #require(result["facets"] as? [String: [[String: Any]]])
        #expect(Set(facets.keys) == ["year", "author", "source", "format", "folder"])
        func values(_ field: String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: (facets[field] ?? []).map { ($0["value"] as? String ?? "", $0["count"] as? Int ?? 0) })
        }
        #expect(values("year") == ["2017": 1, "2019": 1, "2021": 2])
        #expect(values("author") == ["Mette Jensen": 2, "Mette Jensen og Lars Holmboe": 1, "Lars Holmboe": 1])
        #expect(values("format") == ["md": 4, "txt": 2])
        #expect(values("folder").values.reduce(0, +) == total)
        #expect(values("folder")[workspace.corpus.appendingPathComponent("noter").path] == 2)
        #expect((facets["year"] ?? []).compactMap { $0["value"] as? String } == ["2021", "2019", "2017"])

        // Every value's filter, added to the query, keeps exactly the articles counted.
        var checked = 0
        for (field, entries) in facets {
            for entry in entries {
                let filter = try #require(entry["filter"] as? String)
                #expect(try count("recovery \(filter)") == entry["count"] as? Int, "\(field): \(filter)")
                checked += 1
            }
        }
        #expect(checked >= 12)
        // The exact filter is not the author field's phrase search, which finds both authors' article too.
        #expect(try count("recovery author=\"Lars Holmboe\"") == 1)
        #expect(try count("recovery author:\"Lars Holmboe\"") == 2)
        // A date range narrows the match set; it does not make the words optional.
        #expect(try count("recovery date:2018..2021") == 3)
        #expect(try count("håb date:2018..2021") == 1)
        // Text output ends with a short facet block.
        let text = try workspace.search("recovery", "--facets").stdout
        #expect(text.contains("year: 2021 (2), 2019 (1), 2017 (1)\n"))
        #expect(text.contains("format: md (4), txt (2)\n"))
    }

    @Test func sortsByDateWithUndatedArticlesLast() throws {
        func dates(_ order: String) throws -> [String?] {
            try workspace.searchJSON("recovery", "--sort", order, "--limit", "20").hits.map { $0["date"] as? String }
        }
        let newest = try dates("newest"), oldest = try dates("oldest")
        #expect(newest.count == 6)
        #expect(newest.compactMap { $0 } == ["2021-02-03", "2021", "2019-05-01", "2017"])
        #expect(newest.suffix(2) == [nil, nil])
        #expect(oldest.compactMap { $0 } == ["2017", "2019-05-01", "2021", "2021-02-03"])
        #expect(oldest.suffix(2) == [nil, nil])
        let relevance = try workspace.searchJSON("recovery").hits.compactMap { $0["id"] as? Int }
        #expect(try workspace.searchJSON("recovery", "--sort", "relevance").hits.compactMap { $0["id"] as? Int } == relevance)

        let bad = try workspace.search("recovery", "--sort", "tilfældig")
        #expect(bad.status == 2)
        #expect(bad.stderrLines.count == 1)
        #expect(bad.stderr.contains("relevance"))
    }

    @Test func similarFindsTheOtherSeedArticleFirst() throws {
        let portrait = workspace.corpus.appendingPathComponent(Workspace.portrait).path
        let output = try workspace.peersearch("similar", portrait, "--index", workspace.index, "--format", "json")
        #expect(output.status == 0, "\(output.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(result["schema_version"] as? Int == 1)
        #expect(result.hitFileNames.first == Workspace.bostedsleder)
        #expect(!result.hitFileNames.contains(Workspace.portrait))
        // Far ahead of the short notes that share a word or two with it.
        let scores = result.hits.compactMap { $0["score"] as? Double }
        #expect(scores.count >= 2 && scores[0] > 2 * scores[1])
        // The words searched for are the article's own, no stop words among them.
        let words = (result["query"] as? String ?? "").split(separator: " ").map(String.init)
        #expect(words.contains("lindberg") && words.count <= 40)
        #expect(!words.contains("og") && !words.contains("en"))
        #expect(result.hits.first.map { ($0["passages"] as? [Any] ?? []).isEmpty } == false)

        // By document id too; the other way round; an unknown article is exit 1.
        let id = try #require(try workspace.searchJSON("\"erfaringer får en anden værdi\"").hits.first?["id"] as? Int)
        let byID = try workspace.peersearch("similar", "\(id)", "--index", workspace.index, "--format", "json")
        #expect(byID.stdout == output.stdout)
        let bostedsleder = workspace.corpus.appendingPathComponent(Workspace.bostedsleder).path
        let back = try workspace.peersearch("similar", bostedsleder, "--index", workspace.index, "--format", "json")
        let backResult = try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(backResult.hitFileNames.first == Workspace.portrait)
        let missing = try workspace.peersearch("similar", "findes/ikke.txt", "--index", workspace.index)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no article"))
    }

    @Test func csvHasOneRowPerPassageAndParses() throws {
        let query = "\"erfaringer får en anden værdi\""
        let csv = try workspace.search(query, "--format", "csv")
        #expect(csv.status == 0)
        let passages = try workspace.searchJSON(query).hits.flatMap { hit in
            (hit["passages"] as? [[String: Any]] ?? []).map { (hit["path"] as? String ?? "", $0["line"] as? Int ?? 0, $0["text"] as? String ?? "") }
        }
        #expect(passages.count == 3)
        let rows = try parseCSV(csv.stdout)
        #expect(rows.first == ["path", "title", "author", "date", "page", "line", "text", "match"])
        #expect(rows.count == passages.count + 1)
        for (row, passage) in zip(rows.dropFirst(), passages) {
            #expect(row.count == 8)
            #expect(row[0] == passage.0 && row[5] == String(passage.1) && row[6] == passage.2 && row[7] == "exact")
            #expect(row[3] == "2021" && row[2] == "" && row[4] == "")
        }
        // The passage with quotation marks and commas comes back as written.
        #expect(rows.contains { $0[6].contains("\"Det er, at mine erfaringer får en anden værdi.") })
    }

    /// Rows of `text` as Python's csv module reads them.
    private func parseCSV(_ text: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try JSONSerialization.jsonObject(with: data) as? [[String]] ?? []
    }
}
