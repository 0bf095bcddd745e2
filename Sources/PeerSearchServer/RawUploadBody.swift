import Foundation
import Ingestion
import NIOCore

/// A file sent as the whole body of `POST /articles?id=…`, its format told by `Content-Type`
/// (`application/pdf`, or `application/octet-stream` to have it told by the bytes), and the id
/// and metadata in the query string (`id`, `format`, `title`, `author`, `source`, `date`): what
/// `curl --data-binary @nyt.pdf -H 'Content-Type: application/pdf'` sends.
enum RawUploadBody {
    static let parameters: Set<String> = Set(["id", "format"] + ArticleUpload.metadataFields)

    /// Reads the upload: 400 for a missing id or unknown parameters, 415 for a format peersearch
    /// does not read.
    static func decode(_ body: ByteBuffer, mediaType: MediaType, queryString: String?) throws(APIError) -> ArticleUpload {
        let query = try SearchParameters.decode(queryString ?? "")
        if let unknown = query.keys.filter({ !parameters.contains($0) }).sorted().first {
            throw .badRequest("unknown parameter '\(unknown)' (known: \(parameters.sorted().joined(separator: ", ")))")
        }
        guard query["id"] != nil else {
            throw .badRequest("an upload of a \(mediaType.essence) body needs its id in the query string: POST /articles?id=…")
        }
        let id = try ArticleUpload.validated(id: query["id"])
        let bytes = Array(body.readableBytesView)
        guard !bytes.isEmpty else { throw .badRequest("the request body is empty") }
        let format = try ArticleUpload.format(named: query["format"]?.nonEmpty, fileName: nil, mediaType: mediaType, bytes: bytes)
        return ArticleUpload(id: id, bytes: bytes, format: format, title: query["title"], author: query["author"],
                             source: query["source"], date: query["date"])
    }
}
