import Foundation
import PeerSearchCore
import Testing
import Xapian

/// Killing the indexer mid-run, and watching folders: the index stays whole.
@Suite struct CrashAndWatchTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    private static func phrase(_ number: Int) -> String { "testartikel nummer \(number) handler om emnet" }

    private func writeArticles(_ count: Int) throws {
        for number in 0..<count {
            let text = "Artikel \(number)\n\nDette er \(Self.phrase(number)) og meget andet.\n"
                + String(repeating: "Fyldtekst om peer-arbejde og recovery i kommunen. ", count: 200)
            try workspace.write(String(format: "artikel-%04d.txt", number), Array(text.utf8))
        }
    }

    @Test func killingTheIndexerLeavesTheLastCommitAndTheNextRunCompletesTheJob() throws {
        let total = 400
        try writeArticles(total)
        var counts: [Int] = []
        for delay in [0.6, 1.0, 1.5, 2.2] {
            try? FileManager.default.removeItem(atPath: workspace.index)
            let log = workspace.root.appendingPathComponent("kill.log")
            let process = try workspace.runner.start(["index", workspace.corpus.path, "--index", workspace.index, "--commit-every", "25"],
                                                     output: log)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // The index opens, holds whole commits only, and searches work.
            if FileManager.default.fileExists(atPath: workspace.index) {
                let count = try Database(path: workspace.index).documentCount()
                counts.append(count)
                #expect(count <= total + 2)
                #expect(try workspace.search("peer", "--exact").status != 2)
            } else {
                counts.append(0)
            }
            // The next run completes the job: every article once.
            let rerun = try workspace.indexCorpus()
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try Database(path: workspace.index).documentCount() == total + 2)
        }
        print("crash test: documents after SIGKILL at 0.6/1.0/1.5/2.2 s: \(counts) of \(total + 2); after the next run: \(total + 2)")
        let searcher = try Searcher(indexPath: workspace.index)
        for number in 0..<total {
            let result = try searcher.search("\"\(Self.phrase(number))\"", limit: 2, exactOnly: true)
            #expect(result.hits.count == 1, "article \(number)")
        }
    }

    @Test func watchKeepsTheIndexCurrentAndStopsCleanlyOnSIGTERM() throws {
        let log = workspace.root.appendingPathComponent("watch.log")
        let watcher = try workspace.runner.start(["watch", workspace.corpus.path, "--index", workspace.index, "--settle", "0.2"],
                                                 output: log)
        defer { if watcher.isRunning { watcher.terminate() } }
        #expect(eventually { (try? workspace.search("\"erfaringer får en anden værdi\"").status) == 0 })

        try workspace.write("ny.txt", Array("Ny artikel\n\nOm spejling i Odense.\n".utf8))
        #expect(eventually { (try? workspace.searchJSON("odense").hitFileNames) == ["ny.txt"] })

        try FileManager.default.moveItem(at: workspace.corpus.appendingPathComponent("ny.txt"),
                                         to: workspace.corpus.appendingPathComponent("flyttet.txt"))
        #expect(eventually { (try? workspace.searchJSON("odense").hitFileNames) == ["flyttet.txt"] })

        let folder = workspace.corpus.appendingPathComponent("nyt-mappe")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("Mappe\n\nArtikel om Vejle.\n".utf8).write(to: folder.appendingPathComponent("a.md"))
        #expect(eventually { (try? workspace.searchJSON("vejle").hitFileNames) == ["a.md"] })

        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent(Workspace.portrait))
        #expect(eventually { (try? workspace.search("\"erfaringer får en anden værdi\"").status) == 1 })

        watcher.terminate()  // SIGTERM
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0)
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(output.contains("watch: stopped; everything seen was committed"))
        #expect(try Database(path: workspace.index).documentCount() == 3)
    }
}
