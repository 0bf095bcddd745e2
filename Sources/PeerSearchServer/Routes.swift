import Foundation
import Hummingbird
import Ingestion
import Logging
import PeerSearchCore

/// The API's endpoints. `schema/openapi.yaml` documents each one under its raw value as the
/// operationId, and ServerTests check that the two agree.
public enum Endpoint: String, CaseIterable, Sendable {
    case search, getArticle, similarArticles, addArticle, removeArticle, health, openAPIDocument, searchResultSchema

    /// The HTTP method, e.g. `GET`.
    public var method: String {
        switch self {
        case .search, .getArticle, .similarArticles, .health, .openAPIDocument, .searchResultSchema: "GET"
        case .addArticle: "POST"
        case .removeArticle: "DELETE"
        }
    }

    /// The path, with parameters in OpenAPI's `{name}` form (which Hummingbird reads as well).
    public var path: String {
        switch self {
        case .search: "/search"
        case .getArticle, .removeArticle: "/articles/{id}"
        case .similarArticles: "/articles/{id}/similar"
        case .addArticle: "/articles"
        case .health: "/health"
        case .openAPIDocument: "/openapi.yaml"
        case .searchResultSchema: "/search-result.schema.json"
        }
    }

    /// The methods the endpoints at `path` (as the router reads it, `/articles/7` for
    /// `/articles/{id}`) answer, HEAD with GET: what `Allow` lists. Empty when no endpoint has it.
    public static func methods(answering path: String) -> [String] {
        let segments = path.split(separator: "/")
        return allCases.filter { endpoint in
            let pattern = endpoint.path.split(separator: "/")
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") || $0 == $1 }
        }.flatMap { $0.method == "GET" ? ["GET", "HEAD"] : [$0.method] }
    }
}

/// Answers the endpoints.
struct Routes: Sendable {
    let access: IndexAccess
    let authentication: TokenAuthentication
    let maximumUploadBytes: Int
    let logger: Logger

    func register(on router: Router<BasicRequestContext>) {
        for endpoint in Endpoint.allCases {
            router.on(RouterPath(endpoint.path), method: HTTPRequest.Method(endpoint.method)!) { request, context in
                try await respond(to: endpoint, request: request, context: context)
            }
        }
    }

    private func respond(to endpoint: Endpoint, request: Request, context: BasicRequestContext) async throws -> Response {
        switch endpoint {
        case .search: try await search(request)
        case .getArticle: try await article(try articleReference(context))
        case .similarArticles: try await similar(request, reference: try articleReference(context))
        case .addArticle: try await add(request)
        case .removeArticle: try await remove(request, reference: try articleReference(context))
        case .health: try await health()
        case .openAPIDocument: Self.document(APIDocuments.openAPI, type: "application/yaml")
        case .searchResultSchema: Self.document(APIDocuments.searchResultSchema, type: "application/schema+json")
        }
    }

    /// `GET /search`: `search --format json`'s document.
    private func search(_ request: Request) async throws -> Response {
        let parameters = try SearchParameters(queryString: request.uri.query)
        let body = try await access.read {
            let result = try access.withSearcher {
                try $0.search(parameters.query, limit: parameters.limit, offset: parameters.offset, exactOnly: parameters.exactOnly,
                              order: parameters.order, facets: parameters.facets, collapsingDuplicates: !parameters.all)
            }
            return parameters.format == .csv ? try ResultCSV.document(result) : try ResultJSON.document(result, fields: parameters.fields)
        }
        return parameters.format == .csv ? .csv(body) : .json(body)
    }

    /// `GET /articles/{id}/similar`: `similar ID --format json`'s document (or CSV), with
    /// `limit`, `offset`, `format` and `all` as for `/search`.
    private func similar(_ request: Request, reference: String) async throws -> Response {
        let parameters = try SearchParameters.decode(request.uri.query ?? "")
        if let unknown = parameters.keys.filter({ !["limit", "offset", "format", "all"].contains($0) }).sorted().first {
            throw APIError.badRequest("unknown parameter '\(unknown)' (known: limit, offset, format, all)")
        }
        let page = try SearchParameters.page(parameters)
        let all = try SearchParameters.all(parameters)
        let result = try await access.read {
            try access.withSearcher { try $0.similar(to: reference, limit: page.limit, offset: page.offset, collapsingDuplicates: !all) }
        }
        guard let result else { throw APIError.notFound("no article '\(reference)' in the index") }
        return page.format == .csv ? .csv(try ResultCSV.document(result)) : .json(try ResultJSON.document(result))
    }

