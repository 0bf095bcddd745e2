import Foundation
import Ingestion

/// What an index document's data holds: one line of JSON metadata, a newline, then the article's
/// extracted text (from which passages are cut at search time).
public struct StoredArticle: Codable, Sendable {
    public var path: String
    public var format: ArticleFormat
    public var title: String
    public var author: String?
    public var source: String?
    public var date: String?
    public var bytes: Int
    /// When the file was last modified (ISO 8601).
    public var modified: String
    public var notes: [String]?
    /// The 1-based line each page starts on, for formats with pages (PDF); nil for the others.
    public var pages: [Int]?
    /// The 1-based pages whose text OCR read (an article without pages is page 1); nil when none
    /// was (and in indexes made before OCR).
    public var ocrPages: [Int]?

    /// The article's text, kept outside the JSON line.
    public var text: String = ""

    enum CodingKeys: String, CodingKey {
        case path, format, title, author, source, date, bytes, modified, notes, pages, ocrPages = "ocr_pages"
    }

    public init(article: Article, bytes: Int, modified: Date) {
        path = article.path
        format = article.format
        title = article.metadata.title
        author = article.metadata.author
        source = article.metadata.source
        date = article.metadata.date
        self.bytes = bytes
        self.modified = ISOTimestamp.string(from: modified)
        notes = article.notes.isEmpty ? nil : article.notes
        pages = article.pageLines.isEmpty ? nil : article.pageLines
        ocrPages = article.ocrPages.isEmpty ? nil : article.ocrPages
        text = article.text
    }

    /// The document data: the JSON line, "\n", the text.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]  // the same article, the same bytes
        var data = Array(try encoder.encode(self))
        data.append(0x0A)
        data.append(contentsOf: text.utf8)
        return data
    }

    /// Reads document data written by `encoded()`.
    public static func decode(_ data: [UInt8]) throws -> StoredArticle {
        let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
        var article = try JSONDecoder().decode(StoredArticle.self, from: Data(data[..<newline]))
        if newline < data.endIndex {
            article.text = String(decoding: data[(newline + 1)...], as: UTF8.self)
        }
        return article
    }
}

/// An article as the index holds it, with its document id.
public struct IndexedArticle: Encodable, Sendable {
    public var id: Int
    public var article: StoredArticle

    enum CodingKeys: String, CodingKey {
        case id, path, format, title, author, source, date, bytes, modified, notes, text
    }

    /// Flat JSON: the id, the metadata and the text side by side; absent metadata is `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(article.path, forKey: .path)
        try container.encode(article.format, forKey: .format)
        try container.encode(article.title, forKey: .title)
        try container.encode(article.author, forKey: .author)
        try container.encode(article.source, forKey: .source)
        try container.encode(article.date, forKey: .date)
        try container.encode(article.bytes, forKey: .bytes)
        try container.encode(article.modified, forKey: .modified)
        try container.encode(article.notes ?? [], forKey: .notes)
        try container.encode(article.text, forKey: .text)
    }
}
