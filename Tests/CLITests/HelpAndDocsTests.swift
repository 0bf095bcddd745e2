import Foundation
import Testing

/// Help and docs (issue 17, point 6), checked against the built binary: the committed man page
/// keeps æ, ø and å and has no roff or mdoc warnings; help text is wrapped once (paragraphs by the
/// parser, laid-out lines by hand, short enough for --help and the man page at 80 columns); the
/// committed completions are the binary's and complete paths and values; and the README's
/// examples print what the program prints.
@Suite struct HelpAndDocsTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let root = CommandRunner.packageRoot
    static let manPage = root.appendingPathComponent("docs/peersearch.1").path
    static let commands: [[String]] = [[], ["index"], ["search"], ["similar"], ["remove"], ["stats"], ["watch"], ["show"], ["serve"]]
    /// The widest a laid-out help line may be: the man page indents a subcommand's text by 13
    /// columns, and man at 80 columns fills 78.
    static let laidOutWidth = 65

    /// Runs a program found on PATH (man, groff, mandoc, bash) in the workspace.
    private func tool(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Output {
        try workspace.runner.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/env"), environment: environment)
    }

    /// `man -l` of the committed page at 80 columns, as a user reads it (no bold or underline).
    private func renderedManPage() throws -> CommandRunner.Output {
        var output = try tool(["man", "-l", Self.manPage],
                              environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C.UTF-8"])
        output.stdout = output.stdout.replacingOccurrences(of: ".\u{8}", with: "", options: .regularExpression)
        return output
    }

    /// The help's text above USAGE, after the overview, printed so wide that the parser wraps nothing.
    private func discussion(_ command: [String]) throws -> [String] {
        let help = try workspace.runner.run(command + ["--help"], environment: ["COLUMNS": "1000"])
        #expect(help.status == 0)
        let lines = help.stdout.components(separatedBy: "\n")
        return Array(lines.prefix { !$0.hasPrefix("USAGE:") }.dropFirst())
    }

    // MARK: The man page

    @Test func theManPageKeepsDanishLettersAndHasNoWarnings() throws {
        let man = try renderedManPage()
        #expect(man.status == 0 && man.stderr.isEmpty, "\(man.stderr)")
        #expect(man.stdout.contains("peersearch search '\"erfaringer får en anden værdi\"'"), "\(man.stdout.prefix(2000))")
        #expect(man.stdout.contains("”…”, »…« and „…“"))

        let groff = try tool(["groff", "-mandoc", "-ww", "-z", Self.manPage])
        #expect(groff.status == 0 && groff.stderr.isEmpty, "\(groff.stderr)")
        // What lintian runs, and mandoc's own check of mdoc (warnings and worse; its style notes aside).
        let lint = try tool(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", Self.manPage], environment: ["LC_ALL": "C.UTF-8"])
        #expect(lint.status == 0 && lint.stderr.isEmpty, "\(lint.stderr)")
        let mandoc = try tool(["mandoc", "-Tlint", "-W", "warning", Self.manPage])
        #expect(mandoc.status == 0 && mandoc.stdout.isEmpty && mandoc.stderr.isEmpty, "\(mandoc.stdout)\(mandoc.stderr)")
    }

    @Test func theManPageShowsEveryLaidOutHelpLineWholeAt80Columns() throws {
        let collapse = { (line: String) in line.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let rendered = Set(try renderedManPage().stdout.components(separatedBy: "\n").map(collapse))
        for command in Self.commands {
            for line in try discussion(command) where line.hasPrefix(" ") {
                #expect(rendered.contains(collapse(line)), "\(command): \(line)")
            }
        }
    }

    // MARK: Help

    @Test func helpTextIsWrappedOnce() throws {
        for command in Self.commands {
            let lines = try discussion(command)
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
                // Two lines of text in a row are one paragraph broken by hand: the parser wraps
                // each of them again. (Laid-out lines, indented, are tables and examples.)
                #expect(line.hasPrefix(" ") || next.hasPrefix(" "), "\(command): a paragraph broken by hand: \(line)")
            }
            for line in lines where line.hasPrefix(" ") {
                #expect(line.count <= Self.laidOutWidth, "\(command): \(line.count) columns: \(line)")
            }
            let narrow = try workspace.runner.run(command + ["--help"], environment: ["COLUMNS": "80"])
            // (The parser's usage line aside: it does not wrap that one.)
            for line in narrow.stdout.components(separatedBy: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(command): \(line)")
            }
        }
    }

    // MARK: Completions

    @Test func theCommittedCompletionsAreTheBinarys() throws {
        for shell in ["bash", "zsh", "fish"] {
            let generated = try workspace.runner.run(["--generate-completion-script", shell])
            #expect(generated.status == 0)
            let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/completions/peersearch.\(shell)"), encoding: .utf8)
            #expect(generated.stdout == committed, "docs/completions/peersearch.\(shell) is not what the binary generates: run scripts/generate-docs.sh")
        }
    }

    /// What the committed bash completion offers for `words` (the last one being completed).
    private func bashCompletions(_ words: String...) throws -> [String] {
        let driver = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        _peersearch peersearch "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """
        let script = Self.root.appendingPathComponent("docs/completions/peersearch.bash").path
        let output = try tool(["bash", "-c", driver, "bash", script, "peersearch"] + words)
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesFormatAndSortValuesAndPaths() throws {
        try Data("notes\n".utf8).write(to: workspace.root.appendingPathComponent("notes.txt"))
        #expect(try bashCompletions("search", "peer", "--format", "") == ["text", "json", "jsonl", "csv"])
        #expect(try bashCompletions("search", "peer", "--sort", "") == ["relevance", "newest", "oldest"])
        let index = try bashCompletions("search", "peer", "--index", "")
        #expect(index.contains("Corpus") && !index.contains("notes.txt"), "\(index)")
        let paths = try bashCompletions("index", "")
        #expect(paths.contains("Corpus") && paths.contains("notes.txt"), "\(paths)")
        #expect(try bashCompletions("index", "--index", "Co") == ["Corpus"])
    }

    // MARK: The README

    static let readme = (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The README's text from `heading` to the next heading.
    private static func section(_ heading: String) -> String {
        guard let start = readme.range(of: "\n\(heading)\n") else { return "" }
        let rest = readme[start.upperBound...]
        return String(rest.prefix { $0 != "#" })
    }

    /// The README's code blocks whose first line is `$ peersearch …`: a command and what it prints.
    private static var examples: [(command: String, output: [String])] {
        readme.components(separatedBy: "```").enumerated().compactMap { index, block in
            guard index % 2 == 1 else { return nil }
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
            guard let first = lines.first, first.hasPrefix("$ peersearch ") else { return nil }
            return (String(first.dropFirst(2)), lines.dropFirst().filter { !$0.isEmpty })
        }
    }

    /// Scores change with the corpus; the rest of a line must be as shown.
    private func maskingScores(_ line: String) -> String {
        line.replacingOccurrences(of: #"score [0-9]+\.[0-9]+"#, with: "score N", options: .regularExpression)
    }

    @Test func theReadmesExamplesPrintWhatItShows() throws {
        // The index run's one line, on the seed corpus.
        let logLine = try #require(Self.readme.components(separatedBy: "The run ends with one line:").dropFirst().first?
            .components(separatedBy: "`").dropFirst().first)
        let indexRun = try workspace.runner.run(["index"])
        #expect(indexRun.status == 0, "\(indexRun.stderr)")
        #expect(indexRun.stdout.split(separator: "\n").last.map(String.init) == logLine, "\(indexRun.stdout)")

        let examples = Self.examples
        #expect(examples.count >= 2)
        // The commands run as shown, with the built binary (by the name `peersearch`) first on PATH.
        let bin = workspace.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("peersearch"), withDestinationURL: CommandRunner.binary)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for example in examples {
            let output = try tool(["sh", "-c", example.command], environment: ["PATH": path])
            let printed = (output.stdout + output.stderr).split(separator: "\n").map { maskingScores(String($0)) }
            #expect(printed == example.output.map(maskingScores), "\(example.command)")
        }
    }

    @Test func theReadmesJSONExampleHasTheFieldsAndValuesPrinted() throws {
        let block = try #require(Self.section("### JSON output").components(separatedBy: "```json\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let example = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        let query = try #require(example["query"] as? String)
        #expect(try workspace.indexCorpus().status == 0)
        let printed = try workspace.searchJSON(query)

        // Every field shown is printed, and every field the schema requires is shown.
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent(
            "schema/search-result.schema.json"))) as? [String: Any])
        let definitions = schema["$defs"] as? [String: [String: Any]] ?? [:]
        let levels: [(String, [String: Any], [String: Any], Any?)] = [
            ("result", example, printed, schema["required"]),
            ("hit", example.hits.first ?? [:], printed.hits.first ?? [:], definitions["hit"]?["required"]),
            ("passage", (example.hits.first?["passages"] as? [[String: Any]])?.first ?? [:],
             (printed.hits.first?["passages"] as? [[String: Any]])?.first ?? [:], definitions["passage"]?["required"]),
        ]
        for (level, shown, actual, required) in levels {
            let requiredKeys = Set(required as? [String] ?? [])
            #expect(!requiredKeys.isEmpty)
            #expect(Set(shown.keys).isSubset(of: Set(actual.keys)), "\(level): shown but not printed: \(Set(shown.keys).subtracting(actual.keys))")
            #expect(requiredKeys.isSubset(of: Set(shown.keys)), "\(level): printed but not shown: \(requiredKeys.subtracting(shown.keys))")
        }

        // And the values are the ones printed (the path's folder and the score aside).
        for key in ["query", "schema_version", "suggestion", "total", "unavailable_shards", "warnings"] where example[key] != nil {
            #expect(jsonEqual(example[key], printed[key]), "\(key)")
        }
        #expect(example.hits.count == printed.hits.count)
        for (shown, actual) in zip(example.hits, printed.hits) {
            for (key, value) in shown where !["path", "score"].contains(key) {
                #expect(jsonEqual(value, actual[key]), "hits[].\(key): \(value) ≠ \(actual[key] ?? "nothing")")
            }
            #expect((shown["path"] as? NSString)?.lastPathComponent == (actual["path"] as? NSString)?.lastPathComponent)
        }
    }

    @Test func theReadmesExitStatusesAreTheProgramsOwn() throws {
        let section = Self.section("### Exit status (as grep)")
        #expect(section.contains("`0` something was found") && section.contains("`1` nothing was found")
                && section.contains("`2` an error: one line on\nstderr, `peersearch: error: …`"), "\(section)")
        #expect(try workspace.indexCorpus().status == 0)
        #expect(try workspace.search("peer").status == 0)
        #expect(try workspace.search("zyxwvutsrq", "--exact").status == 1)
        let error = try workspace.runner.run(["search", "peer", "--index", workspace.root.appendingPathComponent("nowhere").path])
        #expect(error.status == 2)
        #expect(error.stderrLines.count == 1 && error.stderr.hasPrefix("peersearch: error: "), "\(error.stderr)")
    }
}

/// Whether two values decoded from JSON are equal (a missing key only to a missing key).
private func jsonEqual(_ left: Any?, _ right: Any?) -> Bool {
    switch (left, right) {
    case (nil, nil): return true
    case let (left as NSObject, right as NSObject): return left.isEqual(right)
    default: return false
    }
}
