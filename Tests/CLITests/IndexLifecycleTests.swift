import Foundation
import Testing
import Xapian

/// Incremental indexing over an archive's life: dry runs, touched files, removal, statistics,
/// articles from standard input, and bad input in a batch.
@Suite struct IndexLifecycleTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    @Test func aDryRunShowsThePlanAndWritesNothing() throws {
        let output = try workspace.indexCorpus("--dry-run")
        #expect(output.status == 0)
        #expect(output.stdout.contains("would add: Corpus/\(Workspace.portrait)"))
        #expect(output.stdout.hasSuffix("dry run: 2 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n"))
        #expect(!FileManager.default.fileExists(atPath: workspace.index))
        try workspace.indexCorpus()
        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent(Workspace.bostedsleder))
        let plan = try workspace.indexCorpus("--dry-run")
        #expect(plan.stdout.contains("would remove: Corpus/\(Workspace.bostedsleder)"))
        #expect(try Database(path: workspace.index).documentCount() == 2)
    }

    @Test func aTouchedButUnchangedFileIsNotReindexed() throws {
        try workspace.indexCorpus()
        let portrait = workspace.corpus.appendingPathComponent(Workspace.portrait)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: portrait.path)
        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 0 removed, 0 skipped (2 unchanged)\n")
        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 0 removed, 0 skipped (2 unchanged)\n")
    }

    @Test func keepMissingKeepsArticlesWhoseFilesAreGone() throws {
        try workspace.indexCorpus()
        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent(Workspace.portrait))
        #expect(try workspace.indexCorpus("--keep-missing").stdout.hasPrefix("0 new, 0 updated, 0 removed"))
        #expect(try workspace.search("\"erfaringer får en anden værdi\"").status == 0)
    }

    @Test func removeDropsArticlesAndStatsCountsThem() throws {
        try workspace.indexCorpus()
        let stats = try workspace.peersearch("stats", "--index", workspace.index, "--json")
        let before = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(before?["documents"] as? Int == 2)
        #expect((before?["terms"] as? Int ?? 0) > 300)
        #expect((before?["bytes_on_disk"] as? Int ?? 0) > 0)
        #expect(before?["last_indexed"] is String)

        let removed = try workspace.peersearch("remove", workspace.corpus.appendingPathComponent(Workspace.portrait).path,
                                               "--index", workspace.index)
        #expect(removed.stdout == "1 removed\n")
        #expect(try workspace.search("\"erfaringer får en anden værdi\"", "--exact").status == 1)
        #expect(try workspace.peersearch("remove", "ingenting.txt", "--index", workspace.index).status == 1)
        #expect(try workspace.peersearch("stats", "--index", workspace.index).stdout.contains("documents:     1"))
    }

    @Test func wordsOfChangedAndRemovedArticlesGiveWayToTheWordsLeft() throws {
        func suggestion(_ query: String) throws -> String? {
            try workspace.searchJSON(query)["suggestion"] as? String
        }
        try workspace.write("gruppe.txt", Array("Om grupper\n\nVi mødes i selvhjælpsgruppen hver tirsdag.\n".utf8))
        try workspace.write("netvaerk.txt", Array("Om netværk\n\nNetværksmødet holdes i Vejle.\n".utf8))
        try workspace.write("andet.txt", Array("Om andet\n\nSelvhjælpsgrupper og netværksmøder.\n".utf8))
        try workspace.indexCorpus()
        // The closest words win: one letter away.
        #expect(try suggestion("selvhjælpsgrupen") == "selvhjælpsgruppen")
        #expect(try suggestion("netværksmødt") == "netværksmødet")

        // The one article holding each is rewritten without it, or its file is gone: the words
        // two letters away, which another article holds, are suggested instead.
        try workspace.write("gruppe.txt", Array("Om grupper\n\nVi mødes hver tirsdag.\n".utf8))
        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent("netvaerk.txt"))
        #expect(try workspace.indexCorpus().stdout.hasPrefix("0 new, 1 updated, 1 removed"))
        #expect(try suggestion("selvhjælpsgrupen") == "selvhjælpsgrupper")
        #expect(try suggestion("netværksmødt") == "netværksmøder")
    }

    @Test func anArticleFromStandardInputIsIndexedWithItsMetadata() throws {
        let output = try workspace.runner.run(
            ["index", "--stdin", "--id", "nyhedsbrev/2024-05", "--title", "Peer-nyt maj", "--author", "Lars Holmboe",
             "--date", "1. maj 2024", "--index", workspace.index],
            input: "Peer-nyt maj\n\nSpejling og rummelighed i Esbjerg.\n")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "1 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")
        let hit = try #require(try workspace.searchJSON("esbjerg").hits.first)
        #expect(hit["path"] as? String == "nyhedsbrev/2024-05")
        #expect(hit["author"] as? String == "Lars Holmboe")
        #expect(hit["date"] as? String == "2024-05-01")
        let empty = try workspace.runner.run(["index", "--stdin", "--id", "tom", "--index", workspace.index], input: "")
        #expect(empty.status == 2)
        #expect(empty.stderrLines == ["peersearch: error: empty file (no text)"])
    }

    @Test func standardInputTakesTheIdsAnUploadTakes() throws {
        // Digits alone would read as a document id; control characters would reach terminals.
        for id in ["42", "nyt\u{1B}[2J", "/etc/nyt", "nyt/../.."] {
            let run = try workspace.runner.run(["index", "--stdin", "--id", id, "--index", workspace.index], input: "Om peer-støtte\n")
            #expect(run.status == 2, "\(id.debugDescription)")
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("peersearch: error: --id: "), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.index))
    }

    @Test func oversizedDeeplyNestedLinkedAndLoopingInputIsHandled() throws {
        try workspace.write("stor.txt", Array(String(repeating: "ord ", count: 400_000).utf8))  // 1.6 MB
        let nested = String(repeating: "<div>", count: 50_000) + "dybt begravet tekst" + String(repeating: "</div>", count: 50_000)
        try workspace.write("dyb.html", Array(nested.utf8))
        try workspace.write("brudt.html", Array("<html><body><p>Halv <b>side om <i>peer-støtte".utf8))
        let links = workspace.corpus.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: links.appendingPathComponent("loop").path, withDestinationPath: links.path)
        try FileManager.default.createSymbolicLink(atPath: links.appendingPathComponent("kopi.txt").path,
                                                   withDestinationPath: workspace.corpus.appendingPathComponent(Workspace.portrait).path)
        try FileManager.default.createSymbolicLink(atPath: links.appendingPathComponent("borte.txt").path, withDestinationPath: "/nonexistent/x.txt")

        let output = try workspace.indexCorpus("--max-file-mb", "1")
        #expect(output.status == 0)
        #expect(output.stderr.contains("stor.txt: file too large (1600000 bytes; the limit is 1048576 bytes)"))
        #expect(output.stderr.contains("borte.txt: cannot read file: No such file or directory"))
        #expect(output.stdout == "5 new, 0 updated, 0 removed, 2 skipped (0 unchanged)\n")
        #expect(try workspace.searchJSON("\"halv side om peer-støtte\"").hitFileNames == ["brudt.html"])
        #expect(try workspace.search("+kopi").status == 1)  // as typed: a link's name is no word of an article
        // The file and its link: one hit, the link's path listed with it; two with --all.
        let quote = try workspace.searchJSON("\"erfaringer får en anden værdi\"")
        let hit = try #require(quote.hits.first)
        #expect(quote.hits.count == 1)
        #expect(Set([hit["path"] as? String] + (hit["duplicates"] as? [String] ?? []))
                == [workspace.corpus.appendingPathComponent(Workspace.portrait).path, links.appendingPathComponent("kopi.txt").path])
        #expect(try workspace.searchJSON("\"erfaringer får en anden værdi\"", "--all").hitFileNames.count == 2)
    }
}
