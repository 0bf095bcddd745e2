import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch watch`: keep the index current as articles arrive, change and go.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Index the folders, then keep the index current as files change (until Ctrl-C).",
        discussion: """
        Files created, changed, moved or deleted under the folders are indexed (or dropped) in \
        small batches, each committed, with one summary line per batch. Ctrl-C or SIGTERM stops it \
        cleanly, with everything seen so far committed. The write lock is held only while a batch \
        is written, so searches and other tools keep working.
        """
    )

    @Argument(help: "Folders to watch (default: the settings file's folders, else Corpus).", completion: .directory)
    var paths: [String] = []

    @OptionGroup var index: IndexOption

    @OptionGroup var ocr: OCROption

    @Option(help: "Seconds to wait for more changes before indexing a batch.")
    var settle: Double = 0.5

    /// `--settle`'s allowed values.
    static let settleSeconds = 0.05...60.0

    func validate() throws {
        try index.validateSingle()
        try OptionRange.check(settle, in: Self.settleSeconds, for: "settle")
    }

    func run() throws {
        let roots = try index.folders(given: paths)
        let indexPath = try index.path()
        var options = Indexer.Options()
        options.waitForLock = true
        options.loader.ocr = ocr.settings(settings: try index.settings())
        options.archiveFolder = try index.settings().archive
        let stop = StopSignal()
        let watcher = try DirectoryWatcher(roots: roots)
        report(try Indexer(indexPath: indexPath, options: options).run(paths: roots), missingAreExpected: false)

        var pending = Set<String>()
        while true {
            let changes = watcher.changes(timeout: settle)
            pending.formUnion(changes)
            let stopping = stop.isSet
            if !pending.isEmpty && (changes.isEmpty || stopping || pending.count >= 500) {
                report(try Indexer(indexPath: indexPath, options: options).run(paths: pending.sorted()), missingAreExpected: true)
                pending.removeAll()
            }
            if stopping { break }
        }
        Terminal.standardError.write("watch: stopped; everything seen was committed\n")
    }

    /// Prints a batch's summary; files that vanished before their batch ran are not "skipped".
    private func report(_ batch: IndexReport, missingAreExpected: Bool) {
        var report = batch
        if missingAreExpected { report.skipped.removeAll { $0.reason == FileCollector.missingReason } }
        for skipped in report.skipped {
            Terminal.standardError.write("skipped: \(TerminalText.printable(skipped.path)): \(TerminalText.printable(skipped.reason))\n")
        }
        guard report.changedAnything || !missingAreExpected else { return }
        let time = ISOTimestamp.now
        FileHandle.standardOutput.write("\(time) \(report.summary)\n")  // unbuffered, for pipes
    }
}

/// Set once SIGINT or SIGTERM arrives.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.set() }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal asks for a clean stop after the batch under way; a second one stops at
    /// once (a batch can wait long for another writer's lock): the index keeps its last commit.
    private func set() {
        let already = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard already else { return }
        Terminal.standardError.write("watch: stopped at once; the index keeps its last commit\n")
        Foundation.exit(0)
    }

    var isSet: Bool { lock.withLock { stopped } }
}
