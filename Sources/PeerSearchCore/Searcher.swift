import Foundation
import Ingestion
import Xapian

/// Answers queries against an index: ranks with BM25 and cuts passages from the hits.
///
/// Not thread-safe: use one per thread.
public final class Searcher {
    private let indexPath: String
    private let database: Database
    private let analyzer: DanishAnalyzer

    /// Passages listed per hit for a phrase (every occurrence, up to this) and for words.
    public static let maximumPhrasePassages = 100
    public static let maximumWordPassages = 3

    public init(indexPath: String) throws(PeerSearchError) {
        self.indexPath = indexPath
        guard FileManager.default.fileExists(atPath: indexPath) else { throw .indexMissing(path: indexPath) }
        do {
            database = try Database(path: indexPath)
            analyzer = try DanishAnalyzer()
        } catch {
            throw .opening(error, path: indexPath)
        }
    }

    /// Runs `query`, returning hits `offset ..< offset + limit`.
    public func search(_ query: String, limit: Int = 10, offset: Int = 0) throws(PeerSearchError) -> SearchResult {
        let compiled = try QueryCompiler(analyzer: analyzer).compile(QuerySyntax.parse(query))
        do {
            return try run(compiled, query: query, limit: limit, offset: offset)
        } catch let error where error.kind == .databaseModified {
            // An index run committed meanwhile: read the new revision and try once more.
            do {
                try database.reopen()
                return try run(compiled, query: query, limit: limit, offset: offset)
            } catch {
                throw .opening(error, path: indexPath)
            }
        } catch {
            throw .opening(error, path: indexPath)
        }
    }

    private func run(_ compiled: CompiledQuery, query: String, limit: Int, offset: Int) throws(XapianError) -> SearchResult {
        let enquire = try Enquire(database: database)
        try enquire.setQuery(compiled.xapianQuery)
        try enquire.useBM25()
        let matches = try enquire.matches(first: offset, maxItems: limit, checkAtLeast: max(limit, 1000))
        let locator = MatchLocator(query: compiled, analyzer: analyzer)
        var hits: [SearchHit] = []
        for index in 0..<matches.count {
            let item = try matches.item(at: index)
            let stored: StoredArticle
            do {
                stored = try StoredArticle.decode(try matches.document(at: index).data())
            } catch let error as XapianError {
                throw error
            } catch {
                throw XapianError(kind: .databaseCorrupt, type: "DocumentData", message: "unreadable document data (\(error))")
            }
            hits.append(hit(rank: offset + index + 1, score: item.weight, article: stored, locator: locator, query: compiled))
        }
        return SearchResult(query: query, total: matches.matchCounts.estimated, hits: hits)
    }

    private func hit(rank: Int, score: Double, article: StoredArticle, locator: MatchLocator, query: CompiledQuery) -> SearchHit {
        let (occurrences, kind) = locator.locate(in: analyzer.tokens(in: article.text))
        let hasPhrase = query.parts.contains { $0.role == .phrase }
        var passages = PassageBuilder(text: article.text).passages(for: occurrences)
        if hasPhrase {
            passages = Array(passages.prefix(Self.maximumPhrasePassages))
        } else {
            // The lines where most of the words meet, in text order.
            let ranked = passages.enumerated().sorted { $0.element.highlights.count > $1.element.highlights.count }
            passages = ranked.prefix(Self.maximumWordPassages).sorted { $0.offset < $1.offset }.map(\.element)
        }
        return SearchHit(rank: rank, path: article.path, title: article.title, author: article.author,
                         source: article.source, date: article.date, score: score, match: kind, passages: passages)
    }
}
