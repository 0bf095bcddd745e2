import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch similar`: the articles most like one article (Xapian relevance feedback, as
/// omega's MORELIKE), printed as search results.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "List the articles most similar to an indexed article, by id (from search results) or path.",
        discussion: """
        The article's 40 most telling words (Xapian's query expansion with the article as the \
        relevant set; no stop words) are searched for, ranked with BM25; the article itself is \
        left out. JSON is the search result's (query: those words).

        Exit status: 0 when similar articles were found, 1 when none were or the index has no \
        such article, 2 on an error.
        """
    )

    @Argument(help: "A document id (as in search results) or the article's path or --stdin id.", completion: .file())
    var article: String

    @OptionGroup var index: IndexOption

    @Option(help: "Show at most this many articles.")
    var limit = 10

    @Option(help: "Skip this many articles first (for paging).")
    var offset = 0

    @Option(help: "Output: text, json, jsonl or csv, as for search.")
    var format: SearchCommand.Format = .text

    @Option(help: "Colour in text output.")
    var color: SearchCommand.ColorChoice = .auto

    @Flag(help: "List byte-identical articles each on its own, as for search.")
    var all = false

    func validate() throws {
        try OptionRange.check(limit, in: SearchCommand.limits, for: "limit")
        try OptionRange.check(offset, in: SearchCommand.offsets, for: "offset")
    }

    func run() throws {
        guard let result = try Searcher(indexPaths: index.paths()).similar(to: article, limit: limit, offset: offset,
                                                                            collapsingDuplicates: !all) else {
            Terminal.standardError.write("peersearch: no article '\(article)' in the index\n")
            throw ExitCode(1)
        }
        switch format {
        case .text:
            let colored = color == .always || (color == .auto && Terminal.colorsByDefault)
            print(TextRenderer(colored: colored).render(result), terminator: "")
        case .json:
            print(String(decoding: try ResultJSON.document(result), as: UTF8.self))
        case .jsonl:
            for line in try ResultJSON.lines(result) { print(String(decoding: line, as: UTF8.self)) }
        case .csv:
            FileHandle.standardOutput.write(try ResultCSV.document(result))
        }
        if result.hits.isEmpty { throw ExitCode(1) }
    }
}
