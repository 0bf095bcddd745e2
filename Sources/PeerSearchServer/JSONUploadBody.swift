import Foundation
import Ingestion

/// The JSON body of `POST /articles`: the article's text in a text format, and metadata that
/// overrides what the text says. The form the API has had from the start; files in other formats
/// come as a form or a raw body. A key it does not know (`titel`) is refused, not dropped, as the
/// form and the raw body refuse unknown fields: a misspelt title must not go unnoticed.
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, text, format, title, author, source, date
    }

    /// Any key of the body object, to find those `CodingKeys` lacks.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A key the body has that an upload does not.
    private struct UnknownKey: Error {
        var name: String
    }

    init(from decoder: any Decoder) throws {
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = keys.filter({ !known.contains($0) }).min() {
            throw UnknownKey(name: unknown)
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        text = try container.decode(String.self, forKey: .text)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        author = try container.decodeIfPresent(String.self, forKey: .author)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        date = try container.decodeIfPresent(String.self, forKey: .date)
    }

    /// Reads an upload from a JSON body's bytes: 400 when it is not one.
    static func decode(_ body: Data) throws(APIError) -> ArticleUpload {
        let upload: JSONUploadBody
        do {
            upload = try JSONDecoder().decode(JSONUploadBody.self, from: body)
        } catch let error as UnknownKey {
            let known = CodingKeys.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            throw .badRequest("unknown key '\(error.name)' in the article (known: \(known))")
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
