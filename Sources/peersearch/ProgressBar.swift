import Foundation
import PeerSearchCore

/// A one-line progress bar on stderr (files, MB, rate, ETA), shown only on a terminal.
final class ProgressBar {
    private let start = Date()
    private var lastDrawn = Date.distantPast

    /// A bar, or nil when stderr is not a terminal.
    static func make() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    private init() {}

    func show(_ progress: IndexProgress) {
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) > 0.1 || progress.filesDone == progress.filesTotal else { return }
        lastDrawn = now
        let fraction = progress.bytesTotal > 0 ? Double(progress.bytesDone) / Double(progress.bytesTotal)
            : Double(progress.filesDone) / Double(max(progress.filesTotal, 1))
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(progress.bytesDone) / elapsed / 1_048_576 : 0
        let eta = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(format: "indexing [%@] %d/%d files  %.1f/%.1f MB  %.1f MB/s  ETA %d:%02d",
                          bar, progress.filesDone, progress.filesTotal, Double(progress.bytesDone) / 1_048_576,
                          Double(progress.bytesTotal) / 1_048_576, rate, Int(eta) / 60, Int(eta) % 60)
        Terminal.standardError.write("\r" + line + "\u{1B}[K")
    }

    /// Clears the bar's line.
    func finish() {
        Terminal.standardError.write("\r\u{1B}[K")
    }
}
