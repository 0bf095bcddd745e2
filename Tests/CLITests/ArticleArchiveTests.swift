import Foundation
import Testing
import Xapian

/// Every article has a file: one from standard input is kept in the archive beside the index,
/// so index runs and `--rebuild` keep it, and removing it removes its file.
@Suite struct ArticleArchiveTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    private var archive: URL { workspace.root.appendingPathComponent("Index.archive") }

    private func addFromStandardInput(id: String = "nyhedsbrev/2024-05") throws -> CommandRunner.Output {
        try workspace.runner.run(
            ["index", "--stdin", "--id", id, "--format", "md", "--author", "Lars Holmboe", "--date", "1. maj 2024",
             "--index", workspace.index],
            input: "# Peer-nyt maj\n\nSpejling og rummelighed i Esbjerg.\n")
    }

    @Test func anArticleFromStandardInputIsKeptAsAFileAndSurvivesARebuild() throws {
        try workspace.indexCorpus()
        #expect(try addFromStandardInput().status == 0)
        let file = archive.appendingPathComponent("nyhedsbrev/2024-05.md")
        #expect(try String(contentsOf: file, encoding: .utf8) == "# Peer-nyt maj\n\nSpejling og rummelighed i Esbjerg.\n")

        // An index run reads the archive: the article is unchanged, not new.
        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 0 removed, 0 skipped (3 unchanged)\n")
        // A rebuild keeps it, with the metadata given with it.
        let rebuilt = try workspace.indexCorpus("--rebuild")
        #expect(rebuilt.stdout == "3 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n", "\(rebuilt.stderr)")
        let hit = try #require(try workspace.searchJSON("\"rummelighed i esbjerg\"").hits.first)
        #expect(hit["path"] as? String == "nyhedsbrev/2024-05")
        #expect(hit["title"] as? String == "Peer-nyt maj")
        #expect(hit["author"] as? String == "Lars Holmboe")
        #expect(hit["date"] as? String == "2024-05-01")

        // Removing it removes its file: no later run brings it back.
        let removed = try workspace.peersearch("remove", "nyhedsbrev/2024-05", "--index", workspace.index)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try workspace.indexCorpus("--rebuild").stdout.hasPrefix("2 new"))
        #expect(try workspace.search("esbjerg").status == 1)
    }

    @Test func anArticleIndexedBeforeTheArchiveExistedIsGivenAFile() throws {
        #expect(try addFromStandardInput().status == 0)
        // As an index from before the archive: the article is in the index only.
        try FileManager.default.removeItem(at: archive)
        #expect(try workspace.indexCorpus().status == 0)
        let kept = archive.appendingPathComponent("nyhedsbrev/2024-05.txt")
        #expect(try String(contentsOf: kept, encoding: .utf8).contains("Spejling og rummelighed i Esbjerg."))
        #expect(try workspace.indexCorpus("--rebuild").status == 0)
        let hit = try #require(try workspace.searchJSON("\"rummelighed i esbjerg\"").hits.first)
        #expect(hit["path"] as? String == "nyhedsbrev/2024-05")
        #expect(hit["author"] as? String == "Lars Holmboe")
    }

    @Test func aReplacedArticleKeepsOneFileAndTheArchiveCanBeElsewhere() throws {
        let elsewhere = workspace.root.appendingPathComponent("arkiv")
        let first = try workspace.runner.run(["index", "--stdin", "--id", "notat", "--archive", elsewhere.path, "--index", workspace.index],
                                             input: "Notat\n\nFørste udgave om kasseroller.\n")
        #expect(first.status == 0, "\(first.stderr)")
        let second = try workspace.runner.run(
            ["index", "--stdin", "--id", "notat", "--format", "html", "--archive", elsewhere.path, "--index", workspace.index],
            input: "<html><title>Notat</title><body><p>Anden udgave om pander.</p></body></html>")
        #expect(second.stdout == "0 new, 1 updated, 0 removed, 0 skipped (0 unchanged)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["notat.html"])
        #expect(!FileManager.default.fileExists(atPath: archive.path))
        #expect(try workspace.search("kasseroller").status == 1)
        #expect(try workspace.search("pander").status == 0)
    }
}
