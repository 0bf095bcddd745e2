import ArgumentParser
import Foundation
import Ingestion
import PeerSearchCore

/// `peersearch`: index Danish articles and find quotes in them.
@main
struct PeerSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peersearch",
        abstract: "Full-text search for Danish articles, built on Xapian: find quotes, rank articles.",
        discussion: """
        Index a folder of articles (.txt, .md, .html, .pdf, .docx, .odt, .rtf, .doc, .eml, \
        .mbox), then search it:

          peersearch index Corpus/
          peersearch search '"erfaringer får en anden værdi"'

        \(QueryHelp.text)

        Exit status, as grep: 0 when something was found, 1 when nothing was, 2 on an \
        error.
        """,
        version: "0.1.0",
        subcommands: [IndexCommand.self, SearchCommand.self, SimilarCommand.self, RemoveCommand.self, StatsCommand.self, WatchCommand.self, ShowCommand.self, ServeCommand.self]
    )

    /// Runs the command and exits as grep does: 0 found, 1 not found, 2 error (one line on stderr).
    static func main() {
        // `-V` as grep and ripgrep take it, beside ArgumentParser's `--version`.
        if Array(CommandLine.arguments.dropFirst()) == ["-V"] {
            print(configuration.version)
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as PeerSearchError {
            fail(error.description)
        } catch let error as IngestionError {
            fail(error.description)
        } catch let error as SettingsError {
            fail(error.description)
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail("\(message) (see `peersearch --help`)")
        }
    }

    static func fail(_ message: String) -> Never {
        Terminal.standardError.write("peersearch: error: \(message)\n")
        Foundation.exit(2)
    }
}

/// The allowed values of number options, checked in the commands' `validate()`: a value out of
/// range is an error (exit 2) instead of a crash or an overflow later.
enum OptionRange {
    /// Throws a validation error naming `option` and its range unless `value` is in `range`.
    static func check<Value: Comparable>(_ value: Value, in range: ClosedRange<Value>, for option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("--\(option) must be from \(range.lowerBound) to \(range.upperBound) (not \(value))")
        }
    }
}

/// The query syntax, shown in `--help`.
enum QueryHelp {
    static let text = """
    Query syntax:
      "…"         a phrase: the words in this order, across line
                  breaks, hyphenation and punctuation:
                  "erfaringer får en anden værdi". ”…”, »…« and „…“
                  work too; an open quote runs to the end. Not found
                  as written, it is looked for inflected, then
                  approximately (not with --exact); each hit says
                  which.
      words       ranked (BM25) on Danish stems: erfaring finds
                  erfaringer. æ/ø/å may be typed ae/oe/aa:
                  vaerdi finds værdi.
      a AND b     both (OG); a OR b: either (ELLER); NOT a, -a: not
                  (IKKE).
      ( … )       grouping: (peer OR recovery) -randers
      title:word  in the title (titel:); also author: (forfatter:)
                  and source: (kilde:), before a word, a "phrase" or
                  a (group).
      date:2021   also date:2017..2021, date:2021-03-01..,
                  date:..2020.
      format:pdf  the same as format=pdf (type:).
      folder:x    files in folder x or below it (mappe:). Other name:
                  is an error.
      format=pdf  the whole value exactly (the filters --facets
                  gives): also author="Anders Lindberg" (forfatter=),
                  source=… (kilde=), folder=… (mappe=). Filters
                  narrow what the words match.
      medarbejd*  any word starting so.
      a NEAR b    within 10 words, any order; NEAR/5: within 5.

    Compounds match as written, as parts and joined: Ikast-Brande, \
    "ikast brande" and ikastbrande find each other. A misspelt query that finds nothing is \
    searched as suggested ("Showing results for »…«" on stderr); a leading + or --exact keeps it \
    as typed.
    """
}
