import Foundation
import Hummingbird
import Ingestion
import NIOCore
import PeerSearchCore

/// An article sent to `POST /articles`, whichever of the three bodies carried it: a JSON object
/// with the text, a `multipart/form-data` form with a file (what a web page's upload form sends),
/// or the file itself as the body with its `Content-Type` and the id in the query string. Each
/// body is read by its own type; this one holds what they share: the id, the bytes, the format
/// and the metadata given with it.
struct ArticleUpload: Sendable {
    /// The name the article is kept under, as a file's path would be.
    var id: String
    var bytes: [UInt8]
    var format: ArticleFormat
    var title: String?
    var author: String?
    var source: String?
    var date: String?

    /// The metadata fields an upload may give, beside `id`, the content and its format.
    static let metadataFields = ["title", "author", "source", "date"]

    /// Reads the request: 413 when the body is over `limit` bytes, 415 for a file in no format
    /// peersearch reads, 400 when it is not an upload.
    static func read(from request: Request, limit: Int) async throws(APIError) -> ArticleUpload {
        let body = try await collectBody(of: request, limit: limit)
        let mediaType = MediaType(request.headers[.contentType])
        switch mediaType {
        case .some(let type) where type.essence == "multipart/form-data":
            return try FormUploadBody.decode(body, contentType: type)
        case .some(let type) where type.essence != "application/json":
            return try RawUploadBody.decode(body, mediaType: type, queryString: request.uri.query)
        default:
            return try JSONUploadBody.decode(Data(body.readableBytesView))
        }
    }

    /// The request body, up to `limit` bytes: 413 beyond.
    static func collectBody(of request: Request, limit: Int) async throws(APIError) -> ByteBuffer {
        let tooLarge = APIError(status: .contentTooLarge, message: "request body over the upload limit of \(limit >> 20) MiB")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        } catch {
            throw .badRequest("cannot read the request body: \(error)")
        }
    }

    /// Ids follow `ArticleID`'s rules: relative names such as `nyhedsbrev/2024-05`.
    static func validated(id: String?) throws(APIError) -> String {
        guard let id else { throw .badRequest("the article has no 'id'") }
        do {
            return try ArticleID.validated(id)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// The format of a file sent as `fileName` with `mediaType`: a format named by the client
    /// first, then the file name's extension, then the media type; only when neither of those
    /// was told (no extension, `application/octet-stream`), what the bytes start with. 415 when
    /// what was told names no format peersearch reads: a `.gif` is not read as text because its
    /// bytes look like text.
    static func format(named name: String?, fileName: String?, mediaType: MediaType?,
                       bytes: [UInt8]) throws(APIError) -> ArticleFormat {
        if let name {
            guard let format = ArticleFormat(rawValue: name.lowercased()) else {
                throw .badRequest("unknown format '\(name)'; use \(ArticleFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return format
        }
        let pathExtension = fileName.flatMap { name in name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } }
        if let pathExtension, let format = ArticleFormat(pathExtension: pathExtension) { return format }
        let toldType = mediaType.flatMap { $0.essence == "application/octet-stream" ? nil : $0 }
        if let toldType, let format = ArticleFormat.allCases.first(where: { $0.mimeType == toldType.essence }) { return format }
        if pathExtension == nil && toldType == nil,
           let reader = ReaderRegistry.standard.reader(pathExtension: "", prefix: bytes.prefix(ReaderRegistry.sniffedBytes)) {
            return reader.format
        }
        let sent = [fileName.map { "'\($0)'" }, mediaType.map(\.essence)].compactMap { $0 }.joined(separator: " as ")
        throw APIError(status: .unsupportedMediaType,
                       message: "cannot tell the format of the upload\(sent.isEmpty ? "" : " \(sent)"); peersearch reads "
                           + ArticleFormat.allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// The article to add: 400 when the date cannot be read (the content itself is read by
    /// `Indexer.add`).
    func incoming() throws(APIError) -> IncomingArticle {
        // Empty metadata counts as none given.
        var metadata = ArticleArchive.GivenMetadata(title: title?.nonEmpty, author: author?.nonEmpty, source: source?.nonEmpty)
        if let date = date?.nonEmpty {
            guard let normalized = DateNormalizer.normalize(date) else { throw .badRequest("cannot read the date '\(date)'") }
            metadata.date = normalized
        }
        return IncomingArticle(id: id, format: format, bytes: bytes, metadata: metadata)
    }
}

/// A `Content-Type` value: its essence (`multipart/form-data`, lower case) and parameters.
struct MediaType: Sendable, Equatable {
    var essence: String
    var parameters: [String: String] = [:]

    init(essence: String, parameters: [String: String] = [:]) {
        self.essence = essence
        self.parameters = parameters
    }

    /// Parses `type/subtype; name=value; name="quoted value"`; nil for a missing or empty header.
    init?(_ header: String?) {
        guard let header else { return nil }
        let pieces = header.split(separator: ";", omittingEmptySubsequences: false)
        let essence = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard !essence.isEmpty else { return nil }
        self.essence = essence
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            parameters[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
    }
}

extension String {
    var nonEmpty: String? { allSatisfy(\.isWhitespace) ? nil : self }
}
