import Foundation
import Testing

/// `peersearch serve` against what is not a well-behaved client: idle and stalled connections,
/// more of them than the server keeps, bytes that are not HTTP, methods a route does not answer,
/// queries over the limits. The server answers with the API's JSON errors and goes on serving.
@Suite struct HardeningTests {
    @Test func idleAndStalledConnectionsAreClosedAfterTheIdleTimeout() async throws {
        let server = try await ServerProcess(extraArguments: ["--idle-timeout", "1"])
        let silent = try (0..<10).map { _ in try RawConnection(port: server.port) }
        let stalled = try (0..<10).map { _ in try RawConnection(port: server.port) }
        for connection in stalled { try connection.send("GET /health HTTP/1.1\r\nHost: peersearch\r\n") }
        let kept = try RawConnection(port: server.port)
        try kept.send("GET /health HTTP/1.1\r\nHost: peersearch\r\n\r\n")
        // Answered, then idle: closed too.
        #expect(kept.readUntilClosed(within: 5).map { RawReply($0).statusLine } == "HTTP/1.1 200 OK")
        for (number, connection) in (silent + stalled).enumerated() {
            #expect(connection.isClosed(within: 5), "connection \(number) is still open")
        }
        #expect(try await server.get("/health").status == 200)
    }

    @Test func idleConnectionsCannotStarveSearches() async throws {
        // The idle timeout is the default (30 s): only the connection limit can make room.
        let server = try await ServerProcess(extraArguments: ["--max-connections", "20"])
        let idle = try (0..<200).map { _ in try RawConnection(port: server.port) }
        let start = Date()
        let search = try await server.search([("q", ServerProcess.quote)])
        #expect(search.status == 200)
        #expect(search.hits.count == 1)
        // Starved, the search would wait for idle connections to time out (30 s); the margin
        // below that is for a loaded machine (17 s was seen with two builds running).
        #expect(Date().timeIntervalSince(start) < 25)
        #expect(try await server.get("/health").status == 200)
        // The server kept at most 20 connections: the others were closed to make room.
        let closed = idle.filter { $0.isClosed(within: 0.2) }.count
        #expect(closed >= 180, "\(closed) of 200 idle connections closed")
    }

    @Test func headIsAnsweredOnEveryGetRouteWithoutABody() async throws {
        let server = try await ServerProcess()
        for target in ["/search?q=peer", "/health", "/articles/1", "/openapi.yaml", "/search-result.schema.json"] {
            let get = try await server.get(target)
            let head = try await server.request("HEAD", target)
            #expect(head.status == 200, "\(target)")
            #expect(head.body.isEmpty, "\(target)")
            #expect(head.header("Content-Length") == "\(get.body.count)", "\(target)")
            #expect(head.header("Content-Type") == get.header("Content-Type"), "\(target)")
        }
        // Errors too have no body after HEAD; on the wire, nothing follows the head.
        for (target, status) in [("/search?q=%28", "400"), ("/nowhere", "404"), ("/articles/9999", "404")] {
            let connection = try RawConnection(port: server.port)
            try connection.send("HEAD \(target) HTTP/1.1\r\nHost: peersearch\r\nConnection: close\r\n\r\n")
            let reply = RawReply(try #require(connection.readUntilClosed(within: 10)))
            #expect(reply.statusLine.hasPrefix("HTTP/1.1 \(status)"), "\(target): \(reply.head)")
            #expect(reply.body.isEmpty, "\(target)")
        }
    }

    @Test func aMethodARouteDoesNotAnswerIs405WithAllow() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let cases = [("PUT", "/search", "GET, HEAD"), ("DELETE", "/search", "GET, HEAD"), ("POST", "/health", "GET, HEAD"),
                     ("PUT", "/articles/1", "GET, HEAD, DELETE"), ("GET", "/articles", "POST"),
                     ("PATCH", "/openapi.yaml", "GET, HEAD")]
        for (method, target, allowed) in cases {
            let reply = try await server.request(method, target, token: "s3cret")
            #expect(reply.status == 405, "\(method) \(target)")
            #expect(reply.errorStatus == 405, "\(method) \(target)")
            #expect(reply.header("Allow") == allowed, "\(method) \(target)")
            #expect(reply.errorMessage?.contains(allowed) == true, "\(method) \(target): \(reply.text)")
        }
        // A path no route has stays 404, whatever the method.
        #expect(try await server.request("PUT", "/nowhere").status == 404)
    }

    @Test func requestsTheHTTPLayerCannotReadGetAJSON400AndTheConnectionCloses() async throws {
        let server = try await ServerProcess()
        let requests: [[UInt8]] = [
            Array("GARBAGE\u{1} / HTTP/1.1\r\n\r\n".utf8),
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03],  // a TLS hello
            Array("GET /health HTTP/1.1\r\nHost: peersearch\r\nX-Padding: \(String(repeating: "x", count: 100_000))\r\n\r\n".utf8),
            Array("GET /health HTTP/1.1\r\nHost: peersearch\r\nno colon here\r\n\r\n".utf8),
            Array("POST /articles HTTP/1.1\r\nHost: peersearch\r\nContent-Length: ten\r\n\r\n".utf8),
        ]
        for (number, request) in requests.enumerated() {
            let connection = try RawConnection(port: server.port)
            try connection.send(request)
            let bytes = try #require(connection.readUntilClosed(within: 10), "request \(number): the connection stays open")
            let reply = RawReply(bytes)
            #expect(reply.statusLine == "HTTP/1.1 400 Bad Request", "request \(number): \(reply.head)")
            #expect(reply.head.lowercased().contains("content-type: application/json"), "request \(number)")
            #expect(reply.errorStatus == 400, "request \(number): \(String(decoding: reply.body, as: UTF8.self))")
        }
        #expect(try await server.get("/health").status == 200)
    }

    @Test func queriesOverTheLimitsAre400AndTheServerGoesOn() async throws {
        let server = try await ServerProcess()
        let cases = [
            (String(repeating: "(", count: 20_000), "malformed query: the query has 20000 characters; the limit is 1000"),
            (String(repeating: "(", count: 900) + "peer", "malformed query: groups and fields nest deeper than 32 levels"),
            ("\"" + String(repeating: "en ", count: 300) + "\"", "malformed query: the phrase has 300 words; the limit is 64"),
        ]
        for (query, message) in cases {
            let reply = try await server.search([("q", query)])
            #expect(reply.status == 400, "\(query.prefix(20))…")
            #expect(reply.errorStatus == 400)
            #expect(reply.errorMessage?.hasPrefix(message) == true, "\(reply.errorMessage ?? reply.text)")
            #expect(try await server.get("/health").status == 200)
        }
    }
}
