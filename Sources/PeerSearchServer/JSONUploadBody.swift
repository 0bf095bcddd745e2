import Foundation
import Ingestion

/// The JSON body of `POST /articles`: the article's text in a text format, and metadata that
/// overrides what the text says. The form the API has had from the start; files in other formats
/// come as a form or a raw body.
struct JSONUploadBody: Decodable, Sendable {
    var id: String
    var text: String
    /// `txt` (the default), `md` or `html`.
    var format: String?
    var title: String?
    var author: String?
    var source: String?
    var date: String?

    /// The formats whose articles are text a JSON string can carry.
    static let formats: [ArticleFormat] = [.text, .markdown, .html]

    /// Reads an upload from a JSON body's bytes: 400 when it is not one.
    static func decode(_ body: Data) throws(APIError) -> ArticleUpload {
        let upload: JSONUploadBody
        do {
            upload = try JSONDecoder().decode(JSONUploadBody.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("the article has no '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            guard let field = context.codingPath.first?.stringValue else { throw .badRequest("the body must be a JSON object") }
            throw .badRequest("'\(field)' must be a string")
        } catch {
            throw .badRequest("the body is not valid JSON")
        }
        let id = try ArticleUpload.validated(id: upload.id)
        let formatName = upload.format ?? ArticleFormat.text.rawValue
        guard let format = ArticleFormat(rawValue: formatName), formats.contains(format) else {
            throw .badRequest("unknown format '\(formatName)'; use \(formats.map(\.rawValue).joined(separator: ", ")) "
                + "(a file in another format is sent as multipart/form-data or as the body with its Content-Type)")
        }
        return ArticleUpload(id: id, bytes: Array(upload.text.utf8), format: format, title: upload.title,
                             author: upload.author, source: upload.source, date: upload.date)
    }
}
