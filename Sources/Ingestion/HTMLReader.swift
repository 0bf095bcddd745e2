/// Reads an HTML article: body text plus title, author, date and site name from the head.
struct HTMLReader {
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
