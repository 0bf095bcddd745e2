import Foundation

/// Turns a parsed e-mail message into articles: the message itself (Subject as title, From as
/// author, Date as date, Message-ID kept; the text/plain parts, or else the text/html ones
/// through the HTML extraction) and one part per attachment, named by its file name.
enum MailArticle {
    /// Why bytes GMime finds no message headers in are refused.
    static let notAMessage = "not an e-mail message (no From, Subject, Date or Message-ID header)"

    /// The parts of `message`, named under `prefix` ("" for an .eml, "3" for an mbox's third
    /// message; the attachments then `bilag.pdf` or `3/bilag.pdf`).
    static func parts(of message: MailMessage, named prefix: String, format: ArticleFormat) -> [ArticlePart] {
        guard message.hasHeaders else {
            return [ArticlePart(name: prefix, content: .failure(notAMessage))]
        }
        var parts = [ArticlePart(name: prefix, content: text(of: message, format: format))]
        var names = Set<String>()
        for (index, part) in message.parts.enumerated() {
            guard case .attachment(let fileName, let mimeType, let bytes) = part,
                  let name = attachmentName(fileName, mimeType: mimeType, position: index + 1) else { continue }
            var unique = name, number = 1
            while !names.insert(unique).inserted {
                number += 1
                unique = "\(number)-\(name)"
            }
            parts.append(ArticlePart(name: prefix.isEmpty ? unique : prefix + "/" + unique, content: .file(bytes)))
        }
        return parts
    }

    /// The message's own article: its metadata and its text.
    private static func text(of message: MailMessage, format: ArticleFormat) -> ArticlePart.Content {
        let plain = message.parts.compactMap { if case .plain(let text) = $0 { text } else { nil } }
        let html = message.parts.compactMap { if case .html(let text) = $0 { text } else { nil } }
        var body: String
        if !plain.isEmpty || html.isEmpty {
            body = plain.joined(separator: "\n\n")
        } else {
            do {
                body = try html.map { html throws(IngestionError) in try HTMLTextExtractor.extract(html, followSourceLines: false).text }
                    .joined(separator: "\n\n")
            } catch {
                return .failure(error.description)
            }
        }
        body = TextDecoding.normalized(body.replacingOccurrences(of: "\r\n", with: "\n"))
        let metadata = ArticleMetadata(title: MetadataText.nonEmpty(message.subject) ?? "",
                                       author: MetadataText.nonEmpty(message.author),
                                       date: message.date.flatMap(DateNormalizer.normalize),
                                       messageID: MetadataText.nonEmpty(message.messageID))
        let notes = message.truncated
            ? ["parts nested deeper than \(MailMessage.maximumDepth) levels or past the first \(MailMessage.maximumParts) were left out"]
            : []
        return .text(ExtractedText(metadata: metadata, text: body, notes: notes), format: format)
    }

    /// An attachment's name in paths: its file name (a `/` in it as `_`), or, for one without,
    /// `part-N` with the extension of the format its MIME type names; nil when it has neither.
    private static func attachmentName(_ fileName: String?, mimeType: String?, position: Int) -> String? {
        if let fileName = MetadataText.nonEmpty(fileName) {
            return fileName.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "#", with: "_")
        }
        guard let mimeType = mimeType?.lowercased(),
              let format = ArticleFormat.allCases.first(where: { $0.mimeType == mimeType }),
              let reader = ReaderRegistry.standard.reader(for: format), let pathExtension = reader.extensions.first else { return nil }
        return "part-\(position).\(pathExtension)"
    }
}
