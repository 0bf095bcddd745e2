import Foundation
import Testing

/// `peersearch serve` against what is not a well-behaved client: methods a route does not answer,
/// queries over the limits. The server answers with the API's JSON errors and goes on serving.
@Suite struct HardeningTests {
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
