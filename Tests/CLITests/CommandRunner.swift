import Foundation

/// Runs the built `peersearch` binary as a user would, in a temporary working folder.
struct CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary SwiftPM built next to the test bundle (or `$PEERSEARCH_BIN`).
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["PEERSEARCH_BIN"] { return URL(fileURLWithPath: override) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("peersearch")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/peersearch")
    }()

    let workingDirectory: URL

    /// The environment the binary runs in: no `$PEERSEARCH_INDEX`, and no settings file (not even
    /// the system's /etc/peersearch/peersearch.conf) unless a test names one; plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PEERSEARCH_INDEX")
        environment["PEERSEARCH_CONFIG"] = ""
        return environment.merging(extra) { $1 }
    }

    /// Runs the binary (or `executable`) with `arguments` to its end, with `environment` added.
    func run(_ arguments: [String], executable: URL = CommandRunner.binary, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = Self.environment(environment)
        let outURL = workingDirectory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = workingDirectory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A temporary folder holding a copy of the sample corpus and an index, removed afterwards.
final class Workspace {
    let root: URL
    let runner: CommandRunner
    var corpus: URL { root.appendingPathComponent("Corpus") }
    var index: String { root.appendingPathComponent("Index").path }

    static let portrait = "2021-moed-en-peer-anders-lindberg.txt"
    static let bostedsleder = "bostedsleder-peer-medarbejderen-saetter-skub-i-recovery-orienteringen.txt"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        runner = CommandRunner(workingDirectory: root)
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("Corpus"), to: corpus)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func peersearch(_ arguments: String...) throws -> CommandRunner.Output {
        try runner.run(arguments)
    }

    /// Indexes the corpus folder and returns the run's output.
    @discardableResult
    func indexCorpus(_ extra: String...) throws -> CommandRunner.Output {
        try runner.run(["index", corpus.path, "--index", index] + extra)
    }

    func search(_ query: String, _ extra: String...) throws -> CommandRunner.Output {
        try runner.run(["search", query, "--index", index] + extra)
    }

    /// `search --format json`, decoded.
    func searchJSON(_ query: String, _ extra: String...) throws -> [String: Any] {
        let output = try runner.run(["search", query, "--index", index, "--format", "json"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return object as? [String: Any] ?? [:]
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: corpus.appendingPathComponent(name))
    }
}

extension Dictionary where Key == String, Value == Any {
    var hits: [[String: Any]] { self["hits"] as? [[String: Any]] ?? [] }
    var hitFileNames: [String] { hits.compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } } }
}

extension CommandRunner {
    /// Starts the binary without waiting for it (for `watch`, and for killing mid-run).
    func start(_ arguments: [String], output: URL) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.environment = Self.environment()
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the binary with `input` on standard input.
    func run(_ arguments: [String], input: String) throws -> Output {
        let inputURL = workingDirectory.appendingPathComponent(".stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = ([Self.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        process.arguments = ["-c", quoted.joined(separator: " ") + " < '\(inputURL.path)'"]
        process.currentDirectoryURL = workingDirectory
        process.environment = Self.environment()
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Polls `condition` every 100 ms for up to `seconds`.
func eventually(within seconds: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}
