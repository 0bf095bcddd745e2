import ArgumentParser
import Dispatch
import Foundation
import Logging
import PeerSearchServer

/// `peersearch serve`: the HTTP API over an index.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: search, articles, and (with a token) uploads.",
        discussion: """
        GET /search?q=…&limit=&offset=&fields=&exact=true answers with the JSON of \
        `search --format json`, GET /articles/ID with that of `show ID --json`, \
        GET /health with the article count, GET /openapi.yaml with the API's \
        OpenAPI document. With a token (read from --token-file, $PEERSEARCH_TOKEN \
        or the settings file's token-file), POST /articles and \
        DELETE /articles/ID add and remove articles for requests carrying \
        `Authorization: Bearer <token>`; without it they answer 403. Errors are \
        JSON: {"error":{"status":N,"message":"…"}}.

        With --index given more than once (local folders, or tcp://host:port shards \
        served by xapian-tcpsrv), it searches them as one ranking, as `search` does; \
        --allow-partial leaves out those that cannot be opened. Such a server takes \
        no uploads or deletes (405): those need one local index folder.

        A connection that sends nothing for --idle-timeout seconds is closed; at most \
        --max-connections are open at once (another one closes the one idle longest).

        Logs one line per request on stderr. SIGTERM or Ctrl-C stops it once the \
        requests under way are answered.

          PEERSEARCH_TOKEN=s3cret peersearch serve --port 8080
          curl 'http://127.0.0.1:8080/search?q=erfaringer+v%C3%A6rdi'
        """
    )

    @OptionGroup var index: IndexOption

    @Option(help: "The address to listen on (default: the settings file's host, else 127.0.0.1: this machine only).")
    var host: String?

    @Option(help: "The TCP port to listen on (default: the settings file's port, else 8080).")
    var port: Int?

    @Option(help: ArgumentHelp("Read the write token from this file (default: $PEERSEARCH_TOKEN, else the settings file's token-file).", valueName: "file"), completion: .file())
    var tokenFile: String?

    @Option(help: ArgumentHelp("Refuse request bodies over this many MiB (413).", valueName: "mib"))
    var maxUploadMb = 16

    @Option(help: ArgumentHelp("Keep at most this many connections open; another closes the one idle longest.", valueName: "n"))
    var maxConnections = APIServer.Configuration(indexPaths: []).maximumConnections

    @Option(help: ArgumentHelp("Close a connection that sends nothing for this many seconds.", valueName: "seconds"))
    var idleTimeout = Int(APIServer.Configuration(indexPaths: []).idleTimeout.components.seconds)

    @Option(help: ArgumentHelp("Where uploads are kept as files (default: the settings file's archive, else the index folder's name + .archive, beside it).", valueName: "dir"), completion: .directory)
    var archive: String?

    @OptionGroup var noOCR: OCROption

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Flag(help: "With several --index shards: search those that answer, list the others in the result.")
    var allowPartial = false

    /// The number options' allowed values.
    static let ports = 1...65_535
    static let uploadSizes = 1...64
    static let connectionCounts = 1...10_000
    static let idleSeconds = 1...3_600

    func validate() throws {
        if let port { try OptionRange.check(port, in: Self.ports, for: "port") }
        try OptionRange.check(maxUploadMb, in: Self.uploadSizes, for: "max-upload-mb")
        try OptionRange.check(maxConnections, in: Self.connectionCounts, for: "max-connections")
        try OptionRange.check(idleTimeout, in: Self.idleSeconds, for: "idle-timeout")
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level '\(logLevel)'") }
    }

    func run() throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "peersearch.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info

        let settings = try index.settings()
        let host = host ?? settings.host ?? "127.0.0.1"
        let port = port ?? settings.port ?? 8080
        let indexPaths = try index.paths()
        var configuration = APIServer.Configuration(indexPaths: indexPaths)
        configuration.allowPartial = allowPartial
        configuration.host = host
        configuration.port = port
        configuration.maximumUploadBytes = maxUploadMb << 20
        configuration.maximumConnections = maxConnections
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.archiveFolder = archive ?? settings.archive
        configuration.ocr = noOCR.enabled(settings: settings)
        configuration.token = try token(settings: settings)
        let server = APIServer(configuration: configuration, logger: logger)
        let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        let writes = configuration.writableIndexPath == nil ? "uploads disabled (they need one local index)"
            : configuration.token == nil ? "uploads disabled (no token: --token-file, PEERSEARCH_TOKEN or token-file)" : "uploads enabled"
        let served = indexPaths.map { "'\($0)'" }.joined(separator: ", ")
        do {
            try Self.runBlocking {
                try await server.run {
                    FileHandle.standardOutput.write("peersearch: serving \(served) on \(address); \(writes)\n")
                }
            }
        } catch {
            PeerSearchCommand.fail("cannot serve on \(address): \(error)")
        }
        logger.info("stopped")
    }

    /// The write token: from `--token-file`, else `$PEERSEARCH_TOKEN`, else the settings file's
    /// `token-file` (so it is never on a command line); nil, uploads disabled, when none is set.
    private func token(settings: ConfigFile) throws -> String? {
        let environment = ProcessInfo.processInfo.environment["PEERSEARCH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        guard let file = tokenFile ?? (environment == nil ? settings.tokenFile : nil) else { return environment }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw SettingsError("cannot read the token file '\(file)' (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let bytes = try handle.read(upToCount: 4_096) ?? Data()
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isNewline), bytes.count < 4_096 else {
            throw SettingsError("the token file '\(file)' must hold one line, the token (under 4 KiB)")
        }
        return token
    }

    /// Runs async `work` to the end from this synchronous command (the root command's `main`
    /// calls `run()` synchronously); the main thread waits while the server runs on Swift's threads.
    private static func runBlocking(_ work: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await work()
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }
}

/// How the server's task ended; written once by the task before it signals, read after the wait.
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
