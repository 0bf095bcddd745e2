// Drives real `peersearch serve` processes (started by scripts/test-client-conformance.sh) through
// every operation of schema/openapi.yaml with the client generated from it, success and error
// paths, as a client author would use it. Each call must come back as the status the document
// lists, and its body must decode into the generated types; the program prints each operation and
// status it exercised, and exits 1 when a call failed.
import Foundation
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession
import PeerSearchClient

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `--name value` pairs from the command line.
let options: [String: String] = {
    let arguments = Array(CommandLine.arguments.dropFirst())
    return Dictionary(uniqueKeysWithValues: stride(from: 0, to: arguments.count - 1, by: 2).map {
        (String(arguments[$0].dropFirst(2)), arguments[$0 + 1])
    })
}()

func option(_ name: String) -> String {
    guard let value = options[name] else {
        FileHandle.standardError.write(Data("client-conformance: missing --\(name)\n".utf8))
        exit(2)
    }
    return value
}

/// Adds `Authorization: Bearer` to every request (the generator leaves security to middleware).
struct BearerToken: ClientMiddleware {
    let token: String

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

/// Sends `/articles/%FF` (no UTF-8) for `/articles/1`: the generated client percent-encodes
/// every id it is given, so only a path changed on the way can be malformed.
struct MalformedArticlePath: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.path = request.path?.replacingOccurrences(of: "/articles/1", with: "/articles/%FF")
        return try await next(request, body, baseURL)
    }
}

/// What a call gave that it should not have.
struct Mismatch: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func client(_ address: String, token: String? = nil, middlewares: [any ClientMiddleware] = []) -> Client {
    Client(serverURL: URL(string: address)!, transport: URLSessionTransport(),
           middlewares: middlewares + (token.map { [BearerToken(token: $0)] } ?? []))
}

let token = option("token")
let writable = client(option("writable"), token: token)
let anonymous = client(option("writable"))
let wrongToken = client(option("writable"), token: "not-the-token")
let readOnly = client(option("read-only"), token: token)
let several = client(option("several"), token: token)
let missing = client(option("missing"))
let malformedPath = client(option("writable"), token: token, middlewares: [MalformedArticlePath()])
let fixtures = URL(fileURLWithPath: option("fixtures"))
let quote = "\"erfaringer får en anden værdi\""

/// Every operation and status exercised, and the failures.
nonisolated(unsafe) var exercised: [(operation: String, status: Int, what: String)] = []
nonisolated(unsafe) var failures: [String] = []

/// Runs one call; `call` throws when the generated client cannot decode the answer or it is not
/// the expected one.
func expect(_ operation: String, _ status: Int, _ what: String, _ call: () async throws -> Void) async {
    do {
        try await call()
        exercised.append((operation, status, what))
    } catch {
        failures.append("\(operation) \(status) (\(what)): \(error)")
    }
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw Mismatch(message()) }
}

/// The error body's message, decoded.
func message(_ body: Components.Responses.BadRequest.Body) throws -> String { try body.json.error.message }

/// Waits until each server answers `/health` (200, or 503 over the missing index).
for server in [writable, readOnly, several, missing] {
    var answered = false
    for _ in 0..<600 where !answered {
        answered = (try? await server.health()) != nil
        if !answered { try await Task.sleep(for: .milliseconds(100)) }
    }
    guard answered else { failures.append("a server did not start"); break }
}

// MARK: GET /health

await expect("health", 200, "one index") {
    let health = try await writable.health().ok.body.json
    try require(health.status == .ok && health.documents == 2 && health.lastIndexed != nil && health.unavailableShards.isEmpty, "\(health)")
}
await expect("health", 200, "two indexes") {
    try require(try await several.health().ok.body.json.documents == 3, "not 3 documents")
}
await expect("health", 503, "missing index") {
    try require(try await missing.health().serviceUnavailable.body.json.error.status == 503, "error.status")
}

// MARK: GET /search

