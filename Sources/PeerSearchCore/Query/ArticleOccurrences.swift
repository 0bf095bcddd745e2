import Analysis
import Foundation
import Ingestion
import Xapian

/// Where a query stands in one whole article, for a page that shows the article with every
/// occurrence marked (a search's passages show only the first ones, around their lines).
public struct ArticleOccurrences: Sendable {
    public var article: IndexedArticle
    /// The occurrences as UTF-8 byte ranges of `article.article.text`, in text order.
    public var utf8Ranges: [Range<Int>]
    /// How they matched: as written, inflected, approximately, or a quote's words only (the
    /// first rung of the quote ladder that finds the query in this article); nil when it is
    /// not in it.
    public var match: MatchKind?

    public init(article: IndexedArticle, utf8Ranges: [Range<Int>], match: MatchKind?) {
        self.article = article
        self.utf8Ranges = utf8Ranges
        self.match = match
    }
}

extension Searcher {
    /// Every occurrence of `query` in the first `maximumBytes` of the text of the article with
    /// document id or path `reference`, found as a search finds it; nil when the index has no
    /// such article. A page that shows only the start of a long article looks only there.
    public func occurrences(of query: String, inArticle reference: String,
                            within maximumBytes: Int = .max) throws(PeerSearchError) -> ArticleOccurrences? {
        guard let found = try article(reference) else { return nil }
        let parsed = try Self.parse(query)
        return try IndexStore.reading(database, path: indexPath) {
            let compiler = makeCompiler(climbsLadder: true)
            let compiled = try compiler.compile(parsed)
            let text = found.article.text.utf8.count <= maximumBytes
                ? found.article.text : String(decoding: found.article.text.utf8.prefix(maximumBytes), as: UTF8.self)
            let tokens = analyzer.tokens(in: text)
            var steps: [(CompiledQuery, MatchKind)] = [(compiled, .exact)]
            let later = compiler.laterSteps(of: compiled)
            if !later.isEmpty {
                let inflected = try compiler.withInflections(compiled)
                steps += later.map { (inflected, $0) }
            }
            if let words = try compiler.words(of: compiled) { steps.append((words, .words)) }
            for (query, kind) in steps {
                let locator = MatchLocator(query: query, analyzer: analyzer, vocabulary: compiler.vocabulary)
                let located = locator.locate(in: tokens, step: kind, slips: 2)
                if !located.occurrences.isEmpty {
                    return ArticleOccurrences(article: found, utf8Ranges: located.occurrences.map(\.utf8Range), match: located.kind)
                }
            }
            return ArticleOccurrences(article: found, utf8Ranges: [], match: nil)
        }
    }
}
