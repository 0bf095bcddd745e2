import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch index`: bring an index up to date with folders and files of articles.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add new, update changed and drop removed articles.",
        discussion: """
        Reads .txt, .md, .html and .pdf files (PDF through poppler's pdftotext). Each file is
        identified by its absolute path. Unchanged files are not read again; a run on unchanged
        input writes nothing. Files that cannot be read are listed on stderr and skipped; the rest
        are indexed. Ends with one summary line.

          peersearch index                      # Corpus/ into Index/
          peersearch index ~/artikler --index ~/.peersearch
        """
    )

    @Argument(help: "Files or folders to index (default: Corpus).")
    var paths: [String] = []

    @OptionGroup var index: IndexOption

    @Flag(help: "Start from an empty index (recovers a damaged one).")
    var rebuild = false

    @Flag(help: "Keep articles whose files are gone.")
    var keepMissing = false

    @Flag(help: "Wait for another peersearch writer to finish instead of failing.")
    var wait = false

    func run() throws {
        var options = Indexer.Options()
        options.rebuild = rebuild
        options.keepMissing = keepMissing
        options.waitForLock = wait
        let roots = paths.isEmpty ? ["Corpus"] : paths
        let report = try Indexer(indexPath: index.path, options: options).run(paths: roots)
        for warning in report.warnings {
            Terminal.standardError.write("warning: \(warning)\n")
        }
        for note in report.notes {
            Terminal.standardError.write("note: \(note.path): \(note.reason)\n")
        }
        for skipped in report.skipped {
            Terminal.standardError.write("skipped: \(skipped.path): \(skipped.reason)\n")
        }
        print(report.summary)
        let missingRoots = report.skipped.filter { roots.contains($0.path) }
        if !missingRoots.isEmpty { throw ExitCode(2) }
    }
}

/// `--index DIR`, shared by the subcommands.
struct IndexOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder (default: $PEERSEARCH_INDEX, else Index).", valueName: "dir"))
    var index: String?

    var path: String {
        index ?? ProcessInfo.processInfo.environment["PEERSEARCH_INDEX"] ?? "Index"
    }
}
