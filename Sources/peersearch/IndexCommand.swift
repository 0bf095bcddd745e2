import ArgumentParser
import Foundation
import Ingestion
import PeerSearchCore

/// `peersearch index`: bring an index up to date with folders and files of articles.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Add new, update changed and drop removed articles.",
        discussion: """
        Reads .txt, .md, .html, .pdf, .docx, .odt, .rtf and .doc files (PDF through poppler's \
        pdftotext, RTF through unrtf, .doc through antiword), reads scanned PDF pages and .png, \
        .jpg and .tif images with OCR (Tesseract, Danish; its text is cached beside the index, in \
        Index.ocr; --no-ocr turns it off), and e-mail: an .eml message and each message of an \
        .mbox (PATH#3) is an article, and so is each attachment in one of these formats \
        (PATH#bilag.pdf, PATH#3/bilag.pdf). Each file is identified by its absolute path. \
        Unchanged files are not read again; a run on unchanged input writes nothing. Files that \
        cannot be read are listed on stderr and skipped; the rest are indexed. Ends with one \
        summary line. Files over 64 MiB are skipped.

          peersearch index                      # Corpus/ into Index/
          peersearch index ~/artikler --index ~/.peersearch
          peersearch index --dry-run ~/artikler
          pdftotext nyt.pdf - | peersearch index --stdin \\
              --id nyhedsbrev/2024-05 --title "Peer-nyt maj 2024"
        """
    )

    @Argument(help: "Files or folders to index (default: the settings file's folders, else Corpus).", completion: .file())
    var paths: [String] = []

    @OptionGroup var index: IndexOption

    @Flag(help: "Start from an empty index (recovers a damaged one).")
    var rebuild = false

    @Flag(help: "Keep articles whose files are gone.")
    var keepMissing = false

    @Flag(help: "Wait for another peersearch writer to finish instead of failing.")
    var wait = false

    @Flag(help: "Show what would be added, updated and removed, without writing.")
    var dryRun = false

    @Option(help: "Skip files larger than this many MiB (they are reported, never truncated).")
    var maxFileMb = ArticleLoader.defaultMaximumFileBytes >> 20

    @Option(help: ArgumentHelp("Commit after this many files (and after every 32 MiB), so an interrupted run keeps its work.", valueName: "files"))
    var commitEvery = Indexer.Options().commitFiles

    @OptionGroup var ocr: OCROption

    @OptionGroup(title: "One article from standard input")
    var stdin: StandardInputArticle

    @Option(help: "Spread articles over this many Xapian databases (shards) in the index folder.")
    var shards: Int?

    @Option(help: ArgumentHelp("Where articles without files of their own (--stdin, uploads) are kept as files (default: the settings file's archive, else the index folder's name + .archive, beside it).", valueName: "dir"), completion: .directory)
    var archive: String?

    /// The number options' allowed values.
    static let fileSizes = 1...4_096
    static let commitSizes = 1...1_000_000
    static let shardCounts = 1...64

    func validate() throws {
        try index.validateSingle()
        if let shards { try OptionRange.check(shards, in: Self.shardCounts, for: "shards") }
        try OptionRange.check(maxFileMb, in: Self.fileSizes, for: "max-file-mb")
        try OptionRange.check(commitEvery, in: Self.commitSizes, for: "commit-every")
        if stdin.enabled && !paths.isEmpty { throw ValidationError("give either paths or --stdin, not both") }
        if stdin.enabled && stdin.id == nil { throw ValidationError("--stdin needs --id, the name the article is kept under") }
        if !stdin.enabled && stdin.id != nil { throw ValidationError("--id goes with --stdin") }
        if let id = stdin.id {
            do {
                _ = try ArticleID.validated(id)
            } catch {
                throw ValidationError("--id: \(error)")
            }
        }
    }

    func run() throws {
        var options = Indexer.Options()
        options.rebuild = rebuild
        options.keepMissing = keepMissing
        options.waitForLock = wait
        options.dryRun = dryRun
        options.loader = ArticleLoader(maximumFileBytes: maxFileMb << 20, ocr: ocr.settings(settings: try index.settings()))
        options.commitFiles = commitEvery
        options.shardCount = shards
        options.archiveFolder = try archive ?? index.settings().archive
        let indexer = Indexer(indexPath: try index.path(), options: options)
        if stdin.enabled {
            let report = try indexer.add(try stdin.article(loader: options.loader))
            print(report.summary)
            return
        }
        let roots = try index.folders(given: paths)
        let bar = ProgressBar.make()
        let report = try indexer.run(paths: roots, progress: bar.map { bar in { bar.show($0) } })
        bar?.finish()
        printReport(report)
        if report.skipped.contains(where: { roots.contains($0.path) }) { throw ExitCode(2) }
    }

    private func printReport(_ report: IndexReport) {
        for warning in report.warnings {
            Terminal.standardError.write("warning: \(warning)\n")
        }
        for note in report.notes {
            Terminal.standardError.write("note: \(TerminalText.printable(note.path)): \(note.reason)\n")
        }
        for skipped in report.skipped {
            Terminal.standardError.write("skipped: \(TerminalText.printable(skipped.path)): \(TerminalText.printable(skipped.reason))\n")
        }
        for file in report.unsupported {
            Terminal.standardError.write("unsupported: \(TerminalText.printable(file.path)) (\(TerminalText.printable(file.kind)))\n")
        }
        for change in report.planned {
            print("would \(change.kind.rawValue): \(TerminalText.printable(DisplayPath.relative(change.path)))")
        }
        print((dryRun ? "dry run: " : "") + report.summary)
    }
}

