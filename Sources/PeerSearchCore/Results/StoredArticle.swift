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
    /// The file the article is a part of (an mbox's message, an e-mail's attachment); nil when
    /// the article is its file's only one.
    public var file: String?
    /// An e-mail's Message-ID.
    public var messageID: String?
    /// The 1-based pages whose text OCR read (an article without pages is page 1); nil when none
    /// was (and in indexes made before OCR).
    public var ocrPages: [Int]?

    /// The article's text, kept outside the JSON line.
    public var text: String = ""

    enum CodingKeys: String, CodingKey {
        case path, format, title, author, source, date, bytes, modified, notes, pages, file, ocrPages = "ocr_pages"
        case messageID = "message_id"
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
        file = article.partOf
        messageID = article.metadata.messageID
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

    /// One page of a paged article (a PDF): its 1-based number, the line it starts on, and its
    /// text. Nil when the article has no pages or no page `number`.
    public func page(_ number: Int) -> (number: Int, firstLine: Int, text: Substring)? {
        guard let pages, number >= 1, number <= pages.count else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = min(max(pages[number - 1] - 1, 0), lines.count)
        let end = number < pages.count ? min(max(pages[number] - 1, first), lines.count) : lines.count
        guard first < end else { return (number, first + 1, "") }
        // pdftotext's form feeds between pages are no part of a page's text.
        var page = text[lines[first].startIndex..<lines[end - 1].endIndex]
        while page.first == "\u{0C}" { page = page.dropFirst() }
        while let last = page.last, last == "\u{0C}" || last.isNewline { page = page.dropLast() }
        return (number, first + 1, page)
    }

    /// Reads document data written by `encoded()`; without `text`, the metadata only (`text`
    /// is then empty).
    public static func decode(_ data: [UInt8], text: Bool = true) throws -> StoredArticle {
        let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
        var article = try JSONDecoder().decode(StoredArticle.self, from: Data(data[..<newline]))
        if text, newline < data.endIndex {
            article.text = String(decoding: data[(newline + 1)...], as: UTF8.self)
        }
        return article
    }
}

/// An article as the index holds it, with its document id; or one page of it.
public struct IndexedArticle: Encodable, Sendable {
    public var id: Int
    public var article: StoredArticle
    /// Set when `article.text` is one page only: the page's number and the line it starts on.
    public private(set) var shownPage: (number: Int, firstLine: Int)?

    public init(id: Int, article: StoredArticle) {
        self.id = id
        self.article = article
    }

    /// The article with only page `number` of its text; nil when it has no such page.
    public func onlyPage(_ number: Int) -> IndexedArticle? {
        guard let page = article.page(number) else { return nil }
        var copy = self
        copy.article.text = String(page.text)
        copy.shownPage = (page.number, page.firstLine)
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case id, path, format, title, author, source, date, bytes, modified, notes, pages, page, firstLine = "first_line", text
    }

    /// Flat JSON: the id, the metadata and the text side by side; absent metadata is `null`.
    /// `pages` (the line each page starts on) only for paged articles, `page` and `first_line`
    /// only for one page of one.
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
        try container.encodeIfPresent(article.pages, forKey: .pages)
        try container.encodeIfPresent(shownPage?.number, forKey: .page)
        try container.encodeIfPresent(shownPage?.firstLine, forKey: .firstLine)
        try container.encode(article.text, forKey: .text)
    }
}
