import Ink

/// Reads a Markdown article through Ink: front-matter metadata (`title`, `author`, `source`,
/// `date`), the first heading as the fallback title, and the rendered text.
struct MarkdownReader {
    func read(markdown: String) throws(IngestionError) -> (metadata: ArticleMetadata, text: String) {
        let parsed = MarkdownParser().parse(markdown)
        let page = try HTMLTextExtractor.extract(parsed.html, followSourceLines: false)
        let frontMatter = parsed.metadata.reduce(into: [String: String]()) { $0[$1.key.lowercased()] = $1.value }
        let title = MetadataText.nonEmpty(frontMatter["title"]) ?? MetadataText.nonEmpty(parsed.title)
            ?? MetadataText.nonEmpty(page.text.split(separator: "\n").first) ?? ""
        let metadata = ArticleMetadata(
            title: title,
            author: MetadataText.nonEmpty(frontMatter["author"] ?? frontMatter["forfatter"]),
            source: MetadataText.nonEmpty(frontMatter["source"] ?? frontMatter["kilde"]),
            date: (frontMatter["date"] ?? frontMatter["dato"]).flatMap(DateNormalizer.normalize))
        return (metadata, page.text)
    }
}
