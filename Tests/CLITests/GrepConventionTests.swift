import Foundation
import Testing

/// The conventions of grep and ripgrep on `search`, `show` and `stats` (issue 17), end to end.
@Suite struct GrepConventionTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    /// Runs the binary on a pseudo-terminal (`script`), with `environment` added.
    private func onTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Output {
        let quoted = ([CommandRunner.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try workspace.runner.run(["-qec", quoted.joined(separator: " "), "/dev/null"],
                                        executable: URL(fileURLWithPath: "/usr/bin/script"), environment: environment)
    }

    @Test func filesWithMatchesCountAndQuiet() throws {
        let files = try workspace.search("recovery", "-l")
        #expect(files.status == 0)
        #expect(Set(files.stdout.split(separator: "\n")) == ["Corpus/\(Workspace.portrait)", "Corpus/\(Workspace.bostedsleder)"])
        #expect(try workspace.search("recovery", "--files-with-matches").stdout == files.stdout)
        #expect(try workspace.search("peer", "-c").stdout == "2\n")
        let quiet = try workspace.search("peer", "-q")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let none = try workspace.search("qqxqqzz", "--quiet")
        #expect(none.status == 1 && none.stdout.isEmpty)
    }

    @Test func jsonIsShortForJSONLines() throws {
        let output = try workspace.search("peer", "--json")
        let lines = try workspace.search("peer", "--format", "jsonl")
        #expect(output.stdout == lines.stdout)
        #expect(output.stdout.split(separator: "\n").count == 2)
    }

    @Test func contextShowsTheLinesAroundEachPassage() throws {
        let output = try workspace.search("\"erfaringer får en anden værdi\"", "-C", "1")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        for number in [2, 4, 24, 26] { #expect(lines.contains { $0.hasPrefix("\(number)-") }, "\(number): \(output.stdout)") }
        #expect(lines.contains("25:Ens erfaringer får en anden værdi"))
        #expect(!lines.contains { $0.hasPrefix("26:") || $0.hasPrefix("25-") })
    }

    @Test func versionFieldsAndWordsAfterTheQuery() throws {
        let version = try workspace.peersearch("-V")
        let long = try workspace.peersearch("--version")
        #expect(version.status == 0 && version.stdout == long.stdout && !version.stdout.isEmpty)
        let fields = try workspace.search("\"erfaringer får en anden værdi\"", "--fields", "path,title")
        #expect(fields.stdout == "Corpus/\(Workspace.portrait)\nNÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI\n")
        let excluded = try workspace.peersearch("search", "peer", "-randers", "--index", workspace.index, "--format", "json")
        #expect(excluded.status == 0, "\(excluded.stderr)")
        #expect(excluded.stdout.contains(Workspace.bostedsleder) && !excluded.stdout.contains(Workspace.portrait))
    }

    @Test func showAndStatsTakeFormatJSONAndKeepJSON() throws {
        for arguments in [["stats"], ["show", "1"]] {
            let format = try workspace.runner.run(arguments + ["--index", workspace.index, "--format", "json"])
            #expect(format.status == 0, "\(format.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(format.stdout.utf8))) is [String: Any], "\(arguments)")
            #expect(try workspace.runner.run(arguments + ["--index", workspace.index, "--json"]).stdout == format.stdout)
        }
    }

    @Test func aTerminalGetsColourAndAFooterUnlessNoColorOrADumbTerminal() throws {
        let arguments = ["search", "peer", "--index", workspace.index]
        let colored = try onTerminal(arguments, environment: ["TERM": "xterm", "NO_COLOR": ""])
        #expect(colored.status == 0)
        #expect(colored.stdout.contains("\u{1B}["))
        #expect(colored.stdout.contains("showing 2 of 2"))
        for environment in [["TERM": "xterm", "NO_COLOR": "1"], ["TERM": "dumb"]] {
            let plain = try onTerminal(arguments, environment: environment)
            #expect(plain.status == 0)
            #expect(!plain.stdout.contains("\u{1B}["), "\(environment)")
            #expect(plain.stdout.contains("showing 2 of 2"))
        }
        let piped = try workspace.search("peer")
        #expect(!piped.stdout.contains("showing"))
    }
}