    /// `GET /articles/{id}`: `show ID --json`'s object.
    private func article(_ reference: String) async throws -> Response {
        guard let found = try await access.read({ try access.withSearcher { try $0.article(reference) } }) else {
            throw APIError.notFound("no article '\(reference)' in the index")
        }
        return .json(try ResultJSON.encode(found))
    }

    /// `POST /articles`: 201 with the new article, or 200 when it replaced one with the same id.
    private func add(_ request: Request) async throws -> Response {
        try refuseWritesUnlessOneLocalIndex(allowing: [])
        try authentication.authorize(request)
        let upload = try await ArticleUpload.read(from: request, limit: maximumUploadBytes)
        let incoming = try upload.incoming()
        let (report, stored) = try await access.write {
            let report = try access.indexer().add(incoming)
            return (report, try access.withSearcher { try $0.article(incoming.id) })
        }
        for warning in report.warnings { logger.warning("\(warning)") }
        guard let stored else { throw APIError(status: .internalServerError, message: "the article was stored but cannot be read back") }
        let created = report.added > 0
        var response = Response.json(try ResultJSON.encode(stored), status: created ? .created : .ok)
        if created { response.headers[.location] = "/articles/\(stored.id)" }
        return response
    }

    /// `DELETE /articles/{id}`: removes exactly that article.
    private func remove(_ request: Request, reference: String) async throws -> Response {
        try refuseWritesUnlessOneLocalIndex(allowing: [.get, .head])
        try authentication.authorize(request)
        let removal = try await access.write { () throws -> Removal? in
            guard let found = try access.withSearcher({ try $0.article(reference) }) else { return nil }
            return Removal(path: found.article.path, removed: try access.indexer().removeArticle(at: found.article.path))
        }
        guard let removal else { throw APIError.notFound("no article '\(reference)' in the index") }
        return .json(try ResultJSON.encode(removal))
    }

    /// 405 for a write on a server over several indexes or a remote one: writes go to one local
    /// index folder. `methods` are those the path still answers.
    private func refuseWritesUnlessOneLocalIndex(allowing methods: [HTTPRequest.Method]) throws(APIError) {
        guard access.writableIndexPath == nil else { return }
        let served = access.indexPaths.count > 1 ? "\(access.indexPaths.count) indexes" : "the remote index '\(access.indexPaths[0])'"
        throw APIError(status: .methodNotAllowed,
                       message: "this server searches \(served); uploads and deletes need a server over one local index folder",
                       headers: [.allow: methods.map(\.rawValue).joined(separator: ", ")])
    }

    /// `GET /health`: 200 with the article count when the indexes open, else 503.
    private func health() async throws -> Response {
        let summary = try await access.read {
            try IndexStatistics.summary(indexPaths: access.indexPaths, allowPartial: access.allowPartial)
        }
        return .json(try ResultJSON.encode(Health(documents: summary.documents, lastIndexed: summary.lastIndexed,
                                                  unavailableShards: summary.unavailableShards)))
    }

    /// One of the documents describing the API, as it is in the repository.
    private static func document(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: "\(type); charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The `{id}` path parameter, percent-decoded.
    private func articleReference(_ context: BasicRequestContext) throws(APIError) -> String {
        guard let reference = context.parameters.get("id")?.removingPercentEncoding, !reference.isEmpty else {
            throw .badRequest("malformed article id in the path")
        }
        return reference
    }
}

/// The answer to `DELETE /articles/{id}`.
struct Removal: Encodable, Sendable {
    var path: String
    var removed: Int
}

/// The answer to `GET /health`.
struct Health: Encodable, Sendable {
    let status = "ok"
    var documents: Int
    var lastIndexed: String?
    /// Shards left out because they cannot be opened (`--allow-partial`).
    var unavailableShards: [String]

    enum CodingKeys: String, CodingKey {
        case status, documents, lastIndexed = "last_indexed", unavailableShards = "unavailable_shards"
    }

    /// `last_indexed` is `null` when the index never changed, so the keys never change.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(documents, forKey: .documents)
        try container.encode(lastIndexed, forKey: .lastIndexed)
        try container.encode(unavailableShards, forKey: .unavailableShards)
    }
}
