import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the server on 127.0.0.1, for what an HTTP client does not send:
/// nothing at all, half a request, bytes that are not HTTP. Closed when released.
final class RawConnection {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let error = errno
            close(descriptor)
            throw ServerError("connect: \(error)")
        }
    }

    deinit {
        close(descriptor)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ServerError("send: \(errno)") }
            sent += count
        }
    }

    /// What the server sent until it closed the connection, or nil when it is still open after
    /// `seconds` (a reset counts as closed).
    func readUntilClosed(within seconds: Double) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(seconds)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            var descriptorPoll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptorPoll, 1, milliseconds) > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return received }
            received += buffer[..<count]
        }
    }

    /// Whether the server closed the connection within `seconds`.
    func isClosed(within seconds: Double) -> Bool {
        readUntilClosed(within: seconds) != nil
    }
}

/// A raw HTTP/1.1 answer, split into its head and body.
struct RawReply {
    var head: String
    var body: Data

    init(_ bytes: [UInt8]) {
        let separator = Array("\r\n\r\n".utf8)
        let end = bytes.indices.first { bytes[$0...].starts(with: separator) }
        head = String(decoding: bytes[..<(end ?? bytes.count)], as: UTF8.self)
        body = Data(end.map { bytes[($0 + separator.count)...] } ?? [])
    }

    /// The status line, e.g. `HTTP/1.1 400 Bad Request`.
    var statusLine: String { head.split(separator: "\r\n").first.map(String.init) ?? "" }
    /// `error.status` of a JSON error body.
    var errorStatus: Int? {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["status"] as? Int
    }
}
