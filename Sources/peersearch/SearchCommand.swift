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
          peersearch search '"brugerperspektivet på dagsordenen"' --format json

        Exit status: 0 when articles were found, 1 when none were, 2 on an error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "The query (several arguments are joined with spaces).")
    var query: [String]

    @OptionGroup var index: IndexOption

    @Option(help: "Show at most this many articles.")
    var limit = 10

    @Option(help: "Skip this many articles first (for paging).")
    var offset = 0

    @Option(help: "Output: text (as ripgrep), json (one document) or jsonl (one hit per line).")
    var format: Format = .text

    @Option(help: "Colour in text output.")
    var color: ColorChoice = .auto

    @Flag(help: "Exact matches only: no inflected or approximate fallback for phrases.")
    var exact = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        guard !query.joined().allSatisfy(\.isWhitespace) else { throw ValidationError("the query is empty") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let result = try Searcher(indexPath: index.path).search(text, limit: limit, offset: offset, exactOnly: exact)
        switch format {
        case .text:
            let colored = color == .always || (color == .auto && Terminal.standardOutputIsTerminal)
            print(TextRenderer(colored: colored).render(result), terminator: "")
        case .json:
            print(try JSONRenderer.document(result))
        case .jsonl:
            for line in try JSONRenderer.lines(result) { print(line) }
        }
        if result.hits.isEmpty { throw ExitCode(1) }
    }
}
