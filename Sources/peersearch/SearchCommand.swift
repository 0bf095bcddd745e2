import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch search`: find articles and the passages that match.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; print ranked articles with their matching lines.",
        discussion: """
        \(QueryHelp.text)

        Examples:
          peersearch search '"erfaringer får en anden værdi"'
          peersearch search peer-medarbejder recovery --limit 5
          peersearch search '"anden værdi"' --format json
          peersearch search recovery --facets --sort newest
          peersearch search 'peer date:2021' --format csv > citater.csv
          peersearch search -l recovery     (only the paths, as grep -l)
          peersearch search peer -randers   (-randers: without randers)
          peersearch search recovery --all  (every copy listed)

        Options may stand before or after the query; a query that starts with '-' goes after \
        '--': peersearch search -- -randers peer. Messages (Did you mean, warnings) go to standard \
        error, so standard output holds the results alone.

        Exit status: 0 when articles were found, 1 when none were, 2 on an error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl, csv
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(parsing: .allUnrecognized, help: "The query (several arguments are joined with spaces).")
    var query: [String]

    @OptionGroup var index: IndexOption

    @Option(help: "Show at most this many articles.")
    var limit = 10

    @Option(help: "Skip this many articles first (for paging).")
    var offset = 0

    @Option(help: "Output: text (as ripgrep), json (one document), jsonl (one hit per line) or csv (one row per passage).")
    var format: Format = .text

    @Flag(name: .customLong("json"), help: "The same as --format jsonl (as ripgrep's --json).")
    var jsonLines = false

    @Option(help: "Order: relevance, newest or oldest (by the article's date; undated articles last).")
    var sort: SearchOrder = .relevance

    @Flag(help: "Count all matches by year, author, source, format and folder (JSON: facets; text: a block at the end).")
    var facets = false

    @Option(help: "Colour in text output.")
    var color: ColorChoice = .auto

    @Flag(help: "Exact matches only: no inflected or approximate fallback for phrases.")
    var exact = false

    @Flag(help: "List byte-identical articles each on its own, not once with the others' paths (text: a line 'also: paths'; JSON: duplicates).")
    var all = false

    @Option(help: ArgumentHelp("Keep only these hit fields (comma-separated), e.g. path,title,score; in text too.", valueName: "list"))
    var fields: String?

    @Flag(name: [.short, .long], help: "Print only the number of matching articles.")
    var count = false

    @Flag(name: [.customShort("l"), .customLong("files-with-matches")], help: "Print only the paths of the articles found, one a line.")
    var filesWithMatches = false

    @Flag(name: [.short, .long], help: "Print nothing; the exit status says whether articles were found.")
    var quiet = false

    @Option(name: [.customShort("C"), .long], help: ArgumentHelp("Text: show this many lines before and after each passage.", valueName: "n"))
    var context = 0

    @Flag(help: "With several --index shards: search those that answer, flag the result as partial.")
    var allowPartial = false

    private var fieldSet: Set<String>? {
        fields.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
    }

    /// `--limit`'s and `--offset`'s allowed values (the server's `offset` has the same bound).
    static let limits = 1...10_000
    static let offsets = 0...100_000

    func validate() throws {
        try OptionRange.check(limit, in: Self.limits, for: "limit")
        try OptionRange.check(offset, in: Self.offsets, for: "offset")
        try OptionRange.check(context, in: 0...100, for: "context")
        guard !query.joined().allSatisfy(\.isWhitespace) else { throw ValidationError("the query is empty") }
        if let unknown = fieldSet?.subtracting(ResultJSON.hitFields).sorted().first {
            throw ValidationError("unknown field '\(unknown)' in --fields (known: \(ResultJSON.hitFields.sorted().joined(separator: ",")))")
        }
    }

    func run() throws {
        let format = jsonLines ? .jsonl : format
        let count = count || quiet
        let text = query.joined(separator: " ")
        let searcher = try Searcher(indexPaths: try index.paths(), allowPartial: allowPartial)
        for shard in searcher.unavailableShards {
            Terminal.standardError.write("warning: shard '\(shard)' is unavailable; results are partial\n")
        }
        let result = try searcher.search(text, limit: count ? 1 : limit, offset: count ? 0 : offset, exactOnly: exact,
                                         order: sort, facets: facets && !count, collapsingDuplicates: !all)
        for warning in result.warnings {
            Terminal.standardError.write("warning: \(warning)\n")
        }
        // Messages go to standard error, so standard output holds the results alone (JSON
        // carries the suggestion itself).
        if format != .json, let note = TextRenderer.spellingNote(result) {
            Terminal.standardError.write(note + "\n")
        }
        if count {
            if !quiet { print(result.total) }
            if result.total == 0 { throw ExitCode(1) }
            return
        }
        if filesWithMatches {
            for hit in result.hits { print(TerminalText.printable(DisplayPath.relative(hit.path))) }
            if result.hits.isEmpty { throw ExitCode(1) }
            return
        }
        switch format {
        case .text:
            let colored = color == .always || (color == .auto && Terminal.colorsByDefault)
            var renderer = TextRenderer(colored: colored)
            renderer.fields = fieldSet
            if context > 0 {
                renderer.context = context
                renderer.articleText = { id in try? searcher.article(String(id))?.article.text }
            }
            print(renderer.render(result), terminator: "")
            if Terminal.standardOutputIsTerminal, !result.hits.isEmpty {
                print("\nshowing \(result.hits.count) of \(result.total)")
            }
        case .csv:
            FileHandle.standardOutput.write(try ResultCSV.document(result))
        case .json:
            print(String(decoding: try ResultJSON.document(result, fields: fieldSet), as: UTF8.self))
        case .jsonl:
            for line in try ResultJSON.lines(result, fields: fieldSet) { print(String(decoding: line, as: UTF8.self)) }
        }
        if result.hits.isEmpty { throw ExitCode(1) }
    }
}

extension SearchOrder: ExpressibleByArgument {}
