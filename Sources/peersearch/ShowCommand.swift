import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch show`: an article's metadata and text, as the index holds them (printed as
/// `TerminalText`, so an article cannot send the terminal commands).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print an indexed article's metadata and text, by id (from search results) or path.",
        discussion: "Exits 1 when the index has no such article."
    )

    @Argument(help: "A document id (as in search results) or the article's path or --stdin id.", completion: .file())
    var article: String

    @OptionGroup var index: IndexOption

    func validate() throws {
        try index.validateSingle()
        if let page { try OptionRange.check(page, in: 1...1_000_000, for: "page") }
    }

    @Option(help: "Output: text, or json (id, path, format, title, author, source, date, bytes, modified, notes, pages (PDF), text).")
    var format: OutputFormat = .text

    @Flag(help: "The same as --format json.")
    var json = false

    @Option(help: ArgumentHelp("Print only this page of a PDF (1 is the first); JSON then has page and first_line.", valueName: "n"))
    var page: Int?

    func run() throws {
        guard var found = try Searcher(indexPath: try index.path()).article(article) else {
            Terminal.standardError.write("peersearch: no article '\(article)' in the index\n")
            throw ExitCode(1)
        }
        if let page {
            guard let pages = found.article.pages else {
                PeerSearchCommand.fail("--page: '\(TerminalText.printable(found.article.path))' has no pages (it is \(found.article.format.rawValue), not PDF)")
            }
            guard let onePage = found.onlyPage(page) else {
                PeerSearchCommand.fail("--page: there is no page \(page); the article has \(pages.count)")
            }
            found = onePage
        }
        if json || format == .json {
            print(String(decoding: try ResultJSON.encode(found), as: UTF8.self))
            return
        }
        let stored = found.article
        print("id:      \(found.id)")
        print("path:    \(TerminalText.printable(stored.path))")
        print("title:   \(TerminalText.printable(stored.title))")
        for (label, value) in [("author:  ", stored.author), ("source:  ", stored.source), ("date:    ", stored.date),
                              ("message: ", stored.messageID)] {
            if let value { print(label + TerminalText.printable(value)) }
        }
        print("format:  \(stored.format.rawValue), \(stored.bytes) bytes, modified \(stored.modified)")
        if let shown = found.shownPage, let pages = stored.pages {
            print("page:    \(shown.number) of \(pages.count), from line \(shown.firstLine)")
        }
        print()
        print(TerminalText.printable(stored.text, keepingLineBreaks: true))
    }
}
