// The settings file (/etc/peersearch/peersearch.conf on a server): the folders, the index, the
// upload archive, the server's address, the token file and OCR, in one place that the services
// and a user typing `peersearch` on that machine share. Its format is `key = value` lines with
// `#` comments, read here in a few lines (see README, "Libraries, and why").
import ArgumentParser
import Foundation

/// The settings read from one settings file; every field is nil (or empty) when not set.
struct ConfigFile {
    /// Where a server's settings are, read when neither `--config` nor `$PEERSEARCH_CONFIG` is given.
    static let systemPath = "/etc/peersearch/peersearch.conf"
    /// The longest settings file read (a settings file is a few hundred bytes).
    static let maximumBytes = 1 << 20

    /// The file the settings came from; nil when there is none.
    var path: String?
    /// The archive folders to index and watch (`folder =`, one line each, in order).
    var folders: [String] = []
    var index: String?
    var archive: String?
    var host: String?
    var port: Int?
    var tokenFile: String?
    /// Whether scanned pages are read with OCR (`ocr = on|off`).
    var ocr: Bool?

    /// The keys a settings file may hold.
    static let keys = ["folder", "index", "archive", "host", "port", "token-file", "ocr"]

    /// The settings file to read: `explicit` (`--config`), else `$PEERSEARCH_CONFIG` (empty: none),
    /// else the system's file when it exists; an explicitly named file must exist.
    static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile {
        if let path = explicit ?? environment["PEERSEARCH_CONFIG"] {
            return path.isEmpty ? ConfigFile() : try read(path: path)
        }
        return FileManager.default.fileExists(atPath: systemPath) ? try read(path: systemPath) : ConfigFile()
    }

    /// Reads and checks the file at `path`; any error names the file and the line.
    static func read(path: String) throws -> ConfigFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SettingsError("cannot read the settings file '\(path)' (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let bytes = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        guard bytes.count <= maximumBytes else { throw SettingsError("the settings file '\(path)' is over 1 MiB") }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw SettingsError("the settings file '\(path)' is not UTF-8 text")
        }
        var settings = ConfigFile(path: path)
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            do {
                try settings.set(line: line)
            } catch let error as SettingsError {
                throw SettingsError("\(path), line \(number + 1): \(error.description)")
            }
        }
        return settings
    }

    /// Takes one `key = value` line.
    private mutating func set(line: String) throws {
        guard let equals = line.firstIndex(of: "=") else { throw SettingsError("expected `key = value`, not '\(line)'") }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard Self.keys.contains(key) else {
            throw SettingsError("unknown key '\(key)' (known: \(Self.keys.joined(separator: ", ")))")
        }
        guard !value.isEmpty else { throw SettingsError("'\(key)' has no value") }
        switch key {
        case "folder": folders.append(value)
        case "index": index = value
        case "archive": archive = value
        case "host": host = value
        case "token-file": tokenFile = value
        case "port":
            guard let number = Int(value), (1...65_535).contains(number) else {
                throw SettingsError("port must be a number from 1 to 65535, not '\(value)'")
            }
            port = number
        default:  // ocr
            switch value.lowercased() {
            case "on", "true", "yes": ocr = true
            case "off", "false", "no": ocr = false
            default: throw SettingsError("ocr must be on or off, not '\(value)'")
            }
        }
    }
}

/// A settings file (or a file it names) that cannot be used: one line, exit 2.
struct SettingsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `--config FILE`, shared by the subcommands through `IndexOption`.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.",
        valueName: "file"), completion: .file())
    var config: String?

    /// The settings in force for this run.
    func settings() throws -> ConfigFile {
        try ConfigFile.load(explicit: config)
    }
}
