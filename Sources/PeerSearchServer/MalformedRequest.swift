import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import PeerSearchCore

/// Answers a request the HTTP layer cannot read (a malformed request line or header, headers over
/// 80 KiB, bytes that are not HTTP) with the API's JSON error, 400, and closes the connection.
/// Such errors arise below the router, where Hummingbird would answer an empty 400. A request
/// being answered is answered first; one whose body is being read gets the error instead.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var requestsInProgress = 0
    private var readingBody = false
    /// Set once the connection cannot be read any more: what is still to be said, if anything.
    private var pendingMessage: String?
    private var failed = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        switch unwrapInboundIn(data) {
        case .head:
            requestsInProgress += 1
            readingBody = true
        case .body:
            break
        case .end:
            readingBody = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        requestsInProgress = max(requestsInProgress - 1, 0)
        context.write(data, promise: promise)
        if requestsInProgress == 0, let message = pendingMessage { answer(message, context: context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let message = Self.message(for: error), !failed, !readingBody else {
            return context.fireErrorCaught(error)
        }
        failed = true
        if requestsInProgress == 0 { answer(message, context: context) } else { pendingMessage = message }
    }

    /// 400 with the JSON error, then the connection closes.
    private func answer(_ message: String, context: ChannelHandlerContext) {
        pendingMessage = nil
        let body = APIError.badRequest(message).body
        let head = HTTPResponse(status: .badRequest, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)", .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }

    /// The one-line message for an error of reading HTTP; nil for other errors (a connection reset).
    static func message(for error: any Error) -> String? {
        switch error {
        case HTTPParserError.headerOverflow:
            "malformed HTTP request: the request line and headers are over 80 KiB"
        case let error as HTTPParserError:
            "malformed HTTP request: \(error.debugDescription)"
        case let error as HTTP1TypeConversionError:
            "malformed HTTP request: " + (error == .invalidMethod ? "invalid method" : "no path")
        default:
            nil
        }
    }
}
