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

    @Test func killingARebuildLeavesTheOldIndexWholeAndACompleteOneSwapsIn() throws {
        let total = 400
        try writeArticles(total)
        #expect(try workspace.indexCorpus().status == 0)
        var killedMidRun = 0
        for delay in [0.3, 0.8, 1.4] {
            let log = workspace.root.appendingPathComponent("rebuild.log")
            let process = try workspace.runner.start(
                ["index", workspace.corpus.path, "--index", workspace.index, "--rebuild", "--commit-every", "25"], output: log)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            // Whatever the moment, the index is whole: every article, searchable.
            #expect(try Database(path: workspace.index).documentCount() == total + 2, "killed after \(delay) s")
            #expect(try workspace.search("\"\(Self.phrase(total - 1))\"", "--exact").status == 0)
        }
        #expect(killedMidRun > 0)
        // A rebuild that completes replaces the index and leaves nothing beside it.
        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent("artikel-0000.txt"))
        let rebuilt = try workspace.indexCorpus("--rebuild")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try Database(path: workspace.index).documentCount() == total + 1)
        let beside = try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix("Index") }
        #expect(beside == ["Index"])
    }

    @Test func aRebuildRefusesAFolderThatHoldsMoreThanAnIndex() throws {
        #expect(try workspace.indexCorpus().status == 0)
        try Data("mine noter".utf8).write(to: URL(fileURLWithPath: workspace.index).appendingPathComponent("noter.txt"))
        let refused = try workspace.indexCorpus("--rebuild")
        #expect(refused.status == 2)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("'noter.txt'"))
        #expect(FileManager.default.fileExists(atPath: workspace.index + "/noter.txt"))
        #expect(try Database(path: workspace.index).documentCount() == 2)
        // A hidden file (the repository's Index/.gitkeep) is no obstacle, and is kept.
        try FileManager.default.removeItem(atPath: workspace.index + "/noter.txt")
        try Data().write(to: URL(fileURLWithPath: workspace.index).appendingPathComponent(".gitkeep"))
        #expect(try workspace.indexCorpus("--rebuild").status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.index + "/.gitkeep"))
    }

    @Test func aFIFOIsReportedNotWaitedOnAndWatchStillStops() throws {
        let fifo = workspace.corpus.appendingPathComponent("roer.txt")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let started = Date()
        let run = try workspace.indexCorpus()
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(run.status == 0)
        #expect(run.stderrLines == ["skipped: \(fifo.path): not a regular file (a FIFO)"])
        #expect(run.stdout == "2 new, 0 updated, 0 removed, 1 skipped (0 unchanged)\n")

        let log = workspace.root.appendingPathComponent("watch-fifo.log")
        let watcher = try workspace.runner.start(["watch", workspace.corpus.path, "--index", workspace.index, "--settle", "0.2"],
                                                 output: log)
        defer { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }
        #expect(eventually { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("not a regular file") })
        watcher.terminate()  // SIGTERM
        #expect(eventually(within: 10) { !watcher.isRunning })
        #expect(!watcher.isRunning && watcher.terminationStatus == 0)
    }

    @Test func aSecondSignalStopsAWatchThatWaitsForAnotherWriter() throws {
        #expect(try workspace.indexCorpus().status == 0)
        let writer = try WritableDatabase(path: workspace.index)  // another writer holds the lock
        let log = workspace.root.appendingPathComponent("watch-lock.log")
        let watcher = try workspace.runner.start(["watch", workspace.corpus.path, "--index", workspace.index], output: log)
        defer { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }
        Thread.sleep(forTimeInterval: 1.5)
        kill(watcher.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(watcher.isRunning)  // the first asks for a clean stop once the lock comes
        kill(watcher.processIdentifier, SIGTERM)
        #expect(eventually(within: 10) { !watcher.isRunning })
        #expect(!watcher.isRunning && watcher.terminationStatus == 0)
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("stopped at once"))
        try writer.close()
        #expect(try Database(path: workspace.index).documentCount() == 2)
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
        #expect(eventually { (try? workspace.search("\"erfaringer får en anden værdi\"", "--exact").status) == 1 })

        watcher.terminate()  // SIGTERM
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0)
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(output.contains("watch: stopped; everything seen was committed"))
        #expect(try Database(path: workspace.index).documentCount() == 3)
    }
}
