import Foundation
import Hummingbird
import Ingestion
import Logging
import PeerSearchCore

/// An error the API answers with: `{"error":{"status":N,"message":"…"}}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields

    init(status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// The error a failed index operation answers with: 503 when the index (or a shard of it)
    /// cannot be opened, 400 for an empty or malformed query, else 500.
    init(_ error: PeerSearchError) {
        switch error {
        case .indexMissing, .indexLocked, .indexCorrupt, .indexUnusable, .shardUnavailable, .readOnly, .permissionDenied,
             .notPeersearchIndex, .articlesNotIndex:
            self.init(status: .serviceUnavailable, message: error.description)
        case .diskFull:
            self.init(status: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), message: error.description)
        case .emptyQuery, .malformedQuery:
            self.init(status: .badRequest, message: error.description)
        case .unreadableArticle(let error):
            self.init(error)
        case .watchFailed, .xapian, .archive:
            self.init(status: .internalServerError, message: error.description)
        }
    }

    /// The error an article that cannot be read answers with: 413 when it is too large, 500 when
    /// a tool is missing on the server, else 400.
    init(_ error: IngestionError) {
        switch error {
        case .tooLarge: self.init(status: .contentTooLarge, message: "article: \(error.description)")
        case .toolMissing: self.init(status: .internalServerError, message: error.description)
        default: self.init(status: .badRequest, message: "article: \(error.description)")
        }
    }

    /// The JSON body, `{"error":{"message":…,"status":…}}`.
    var body: Data {
        struct Body: Encodable {
            struct Detail: Encodable {
                var status: Int
                var message: String
            }
            var error: Detail
        }
        return (try? ResultJSON.encode(Body(error: .init(status: status.code, message: message)))) ?? Data()
    }

    /// The JSON response.
    func response() -> Response {
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Turns every error a handler throws into a JSON error response, so clients always get the same
/// shape and nothing escapes to Hummingbird's bare 500. A method a route does not answer is 405
/// with `Allow`, not 404; the answer to HEAD has no body.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = await respond(to: request, context: context, next: next)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func respond(to request: Request, context: Context,
                         next: (Request, Context) async throws -> Response) async -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as PeerSearchError {
            return APIError(error).response()
        } catch let error as any HTTPResponseError {
            // Hummingbird's own: an unknown route or method (404), a body over the limit (413), …
            guard error.status == .notFound else { return APIError(status: error.status, message: error.status.reasonPhrase).response() }
            let allowed = Endpoint.methods(answering: request.uri.path)
            guard !allowed.isEmpty else {
                return APIError.notFound("no such route: \(request.method) \(request.uri.path)").response()
            }
            return APIError(status: .methodNotAllowed,
                            message: "\(request.uri.path) does not answer \(request.method); it answers \(allowed.joined(separator: ", "))",
                            headers: [.allow: allowed.joined(separator: ", ")]).response()
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return APIError(status: .internalServerError, message: "internal error").response()
        }
    }
}

extension Response {
    /// A response with a JSON body.
    static func json(_ body: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Search results as CSV (`ResultCSV`), with a header row.
    static func csv(_ body: Data) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8; header=present"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
