import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real `peersearch serve` process on a free loopback port, over a temporary index of its own
/// (by default a copy of Corpus/, indexed; or several indexes of given texts), and an HTTP client
/// for it. The folder is removed, and the server killed if still running, when it is released.
final class ServerProcess: @unchecked Sendable {  // shared by concurrent clients; only `restart` changes it, between them
    let root: URL
    /// The indexes served (`--index` each).
    let indexPaths: [String]
    private(set) var port: Int
    private var process: Process
    private let stderrURL: URL
    private let session: URLSession
    /// How the server was started, for `restart`.
    private let arguments: [String]
    private let token: String?

    /// The index served (the first, where several are).
    var indexPath: String { indexPaths[0] }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary SwiftPM built next to the test bundle (or `$PEERSEARCH_BIN`).
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["PEERSEARCH_BIN"] { return URL(fileURLWithPath: override) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("peersearch")
    }()

    static let portrait = "2021-moed-en-peer-anders-lindberg.txt"
    static let quote = "\"erfaringer får en anden værdi\""

    /// Starts the server and waits until it answers `/health`. With `indexed: false` the index
    /// does not exist; with `token` set, writes need it; `extraArguments` go to `serve`; the
    /// folders in `adding` (e.g. Tests/Fixtures/web/arkiv) are copied into the corpus first.
    convenience init(token: String? = nil, indexed: Bool = true, extraArguments: [String] = [], adding: [URL] = []) async throws {
        try await self.init(token: token, extraArguments: extraArguments) { root in
            let indexPath = root.appendingPathComponent("Index").path
            if indexed {
                let corpus = root.appendingPathComponent("Corpus")
                try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("Corpus"), to: corpus)
                for folder in adding {
                    try FileManager.default.copyItem(at: folder, to: corpus.appendingPathComponent(folder.lastPathComponent))
                }
                try Self.index(corpus, into: indexPath, in: root)
            }
            return [indexPath]
        }
    }

    /// Starts the server over one index per element of `corpora`, each indexed from text files
    /// (file name → text) written to a folder of its own.
    convenience init(corpora: [[String: String]], token: String? = nil, extraArguments: [String] = []) async throws {
        try await self.init(token: token, extraArguments: extraArguments) { root in
            try corpora.enumerated().map { number, files in
                let corpus = root.appendingPathComponent("Corpus-\(number + 1)")
                try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
                for (name, text) in files {
                    try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
                }
                let indexPath = root.appendingPathComponent("Index-\(number + 1)").path
                try Self.index(corpus, into: indexPath, in: root)
                return indexPath
            }
        }
    }

    /// Makes a temporary folder, lets `makeIndexes` fill it and name the indexes to serve, and
    /// starts the server over them.
    private init(token: String?, extraArguments: [String] = [], makeIndexes: (URL) throws -> [String]) async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-server-\(UUID().uuidString)")
        stderrURL = root.appendingPathComponent("stderr.log")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            indexPaths = try makeIndexes(root)
            arguments = ["serve"] + indexPaths.flatMap { ["--index", $0] } + extraArguments
            self.token = token
            (process, port) = try await Self.launch(arguments, token: token, in: root, stderr: stderrURL, session: session)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    /// `peersearch index FOLDER --index INDEX`; throws when it fails.
    private static func index(_ folder: URL, into indexPath: String, in root: URL) throws {
        let indexing = try runToEnd(["index", folder.path, "--index", indexPath], in: root)
        guard indexing.status == 0 else { throw ServerError("indexing failed: \(indexing.stderr)") }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// The server's process id.
    var processIdentifier: Int32 { process.processIdentifier }

    /// Starts the server again over the same indexes and folder (after it stopped or was
    /// killed), on a new port.
    func restart() async throws {
        if process.isRunning { throw ServerError("the server still runs") }
        (process, port) = try await Self.launch(arguments, token: token, in: root, stderr: stderrURL, session: session)
    }

    /// What the server logged on stderr so far.
    var log: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits up to `seconds` for the server to exit; its exit status, or nil if it still runs.
    func stop(with signal: Int32 = SIGTERM, within seconds: Double = 20) async throws -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    // MARK: HTTP

    /// An answer from the server.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var hits: [[String: Any]] { json["hits"] as? [[String: Any]] ?? [] }
        /// `error.message` of an error body.
        var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }
        /// `error.status` of an error body.
        var errorStatus: Int? { (json["error"] as? [String: Any])?["status"] as? Int }

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    /// `method target`, where `target` is the path and query as sent (already percent-encoded).
    /// A body is sent as `contentType` (JSON unless told).
    func request(_ method: String, _ target: String, body: Data? = nil, contentType: String = "application/json",
                 token: String? = nil) async throws -> Reply {
        try await Self.request(method, URL(string: "http://127.0.0.1:\(port)\(target)")!, body: body, contentType: contentType,
                               token: token, session: session)
    }

    func get(_ target: String) async throws -> Reply {
        try await request("GET", target)
    }

    /// `GET /search` with these parameters (form-encoded here).
    func search(_ parameters: [(String, String)]) async throws -> Reply {
        try await get("/search?" + parameters.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&"))
    }

    /// `POST /articles` with this JSON object.
    func upload(_ article: [String: Any], token: String?) async throws -> Reply {
        try await request("POST", "/articles", body: try JSONSerialization.data(withJSONObject: article), token: token)
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    private static func request(_ method: String, _ url: URL, body: Data?, contentType: String = "application/json", token: String?,
                                session: URLSession) async throws -> Reply {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        guard let response = response as? HTTPURLResponse else { throw ServerError("not an HTTP response") }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers["\(name)"] = "\(value)"
        }
        return Reply(status: response.statusCode, headers: headers, body: data)
    }

    // MARK: Processes

    /// Runs the binary to its end (e.g. `index`, `search`), as the CLI tests do.
    static func runToEnd(_ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `arguments` on a free port until the server answers. A port that another socket takes
    /// between the probe and the server's bind fails the start: then it tries another.
    private static func launch(_ arguments: [String], token: String?, in folder: URL, stderr: URL,
                               session: URLSession) async throws -> (Process, Int) {
        for attempt in 1...3 {
            let port = try freeLoopbackPort()
            let process = try start(arguments + ["--port", "\(port)"], token: token, in: folder, stderr: stderr)
            if try await waitUntilAnswering(process, port: port, session: session) { return (process, port) }
            if process.isRunning { process.terminate() }
            let log = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
            if attempt == 3 || !log.contains("Address already in use") { throw ServerError("the server did not start: \(log)") }
        }
        throw ServerError("the server did not start")
    }

    private static func start(_ arguments: [String], token: String?, in folder: URL, stderr: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "PEERSEARCH_INDEX")
        environment["PEERSEARCH_CONFIG"] = ""  // not the system's settings file
        environment["PEERSEARCH_TOKEN"] = token
        process.environment = environment
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `/health` until the server answers (200, or 503 without an index); false if it exits first.
    private static func waitUntilAnswering(_ process: Process, port: Int, session: URLSession) async throws -> Bool {
        let health = URL(string: "http://127.0.0.1:\(port)/health")!
        // Counted in attempts, not only in time: when the other suites' synchronous tests hold
        // every cooperative thread, this task may not run for a while, and that is no reason to
        // give up on a server that started.
        let deadline = Date().addingTimeInterval(300)
        var attempts = 0
        while process.isRunning && (attempts < 300 || Date() < deadline) && attempts < 3000 {
            attempts += 1
            if let reply = try? await request("GET", health, body: nil, token: nil, session: session), reply.status > 0 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A port no socket on 127.0.0.1 uses right now, from the kernel.
    private static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError("socket: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw ServerError("bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
