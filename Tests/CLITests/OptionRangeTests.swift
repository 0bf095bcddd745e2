import Foundation
import Testing

/// Every number option of every command is range-checked before anything runs: a value out of
/// range exits 2 with one line naming the option and its range (it used to trap, as
/// `search --offset 4294967286`, or overflow, as `--max-file-mb 9223372036854775807`, which
/// skipped every file and exited 0).
@Suite struct OptionRangeTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    @Test func numbersOutOfRangeExitTwoWithOneLineNamingTheRange() throws {
        #expect(try workspace.indexCorpus().status == 0)
        // Searches go to the indexed corpus; the other commands to an index that must stay unwritten.
        let search = ["search", "peer", "--index", workspace.index]
        let index = workspace.root.appendingPathComponent("Other").path, corpus = workspace.corpus.path
        let cases: [([String], String)] = [
            (search + ["--offset", "4294967286"], "--offset must be from 0 to 100000 (not 4294967286)"),
            (search + ["--offset=-1"], "--offset must be from 0 to 100000"),
            (search + ["--limit", "10001"], "--limit must be from 1 to 10000"),
            (search + ["--limit", "0"], "--limit must be from 1 to 10000"),
            (["index", corpus, "--index", index, "--max-file-mb", "9223372036854775807"], "--max-file-mb must be from 1 to 4096"),
            (["index", corpus, "--index", index, "--max-file-mb", "0"], "--max-file-mb must be from 1 to 4096"),
            (["index", corpus, "--index", index, "--commit-every", "1000001"], "--commit-every must be from 1 to 1000000"),
            (["index", corpus, "--index", index, "--commit-every", "0"], "--commit-every must be from 1 to 1000000"),
            (["index", corpus, "--index", index, "--shards", "65"], "--shards must be from 1 to 64"),
            (["watch", corpus, "--index", index, "--settle=-1"], "--settle must be from 0.05 to 60.0"),
            (["watch", corpus, "--index", index, "--settle", "nan"], "--settle must be from 0.05 to 60.0"),
            (["serve", "--index", index, "--port", "65536"], "--port must be from 1 to 65535"),
            (["serve", "--index", index, "--port", "0"], "--port must be from 1 to 65535"),
            (["serve", "--index", index, "--max-upload-mb", "65"], "--max-upload-mb must be from 1 to 64"),
            (["serve", "--index", index, "--max-connections", "0"], "--max-connections must be from 1 to 10000"),
            (["serve", "--index", index, "--max-connections", "10001"], "--max-connections must be from 1 to 10000"),
            (["serve", "--index", index, "--idle-timeout", "0"], "--idle-timeout must be from 1 to 3600"),
            (["serve", "--index", index, "--idle-timeout", "3601"], "--idle-timeout must be from 1 to 3600"),
        ]
        for (arguments, message) in cases {
            let output = try workspace.runner.run(arguments)
            #expect(output.status == 2, "\(arguments): \(output.stderr)")
            #expect(output.stderrLines.count == 1, "\(arguments): \(output.stderr)")
            #expect(output.stderr.hasPrefix("peersearch: error: \(message)"), "\(arguments): \(output.stderr)")
        }
        // The refused runs wrote nothing.
        #expect(!FileManager.default.fileExists(atPath: index))
    }

    @Test func theLargestValuesWork() throws {
        let indexing = try workspace.indexCorpus("--max-file-mb", "4096", "--commit-every", "1000000")
        #expect(indexing.status == 0, "\(indexing.stderr)")
        #expect(indexing.stdout.hasPrefix("2 new"))
        #expect(try workspace.search("peer", "--limit", "10000").status == 0)
        let last = try workspace.search("peer", "--offset", "100000", "--limit", "10000")
        #expect(last.status == 1, "\(last.stderr)")
        #expect(last.stderr.isEmpty)
    }
}
