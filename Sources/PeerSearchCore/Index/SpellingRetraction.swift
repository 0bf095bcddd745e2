import Analysis
import Ingestion
import Xapian

/// Takes an indexed article's words back out of the spelling data when the article is replaced
/// or deleted, so "Mente du" never suggests a word that no article holds any more. Each article
/// counts once for each word it holds (as `Indexer` adds them).
final class SpellingRetraction {
    private let analyzer: DanishAnalyzer

    init() throws(XapianError) {
        analyzer = try DanishAnalyzer()
    }

    /// Decrements, in `database`, the words of the article kept under `uniqueTerm` (if any).
    /// Call it before the article is replaced or deleted.
    func retractWords(ofArticle uniqueTerm: String, in database: WritableDatabase) throws {
        guard let docid = try database.firstDocumentID(withTerm: uniqueTerm) else { return }
        let stored = try StoredArticle.decode(try database.document(docid).data())
        for word in SpellingWords.of(stored.text, analyzer: analyzer) {
            try database.removeSpelling(word, decrement: 1)
        }
    }
}