await expect("search", 200, "a quote, whole hits") {
    let result = try await writable.search(query: .init(q: quote)).ok.body.json
    guard let hit = result.hits.first?.value1 else { throw Mismatch("no whole hit: \(result.hits)") }
    try require(result.schemaVersion == ._1 && result.total == 1 && hit.match == .exact && hit.rank == 1, "\(result)")
    guard let passage = hit.passages.first else { throw Mismatch("no passage") }
    try require(passage.highlights.allSatisfy { $0.count == 2 } && !passage.highlightsUtf8.isEmpty, "\(passage)")
}
await expect("search", 200, "fields=path,title,score: partial hits") {
    let result = try await writable.search(query: .init(q: "peer", limit: 2, offset: 0, fields: "path,title,score")).ok.body.json
    let hits = result.hits.compactMap(\.value2)
    try require(hits.count == 2 && result.hits.allSatisfy { $0.value1 == nil }, "\(result.hits)")
    try require(hits.allSatisfy { $0.path != nil && $0.title != nil && $0.score != nil && $0.id == nil && $0.passages == nil }, "\(hits)")
}
await expect("search", 200, "sort=newest, facets=true, exact=true") {
    let result = try await writable.search(query: .init(q: "peer", exact: true, sort: .newest, facets: true)).ok.body.json
    guard let facets = result.facets else { throw Mismatch("no facets") }
    try require(facets.year.allSatisfy { $0.count >= 1 } && !facets.format.isEmpty, "\(facets)")
}
await expect("search", 200, "format=csv") {
    let csv = try await String(collecting: writable.search(query: .init(q: "peer", format: .csv)).ok.body.csv, upTo: 1 << 20)
    try require(csv.hasPrefix("path,title,author,date,page,line,text,match\r\n"), csv)
}
await expect("search", 200, "a misspelt word: its suggestion searched instead") {
    let result = try await writable.search(query: .init(q: "rekovery")).ok.body.json
    try require(result.total > 0 && result.suggestion == "recovery" && result.searchedInstead == true, "\(result)")
}
await expect("search", 200, "a misspelt word as typed (exact=true): only the suggestion") {
    let result = try await writable.search(query: .init(q: "rekovery", exact: true)).ok.body.json
    try require(result.total == 0 && result.suggestion == "recovery" && result.searchedInstead == nil, "\(result)")
}
for (what, query) in [("empty q", Operations.Search.Input.Query(q: "")), ("limit=0", .init(q: "peer", limit: 0)),
                      ("malformed query", .init(q: "(peer")), ("unknown field", .init(q: "peer", fields: "titel"))] {
    await expect("search", 400, what) {
        try require(!(try message(await writable.search(query: query).badRequest.body)).isEmpty, "no message")
    }
}
await expect("search", 503, "missing index") {
    _ = try await missing.search(query: .init(q: "peer")).serviceUnavailable.body.json
}

// MARK: GET /articles/{id}

await expect("getArticle", 200, "by document id") {
    let article = try await writable.getArticle(path: .init(id: "1")).ok.body.json
    try require(article.id == 1 && !article.text.isEmpty && article.modified.timeIntervalSince1970 > 0, "\(article)")
}
await expect("getArticle", 404, "unknown id") {
    _ = try await writable.getArticle(path: .init(id: "9999")).notFound.body.json
}
await expect("getArticle", 400, "malformed id in the path") {
    _ = try await malformedPath.getArticle(path: .init(id: "1")).badRequest.body.json
}
await expect("getArticle", 503, "missing index") {
    _ = try await missing.getArticle(path: .init(id: "1")).serviceUnavailable.body.json
}

// MARK: GET /articles/{id}/similar

await expect("similarArticles", 200, "JSON") {
    let result = try await writable.similarArticles(path: .init(id: "1")).ok.body.json
    try require(result.hits.allSatisfy { $0.value1 != nil && $0.value1?.id != 1 }, "\(result.hits)")
}
await expect("similarArticles", 200, "format=csv") {
    let csv = try await String(collecting: writable.similarArticles(path: .init(id: "1"), query: .init(format: .csv)).ok.body.csv, upTo: 1 << 20)
    try require(csv.hasPrefix("path,title,"), csv)
}
await expect("similarArticles", 400, "limit=0") {
    _ = try await writable.similarArticles(path: .init(id: "1"), query: .init(limit: 0)).badRequest.body.json
}
await expect("similarArticles", 404, "unknown id") {
    _ = try await writable.similarArticles(path: .init(id: "9999")).notFound.body.json
}
await expect("similarArticles", 503, "missing index") {
    _ = try await missing.similarArticles(path: .init(id: "1")).serviceUnavailable.body.json
}

// MARK: POST /articles

let article = Components.Schemas.ArticleUpload(id: "konformans/1", text: "<title>Gryder</title><p>Om kasseroller</p>",
                                               format: .html, author: "Konformans", date: "2024-05-01")
