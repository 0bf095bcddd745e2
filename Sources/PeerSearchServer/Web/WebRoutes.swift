import Foundation
import Hummingbird
import Ingestion
import Logging
import NIOCore
import PeerSearchCore

/// The search page, in Danish, served by `peersearch serve` beside the API: `/` (the search box
/// and results), `/hjaelp` (the query language with examples), `/artikel/{id}` (an article with
/// the query marked), `/artikel/{id}/original` (its file), `/tilfoej` (the upload form, with a
/// token) and `/static/…`. Pages are rendered on the server and work without JavaScript; every
/// error is a page too.
struct WebRoutes: Sendable {
    let access: IndexAccess
    let authentication: TokenAuthentication
    let maximumUploadBytes: Int
    let archiveFolder: String?
    let renderer: WebRenderer
    let logger: Logger

    var uploadsEnabled: Bool { authentication.token != nil && access.writableIndexPath != nil }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in await page { try await search(request) } }
        router.get("/hjaelp") { _, _ in renderer.page("hjaelp", HelpPage(frame: frame(title: "Hjælp til søgning"))) }
        router.get("/artikel/{id}") { request, context in await page { try await article(request, context) } }
        router.get("/artikel/{id}/original") { _, context in await page { try await original(context) } }
        router.get("/tilfoej") { _, _ in await page { try uploadForm(UploadPage(frame: frame(title: "Tilføj en artikel"))) } }
        router.post("/tilfoej") { request, _ in await page { try await upload(request) } }
        router.get("/static/{file}") { _, context in
            guard let file = context.parameters.get("file"), let response = WebRenderer.staticFile(file) else {
                return renderer.error(.notFound, heading: "Siden findes ikke", message: "Der er ingen fil med det navn.", frame: frame())
            }
            return response
        }
    }

    private func frame(title: String? = nil, query: String = "", filters: [PageFrame.Filter] = []) -> PageFrame {
        PageFrame(pageTitle: title, query: query, filters: filters, uploadsEnabled: uploadsEnabled)
    }

    /// Runs a page's handler, turning what it throws into an error page in Danish.
    private func page(_ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch let error as APIError {
            return errorPage(error)
        } catch let error as PeerSearchError {
            return errorPage(APIError(error))
        } catch {
            logger.error("unexpected error on a page", metadata: ["error": "\(error)"])
            return renderer.error(.internalServerError, heading: "Noget gik galt", message: "Der skete en intern fejl.", frame: frame())
        }
    }

    private func errorPage(_ error: APIError) -> Response {
            let heading = switch error.status.code {
            case 400: "Søgningen kan ikke læses"
            case 401, 403: "Ingen adgang"
            case 404: "Siden findes ikke"
            case 413: "Filen er for stor"
            case 415: "Formatet kendes ikke"
            case 503: "Arkivet kan ikke åbnes lige nu"
            default: "Noget gik galt"
            }
            return renderer.error(error.status, heading: heading, message: error.message, frame: frame(title: heading))
    }

    // MARK: Search

    private func search(_ request: Request) async throws -> Response {
        let pageRequest = try SearchPageRequest(queryString: request.uri.query)
        let frame = frame(title: pageRequest.hasQuery ? pageRequest.query : nil, query: pageRequest.query,
                          filters: pageRequest.filters.map { PageFrame.Filter(name: "f", value: $0) })
        guard pageRequest.hasQuery else {
            let documents = try await access.read {
                try IndexStatistics.summary(indexPaths: access.indexPaths, allowPartial: access.allowPartial).documents
            }
            return renderer.page("soeg", SearchPage(welcome: documents, frame: frame))
        }
        let offset = (pageRequest.page - 1) * SearchPageRequest.resultsPerPage
        let result = try await access.read {
            try access.withSearcher {
                try $0.search(pageRequest.searchedQuery, limit: SearchPageRequest.resultsPerPage, offset: offset,
                              order: pageRequest.sort, facets: true)
            }
        }
        let facets = FacetsView(result.facets ?? [:], request: pageRequest)
        return renderer.page("soeg", SearchPage(result, request: pageRequest, facets: facets, frame: frame))
    }

    // MARK: Article

    private func documentID(_ context: BasicRequestContext) throws(APIError) -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.allSatisfy(\.isASCIIDigit), id.count <= 10 else {
            throw .notFound("Artiklen findes ikke i arkivet.")
        }
        return id
    }

    private func article(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try documentID(context)
        let parameters = try SearchParameters.pairs(request.uri.query ?? "")
        let query = parameters.first { $0.name == "q" }?.value ?? ""
        guard query.count <= 1000 else { throw APIError.badRequest("Søgningen er for lang.") }
        let (found, similar) = try await access.read {
            try access.withSearcher { searcher -> (ArticleOccurrences?, SearchResult?) in
                let found = query.allSatisfy(\.isWhitespace)
                    ? try searcher.article(id).map { ArticleOccurrences(article: $0, utf8Ranges: [], match: nil) }
                    : try searcher.occurrences(of: query, inArticle: id, within: ArticlePage.maximumShownBytes)
                return (found, found == nil ? nil : try searcher.similar(to: id, limit: ArticlePage.similarArticles))
            }
        }
        guard let found else { throw APIError.notFound("Artiklen findes ikke i arkivet.") }
        let similarArticles = (similar?.hits ?? []).map { hit in
            ArticlePage.Similar(url: "/artikel/\(hit.id)", title: hit.title.isEmpty ? "(uden titel)" : hit.title, date: hit.date)
        }
        let back = query.isEmpty ? nil : "/?" + SearchParameters.encode([("q", query)])
        let page = ArticlePage(found, query: query.allSatisfy(\.isWhitespace) ? "" : query, backURL: back, similar: similarArticles,
                               frame: frame(title: found.article.article.title, query: query))
        return renderer.page("artikel", page)
    }

    /// The article's own file, as an attachment: only ever the file the index holds for this
    /// document id (or its upload in the archive), never a path from the request.
    private func original(_ context: BasicRequestContext) async throws -> Response {
        let id = try documentID(context)
        let found = try await access.read { try access.withSearcher { try $0.article(id) } }
        guard let article = found?.article else { throw APIError.notFound("Artiklen findes ikke i arkivet.") }
        // A remote shard's paths name files on its own machine, not on this one.
        guard !access.indexPaths.contains(where: IndexLocation.isRemote) else {
            throw APIError.notFound("Originalen kan ikke hentes, når arkivet ligger på en anden maskine.")
        }
        let file: String?
        if let container = article.file {
            file = container  // a message or an attachment: the mailbox or e-mail file it is in
        } else if article.path.hasPrefix("/") {
            file = article.path
        } else if let index = access.writableIndexPath {
            file = ArticleArchive(folder: archiveFolder ?? ArticleArchive.defaultFolder(forIndex: index))
                .file(forID: article.path, format: article.format)
        } else {
            file = nil  // an upload kept beside one of several indexes: which one is not known here
        }
        guard let file, let bytes = try? FileBytes.read(path: file, limit: ArticleLoader.defaultMaximumFileBytes) else {
            throw APIError.notFound("Originalen til artiklen findes ikke længere.")
        }
        let name = (file as NSString).lastPathComponent
        var headers = WebRenderer.securityHeaders
        headers[.contentType] = ArticleFormat(pathExtension: (name as NSString).pathExtension)?.mimeType ?? article.format.mimeType
        headers[.contentDisposition] = "attachment; filename*=UTF-8''"
            + (name.addingPercentEncoding(withAllowedCharacters: Self.attributeCharacters) ?? "artikel")
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// What RFC 5987 lets stand unencoded in `filename*=UTF-8''…` (ASCII only).
    private static let attributeCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")

    // MARK: Upload

    private func uploadForm(_ page: UploadPage, status: HTTPResponse.Status = .ok) throws -> Response {
        guard uploadsEnabled else {
            throw APIError(status: .forbidden, message: "Serveren tager ikke imod artikler: den er startet uden PEERSEARCH_TOKEN"
                + (access.writableIndexPath == nil ? " eller over flere indeks." : "."))
        }
        return renderer.page("tilfoej", page, status: status)
    }

    /// The upload form's post: the token typed into the form (so no other site can post it for
    /// a visitor: there is no cookie or session for a forged post to ride on), checked before
    /// the article is read.
    private func upload(_ request: Request) async throws -> Response {
        var page = UploadPage(frame: frame(title: "Tilføj en artikel"))
        guard uploadsEnabled else { return try uploadForm(page) }
        let body = try await ArticleUpload.collectBody(of: request, limit: maximumUploadBytes)
        guard let type = MediaType(request.headers[.contentType]), type.essence == "multipart/form-data" else {
            throw APIError.badRequest("Formularen skal sendes som multipart/form-data.")
        }
        // A browser sends every field, the empty ones too: those count as not given.
        let parts = try FormUploadBody.parts(of: body, contentType: type).filter { !$0.bytes.isEmpty }
        let given = parts.filter { $0.name != "token" }
        func text(_ field: String) -> String {
            given.first { $0.name == field }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        }
        (page.id, page.title, page.author, page.source, page.date) = (text("id"), text("title"), text("author"), text("source"), text("date"))
        guard let token = parts.first(where: { $0.name == "token" }), authentication.accepts(String(decoding: token.bytes, as: UTF8.self)) else {
            page.problem = "Adgangsnøglen er forkert."
            return try uploadForm(page, status: .unauthorized)
        }
        let incoming: IncomingArticle
        do {
            incoming = try FormUploadBody.decode(given).incoming()
        } catch {
            page.problem = error.message
            return try uploadForm(page, status: error.status)
        }
        let stored = try await access.write {
            _ = try access.indexer().add(incoming)
            return try access.withSearcher { try $0.article(incoming.id) }
        }
        logger.info("article added from the upload form", metadata: ["id": "\(incoming.id)"])
        if let stored {
            page.added = UploadPage.Added(url: "/artikel/\(stored.id)", title: stored.article.title.isEmpty ? incoming.id : stored.article.title)
        }
        page.id = ""; page.title = ""; page.author = ""; page.source = ""; page.date = ""
        return try uploadForm(page, status: .created)
    }
}

/// What the help page shows (its text is the template's).
struct HelpPage: Sendable {
    var frame: PageFrame
}

/// What the upload form shows: the fields as sent (after a problem), the problem, or the
/// article just added.
struct UploadPage: Sendable {
    struct Added: Sendable {
        var url: String
        var title: String
    }

    var frame: PageFrame
    var id = ""
    var title = ""
    var author = ""
    var source = ""
    var date = ""
    var problem: String?
    var added: Added?
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
