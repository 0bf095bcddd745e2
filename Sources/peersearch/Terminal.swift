import Foundation

/// Standard streams, and whether they are terminals (for colour).
enum Terminal {
    static let standardError = FileHandle.standardError

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether `--color auto` colours: standard output is a terminal, `NO_COLOR` is not set
    /// (no-color.org) and `TERM` is not `dumb`.
    static var colorsByDefault: Bool {
        let environment = ProcessInfo.processInfo.environment
        return standardOutputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// ANSI styles, as ripgrep uses them.
    enum Style: String {
        case path = "\u{1B}[35m"
        case lineNumber = "\u{1B}[32m"
        case match = "\u{1B}[1;31m"
        case bold = "\u{1B}[1m"
        case dim = "\u{1B}[2m"
        static let reset = "\u{1B}[0m"
    }
}

extension FileHandle {
    func write(_ text: String) {
        write(Data(text.utf8))
    }
}
