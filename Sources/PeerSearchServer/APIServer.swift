import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import PeerSearchCore

/// The HTTP API over an index, or several searched as one (`peersearch serve`): `GET /search`,
/// `GET /articles/{id}`, `GET /health`, `GET /openapi.yaml`, and with a token and one local index
/// `POST /articles` and `DELETE /articles/{id}`. `schema/openapi.yaml` documents it. Beside it,
/// the search page for people (`GET /`, see `WebRoutes`).
public struct APIServer: Sendable {
    public struct Configuration: Sendable {
        /// Local index folders or `tcp://host:port` shards, searched as one.
        public var indexPaths: [String]
        /// With several indexes: search those that open, leave out (and list) the others.
        public var allowPartial = false
        public var host = "127.0.0.1"
        public var port = 8080
        /// The bearer token writes need; nil disables writes (403).
        public var token: String?
        /// Larger request bodies are refused with 413.
        public var maximumUploadBytes = 16 << 20
        /// A connection that sends nothing for this long (no request, or a request head or body
        /// that stalls) is closed; one waiting for its answer is not.
        public var idleTimeout: Duration = .seconds(30)
        /// The most connections open at once; another one closes the one idle longest (see
        /// `ConnectionLimiter`), so idle connections cannot take the descriptors searches need.
        public var maximumConnections = 256
        /// Where uploads are kept as files; nil: beside the index (`Index.archive`).
        public var archiveFolder: String?
        /// Whether uploaded scans and images are read with OCR (`serve --no-ocr` turns it off).
        public var ocr = true

        public init(indexPaths: [String]) {
            self.indexPaths = indexPaths
        }

        /// The index uploads and deletes go to: the only one, when it is a local folder. Nil when
        /// several indexes or a remote one are served: then writes answer 405.
        public var writableIndexPath: String? {
            indexPaths.count == 1 && !IndexLocation.isRemote(indexPaths[0]) ? indexPaths[0] : nil
        }
    }

    private let configuration: Configuration
    private let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT, then finishes the requests under way and returns.
    /// `onListening` is called once the socket is bound.
    public func run(onListening: @escaping @Sendable () -> Void = {}) async throws {
        // HEAD is answered on every GET route, with the headers of GET and no body.
        let router = Router(options: .autoGenerateHeadEndpoints)
        // The first middleware added is the outermost: the log sees the status the error middleware chose.
        router.add(middleware: RequestLoggingMiddleware())
        router.add(middleware: ErrorResponseMiddleware())
        let access = IndexAccess(configuration: configuration)
        let authentication = TokenAuthentication(token: configuration.token)
        let routes = Routes(access: access, authentication: authentication,
                            maximumUploadBytes: configuration.maximumUploadBytes, logger: logger)
        routes.register(on: router)
        let web = WebRoutes(access: access, authentication: authentication, maximumUploadBytes: configuration.maximumUploadBytes,
                            archiveFolder: configuration.archiveFolder, renderer: try WebRenderer(), logger: logger)
        web.register(on: router)
        let limiter = ConnectionLimiter(maximum: configuration.maximumConnections)
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionLimitHandler(limiter: limiter), MalformedRequestHandler()],
            idleTimeout: TimeAmount(configuration.idleTimeout))
        let application = Application(
            router: router,
            server: .http1(configuration: http),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "peersearch"),
            onServerRunning: { _ in onListening() },
            logger: logger
        )
        try await application.runService()
    }
}
