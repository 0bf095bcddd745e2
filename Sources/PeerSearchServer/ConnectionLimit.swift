import Foundation
import NIOCore
import NIOHTTPTypes

/// Keeps at most `maximum` connections open, so that idle ones cannot take the file descriptors
/// and the slots searches need. A connection over the limit closes the connection that has been
/// idle longest (between requests, or not yet done sending its first request head); when every
/// other connection is answering a request, the new one is closed at once.
final class ConnectionLimiter: @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    /// Open connections, each with the tick it became idle at (nil while it answers a request).
    private var connections: [ObjectIdentifier: (channel: any Channel, idleSince: UInt64?)] = [:]
    private var tick: UInt64 = 0

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts a new (idle) connection; false when it must be closed because no other one can go.
    func open(_ channel: any Channel) -> Bool {
        let (accepted, evicted) = lock.withLock { () -> (Bool, (any Channel)?) in
            tick += 1
            connections[ObjectIdentifier(channel)] = (channel, tick)
            guard connections.count > maximum else { return (true, nil) }
            let idle = connections.filter { $0.key != ObjectIdentifier(channel) && $0.value.idleSince != nil }
            guard let oldest = idle.min(by: { $0.value.idleSince! < $1.value.idleSince! }) else {
                connections[ObjectIdentifier(channel)] = nil
                return (false, nil)
            }
            // Forgotten now, so that the next connection picks another while this one closes.
            connections[oldest.key] = nil
            return (true, oldest.value.channel)
        }
        evicted?.close(promise: nil)
        return accepted
    }

    /// The connection started answering a request (true) or finished the last one (false).
    func setBusy(_ busy: Bool, _ channel: any Channel) {
        lock.withLock {
            guard connections[ObjectIdentifier(channel)] != nil else { return }
            tick += 1
            connections[ObjectIdentifier(channel)]?.idleSince = busy ? nil : tick
        }
    }

    func close(_ channel: any Channel) {
        lock.withLock { connections[ObjectIdentifier(channel)] = nil }
    }
}

/// Tells the `ConnectionLimiter` when its connection opens, closes, and starts and finishes
/// answering requests; closes the connection when the limiter refuses it.
final class ConnectionLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limiter: ConnectionLimiter
    private var registered = false
    private var requestsInProgress = 0

    init(limiter: ConnectionLimiter) {
        self.limiter = limiter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        limiter.close(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            requestsInProgress += 1
            if requestsInProgress == 1 { limiter.setBusy(true, context.channel) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), requestsInProgress > 0 {
            requestsInProgress -= 1
            if requestsInProgress == 0 { limiter.setBusy(false, context.channel) }
        }
        context.write(data, promise: promise)
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        if !limiter.open(context.channel) { context.close(promise: nil) }
    }
}
