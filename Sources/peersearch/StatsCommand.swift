import ArgumentParser
import Foundation
import PeerSearchCore

/// `peersearch stats`: what the index holds.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the index's documents, terms, size on disk and when it last changed."
    )

    @OptionGroup var index: IndexOption

    func validate() throws {
        try index.validateSingle()
    }

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "The same as --format json.")
    var json = false

    func run() throws {
        let statistics = try IndexStatistics.read(indexPath: try index.path())
        if json || format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
            return
        }
        print("index:         \(statistics.index)")
        print("documents:     \(statistics.documents)")
        print("terms:         \(statistics.terms)")
        print(String(format: "size on disk:  %.1f MB", Double(statistics.bytesOnDisk) / 1_048_576))
        print("last indexed:  \(statistics.lastIndexed ?? "never")")
    }
}
