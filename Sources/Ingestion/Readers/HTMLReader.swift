/// Reads an HTML article: body text plus title, author, date and site name from the head.
struct HTMLReader: ArticleReader {
    var format: ArticleFormat { .html }
    var extensions: [String] { ["html", "htm", "xhtml"] }

    /// A file with no extension is a page when it opens with `<!DOCTYPE html` or `<html` (in
    /// UTF-8, or UTF-16 with a byte order mark).
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool {
        let start = TextDecoding.leadingText(prefix).drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        let opening = start.prefix(14).lowercased()
        return opening.hasPrefix("<!doctype html") || opening.hasPrefix("<html")
    }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let (html, notes) = try input.decodedText()
        let (metadata, text) = try read(html: html)
        return ExtractedText(metadata: metadata, text: text, notes: notes)
    }

    func read(html: String) throws(IngestionError) -> (metadata: ArticleMetadata, text: String) {
        let page = try HTMLTextExtractor.extract(html, followSourceLines: true)
        return (Self.metadata(of: page), page.text)
    }

    static func metadata(of page: HTMLText) -> ArticleMetadata {
        let meta = page.meta
        func first(_ keys: String...) -> String? {
            keys.lazy.compactMap { MetadataText.nonEmpty(meta[$0]) }.first
        }
        let title = MetadataText.nonEmpty(page.title) ?? first("og:title", "dc.title") ?? page.firstHeading
            ?? MetadataText.nonEmpty(page.text.split(separator: "\n").first) ?? ""
        let date = first("article:published_time", "date", "dc.date", "dcterms.date", "dc.date.issued",
                         "datepublished", "og:updated_time").flatMap(DateNormalizer.normalize)
        return ArticleMetadata(title: title,
                               author: first("author", "dc.creator", "article:author", "creator"),
                               source: first("og:site_name", "publisher", "dc.publisher", "application-name"),
                               date: date)
    }
}
