import Foundation
import Hummingbird
import Logging

/// Logs one line per request: method, path (without the query string), status and duration,
/// e.g. `GET /search 200 4.1 ms`.
struct RequestLoggingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = HTTPResponse.Status.internalServerError
        defer {
            let elapsed = (ContinuousClock.now - start).components
            let milliseconds = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
            context.logger.info("\(request.method) \(request.uri.path) \(status.code) \(String(format: "%.1f", milliseconds)) ms")
        }
        let response = try await next(request, context)
        status = response.status
        return response
    }
}
