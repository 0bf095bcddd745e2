import Foundation
import Testing

/// Index paths that forgive, and errors that say where they looked (issue 17).
@Suite struct ForgivingPathTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    @Test func anIndexInAFolderThatDoesNotExistYetIsCreatedWithItsParents() throws {
        let index = workspace.root.appendingPathComponent("ny/mappe/idx").path
        let run = try workspace.runner.run(["index", workspace.corpus.path, "--index", index])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try workspace.runner.run(["search", "peer", "--index", index, "-c"]).stdout == "2\n")
    }

    @Test func indexWithNothingToIndexLeavesNoEmptyIndexBehind() throws {
        let empty = workspace.root.appendingPathComponent("tom")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try CommandRunner(workingDirectory: empty).run(["index"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Corpus: no such file or directory"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("Index").path))
    }

    @Test func aMissingIndexSaysWhereItLookedAndHowToGiveAnother() throws {
        let empty = workspace.root.appendingPathComponent("tom")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try CommandRunner(workingDirectory: empty).run(["search", "peer"])
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("no index at 'Index'"))
        #expect(run.stderr.contains(empty.appendingPathComponent("Index").path), "\(run.stderr)")
        #expect(run.stderr.contains("--index") && run.stderr.contains("PEERSEARCH_INDEX"), "\(run.stderr)")
    }

    @Test func anIndexThatIsAFolderOfArticlesSaysSo() throws {
        for arguments in [["search", "peer", "--index", "Corpus"], ["index", "Corpus", "--index", "Corpus"], ["stats", "--index", "Corpus"]] {
            let run = try workspace.runner.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderrLines.count == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("'Corpus' is a folder of articles, not an index"), "\(arguments): \(run.stderr)")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: workspace.corpus.path)
        #expect(!contents.contains { $0.hasSuffix(".glass") || $0 == "XAPIANDB" || $0.hasPrefix("shard-") }, "\(contents)")
    }
}