await expect("addArticle", 201, "JSON body") {
    let created = try await writable.addArticle(body: .json(article)).created
    let stored = try created.body.json
    try require(stored.title == "Gryder" && stored.path == "konformans/1" && stored.date == "2024-05-01"
                 && created.headers.location == "/articles/\(stored.id)", "\(created)")
}
await expect("addArticle", 200, "the same id again: replaced") {
    try require(try await writable.addArticle(body: .json(article)).ok.body.json.author == "Konformans", "author")
}
await expect("getArticle", 200, "by upload id, with a '/'") {
    try require(try await writable.getArticle(path: .init(id: "konformans/1")).ok.body.json.format == .html, "format")
}
await expect("addArticle", 201, "multipart/form-data with a PDF") {
    let pdf = try Data(contentsOf: fixtures.appendingPathComponent("seed.pdf"))
    let form: MultipartBody<Operations.AddArticle.Input.Body.MultipartFormPayload> = [
        .id(.init(payload: .init(body: "konformans/pdf"))),
        .file(.init(payload: .init(body: HTTPBody(pdf)), filename: "seed.pdf")),
        .source(.init(payload: .init(body: "Peer-nyt"))),
    ]
    let stored = try await writable.addArticle(body: .multipartForm(form)).created.body.json
    try require(stored.format == .pdf && stored.source == "Peer-nyt" && stored.pages?.isEmpty == false, "\(stored)")
}
await expect("addArticle", 201, "raw body, id in the query") {
    let stored = try await writable.addArticle(query: .init(id: "konformans/raw", format: .md, title: "Rå"),
                                               body: .binary(HTTPBody("# Overskrift\n\nTekst om pander.\n"))).created.body.json
    try require(stored.format == .md && stored.title == "Rå", "\(stored)")
}
for (what, upload) in [("digits-only id", Components.Schemas.ArticleUpload(id: "42", text: "x")),
                       ("unreadable date", .init(id: "konformans/2", text: "x", date: "i går"))] {
    await expect("addArticle", 400, what) {
        _ = try message(try await writable.addArticle(body: .json(upload)).badRequest.body)
    }
}
await expect("addArticle", 401, "no token") {
    let unauthorized = try await anonymous.addArticle(body: .json(article)).unauthorized
    try require(unauthorized.headers.wwwAuthenticate.hasPrefix("Bearer"), "WWW-Authenticate")
    _ = try unauthorized.body.json
}
await expect("addArticle", 401, "wrong token") {
    _ = try await wrongToken.addArticle(body: .json(article)).unauthorized.body.json
}
await expect("addArticle", 403, "server without a token") {
    _ = try await readOnly.addArticle(body: .json(article)).forbidden.body.json
}
await expect("addArticle", 405, "server over two indexes") {
    let refused = try await several.addArticle(body: .json(article)).methodNotAllowed
    try require(refused.headers.allow == "", "Allow: \(refused.headers.allow)")
    _ = try refused.body.json
}
await expect("addArticle", 413, "over --max-upload-mb 1") {
    let big = Components.Schemas.ArticleUpload(id: "konformans/stor", text: String(repeating: "ord ", count: 300_000))
    _ = try await writable.addArticle(body: .json(big)).contentTooLarge.body.json
}
await expect("addArticle", 415, "a file in no format peersearch reads") {
    let form: MultipartBody<Operations.AddArticle.Input.Body.MultipartFormPayload> = [
        .id(.init(payload: .init(body: "konformans/gif"))),
        .file(.init(payload: .init(body: HTTPBody([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00, 0x01])), filename: "billede.gif")),
    ]
    _ = try await writable.addArticle(body: .multipartForm(form)).unsupportedMediaType.body.json
}

// MARK: DELETE /articles/{id}

await expect("removeArticle", 200, "an upload") {
    let removal = try await writable.removeArticle(path: .init(id: "konformans/1")).ok.body.json
    try require(removal.path == "konformans/1" && removal.removed == 1, "\(removal)")
}
await expect("removeArticle", 404, "removed already") {
    _ = try await writable.removeArticle(path: .init(id: "konformans/1")).notFound.body.json
}
await expect("removeArticle", 401, "no token") {
    _ = try await anonymous.removeArticle(path: .init(id: "1")).unauthorized.body.json
}
await expect("removeArticle", 403, "server without a token") {
    _ = try await readOnly.removeArticle(path: .init(id: "1")).forbidden.body.json
}
await expect("removeArticle", 405, "server over two indexes") {
    let refused = try await several.removeArticle(path: .init(id: "1")).methodNotAllowed
    try require(refused.headers.allow == "GET, HEAD", "Allow: \(refused.headers.allow)")
}
await expect("removeArticle", 400, "malformed id in the path") {
    _ = try await malformedPath.removeArticle(path: .init(id: "1")).badRequest.body.json
}

// MARK: The documents

/// The document's operationIds, as the server serves it.
nonisolated(unsafe) var documented: [String] = []
await expect("openAPIDocument", 200, "YAML") {
    let text = try await String(collecting: writable.openAPIDocument().ok.body.yaml, upTo: 1 << 20)
    try require(text.hasPrefix("openapi: 3.1"), String(text.prefix(40)))
    documented = text.split(separator: "\n").compactMap { line in
        let words = line.split(separator: " ")
        return words.count == 2 && words[0] == "operationId:" ? String(words[1]) : nil
    }
}
await expect("searchResultSchema", 200, "JSON Schema") {
    _ = try await writable.searchResultSchema().ok.body.applicationSchemaJson
}

// MARK: Report

for (operation, status, what) in exercised {
    print("ok    \(operation) \(status)  \(what)")
}
// An operation added to the document fails this test until it is driven here too.
for operation in documented where !exercised.contains(where: { $0.operation == operation }) {
    failures.append("\(operation): in the document but not exercised by this test")
}
let pairs = Set(exercised.map { "\($0.operation) \($0.status)" })
print("client conformance: \(exercised.count) calls, \(pairs.count) operation-status pairs of \(documented.count) operations, "
      + "\(failures.count) failed")
for failure in failures {
    print("FAIL  \(failure)")
}
exit(failures.isEmpty ? 0 : 1)
