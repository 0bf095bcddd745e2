import Foundation
import Hummingbird
import Ingestion
import PeerSearchCore

/// The JSON body of `POST /articles`: the article's text in a format, and metadata that overrides
/// what the text says.
struct ArticleUpload: Decodable, Sendable {
    /// The name the article is kept under, as a file's path would be.
    var id: String
    var text: String
    /// `txt` (the default), `md` or `html`.
    var format: String?
    var title: String?
    var author: String?
    var source: String?
    var date: String?

    static let formats: [ArticleFormat] = [.text, .markdown, .html]

    /// Reads the body: 413 when it is over `limit` bytes, 400 when it is not an upload.
    static func read(from request: Request, limit: Int) async throws(APIError) -> ArticleUpload {
        let tooLarge = APIError(status: .contentTooLarge, message: "request body over the upload limit of \(limit >> 20) MiB")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw .badRequest("cannot read the request body: \(error)")
        }
        return try decode(Data(body.readableBytesView))
    }

    /// Reads an upload from a request body's bytes: 400 when it is not one.
    static func decode(_ body: Data) throws(APIError) -> ArticleUpload {
        let upload: ArticleUpload
        do {
            upload = try JSONDecoder().decode(ArticleUpload.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("the article has no '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            guard let field = context.codingPath.first?.stringValue else { throw .badRequest("the body must be a JSON object") }
            throw .badRequest("'\(field)' must be a string")
        } catch {
            throw .badRequest("the body is not valid JSON")
        }
        try upload.validate()
        return upload
    }

    /// Ids follow `ArticleID`'s rules: relative names such as `nyhedsbrev/2024-05`.
    private func validate() throws(APIError) {
        do {
            _ = try ArticleID.validated(id)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// The article to add: 400 when the format or the date cannot be read (the text itself is
    /// read by `Indexer.add`).
    func incoming() throws(APIError) -> IncomingArticle {
        let formatName = format ?? ArticleFormat.text.rawValue
        guard let format = ArticleFormat(rawValue: formatName), Self.formats.contains(format) else {
            throw .badRequest("unknown format '\(formatName)'; use \(Self.formats.map(\.rawValue).joined(separator: ", "))")
        }
        // Empty metadata counts as none given.
        var metadata = ArticleArchive.GivenMetadata(title: title?.nonEmpty, author: author?.nonEmpty, source: source?.nonEmpty)
        if let date = date?.nonEmpty {
            guard let normalized = DateNormalizer.normalize(date) else { throw .badRequest("cannot read the date '\(date)'") }
            metadata.date = normalized
        }
        return IncomingArticle(id: id, format: format, bytes: Array(text.utf8), metadata: metadata)
    }
}

private extension String {
    var nonEmpty: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