/// `--stdin` and the metadata given with it.
struct StandardInputArticle: ParsableArguments {
    @Flag(name: .customLong("stdin"), help: "Index one article read from standard input.")
    var enabled = false

    @Option(help: "The name the article is kept under (as a file's path would be).")
    var id: String?

    @Option(help: "The article's format: txt, md, html, pdf, docx, odt, epub, rtf or doc.")
    var format: String = "txt"

    @Option(help: "Title (default: the first line).")
    var title: String?

    @Option(help: "Author.")
    var author: String?

    @Option(help: "Source, e.g. the newsletter.")
    var source: String?

    @Option(help: "Date, e.g. 2024-05-01.")
    var date: String?

    /// The article read from standard input, with the metadata given.
    func article(loader: ArticleLoader) throws -> IncomingArticle {
        guard let format = ArticleFormat(pathExtension: format) else {
            throw ValidationError("unknown --format '\(format)'; use txt, md, html, pdf, docx, odt, epub, rtf or doc")
        }
        // Read at most one byte over the limit, so memory stays bounded and the loader can refuse.
        var bytes: [UInt8] = []
        while bytes.count <= loader.maximumFileBytes,
              let chunk = try FileHandle.standardInput.read(upToCount: min(1 << 20, loader.maximumFileBytes + 1 - bytes.count)),
              !chunk.isEmpty {
            bytes += chunk
        }
        var metadata = ArticleArchive.GivenMetadata(title: title, author: author, source: source)
        if let date {
            guard let normalized = DateNormalizer.normalize(date) else { throw ValidationError("cannot read --date '\(date)'") }
            metadata.date = normalized
        }
        return IncomingArticle(id: id ?? "stdin", format: format, bytes: bytes, metadata: metadata)
    }
}

/// `--index DIR` and `--config FILE`, shared by the subcommands.
struct IndexOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index folder (default: $PEERSEARCH_INDEX, else the settings file's index, else Index). search and serve take several: folders or tcp://host:port shards.",
        valueName: "dir"), completion: .directory)
    var index: [String] = []

    @OptionGroup var configuration: ConfigOption

    /// The settings file's settings (none without one).
    func settings() throws -> ConfigFile { try configuration.settings() }

    /// The index (the first, where several are given).
    func path() throws -> String { try paths()[0] }

    /// `--index`, else `$PEERSEARCH_INDEX`, else the settings file's `index`, else `Index`.
    func paths() throws -> [String] {
        if !index.isEmpty { return index }
        if let path = ProcessInfo.processInfo.environment["PEERSEARCH_INDEX"] { return [path] }
        return [try settings().index ?? "Index"]
    }

    /// The folders to index when none are given: the settings file's, else Corpus.
    func folders(given: [String]) throws -> [String] {
        if !given.isEmpty { return given }
        let settings = try settings()
        if !settings.folders.isEmpty { return settings.folders }
        if let file = settings.path {
            throw SettingsError("no folders to index: give them, or add `folder = /path/to/articles` to \(file)")
        }
        return ["Corpus"]
    }

    /// For commands that work on one index.
    func validateSingle() throws {
        if index.count > 1 { throw ValidationError("this command works on one --index") }
    }
}
