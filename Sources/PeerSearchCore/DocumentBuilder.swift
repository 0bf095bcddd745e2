import Foundation
import Ingestion
import Xapian

/// Turns an article into a Xapian document laid out as `TermScheme` describes.
///
/// One per thread: it owns an analyser.
final class DocumentBuilder {
    let analyzer: DanishAnalyzer

    init() throws(XapianError) {
        analyzer = try DanishAnalyzer()
    }

    /// The file facts stored with an article, used to tell whether it changed.
    struct FileFacts {
        var bytes: Int
        var modified: Date
        var stamp: String
    }

    func document(for article: Article, file: FileFacts) throws -> Document {
        let document = try Document()
        try document.setData(StoredArticle(article: article, bytes: file.bytes, modified: file.modified).encoded())
        try document.addBooleanTerm(TermScheme.uniqueIDTerm(path: article.path))
        try addFileTerms(article, to: document)
        try document.setValue(file.stamp, slot: TermScheme.Slot.fileStamp)
        try document.setValue(String(article.contentHash, radix: 16), slot: TermScheme.Slot.contentHash)

        var nextPosition = 1
        let titleTokens = analyzer.tokens(in: article.metadata.title)
        if !article.titleIsInText {
            nextPosition = try addPostings(titleTokens, prefix: "", from: nextPosition, to: document) + TermScheme.fieldGap
        }
        try addPostings(titleTokens, prefix: TermScheme.titlePrefix, from: 1, to: document)
        try addTitleBoost(titleTokens, to: document)
        _ = try addPostings(analyzer.tokens(in: article.text), prefix: "", from: nextPosition, to: document, withStems: true)
        if let author = article.metadata.author {
            try addPostings(analyzer.tokens(in: author), prefix: TermScheme.authorPrefix, from: 1, to: document)
        }
        if let source = article.metadata.source {
            try addPostings(analyzer.tokens(in: source), prefix: TermScheme.sourcePrefix, from: 1, to: document)
        }
        return document
    }

    /// Adds each token at its positions (offset by `start`); returns the position after the last.
    @discardableResult
    private func addPostings(_ tokens: [Token], prefix: String, from start: Int, to document: Document,
                             withStems: Bool = false) throws -> Int {
        var end = start
        for token in tokens {
            for position in token.position..<(token.position + token.span) {
                try document.addPosting(prefix + token.term, position: UInt32(start + position))
            }
            if withStems {
                try document.addTerm(TermScheme.stemPrefix + analyzer.stem(token.term), wdfIncrement: UInt32(token.span))
            }
            end = max(end, start + token.position + token.span)
        }
        return end
    }

    /// Title words weigh `TermScheme.titleWeight` times as much as body words, and their stems
    /// are also kept as a field of their own (`ZS`), for queries that weigh titles separately.
    private func addTitleBoost(_ tokens: [Token], to document: Document) throws {
        let extra = TermScheme.titleWeight - 1
        for token in tokens {
            let stem = analyzer.stem(token.term)
            try document.addTerm(token.term, wdfIncrement: extra)
            try document.addTerm(TermScheme.stemPrefix + stem, wdfIncrement: extra)
            try document.addTerm(TermScheme.titleStemPrefix + stem)
        }
    }

    private func addFileTerms(_ article: Article, to document: Document) throws {
        let fileExtension = (article.path as NSString).pathExtension.lowercased()
        if !fileExtension.isEmpty { try document.addBooleanTerm(TermScheme.extensionPrefix + fileExtension) }
        try document.addBooleanTerm(TermScheme.mimeTypePrefix + article.format.mimeType)
        guard let date = article.metadata.date else { return }
        let digits = date.filter(\.isNumber)
        try document.setValue(digits.padding(toLength: 8, withPad: "0", startingAt: 0), slot: TermScheme.Slot.date)
        try document.addBooleanTerm(TermScheme.yearPrefix + digits.prefix(4))
        if digits.count >= 6 { try document.addBooleanTerm(TermScheme.monthPrefix + digits.prefix(6)) }
        if digits.count >= 8 { try document.addBooleanTerm(TermScheme.dayPrefix + digits.prefix(8)) }
    }
}
