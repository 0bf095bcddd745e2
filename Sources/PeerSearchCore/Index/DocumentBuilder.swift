import Analysis
import Foundation
import Ingestion
import Xapian

/// Turns an article into a Xapian document laid out as `TermScheme` describes.
///
/// One per thread: it owns an analyser.
final class DocumentBuilder {
    let analyzer: DanishAnalyzer
    private let decompounder: Decompounder?
    private var splits: [String: [String]] = [:]
    private var wholeWords: Set<String> = []
    private static let splitCacheLimit = 500_000

    init(decompounder: Decompounder?) throws(XapianError) {
        analyzer = try DanishAnalyzer()
        self.decompounder = decompounder
    }

    /// A document, and the compounds it contains with their parts (for the synonym table).
    struct Built {
        var document: Document
        var compounds: [String: [String]]
        /// The article's words as written (lowercase, unfolded), for spelling suggestions.
        var words: Set<String>
    }

    /// The file facts stored with an article, used to tell whether it changed.
    struct FileFacts {
        var bytes: Int
        var modified: Date
        /// `size:mtime`, stored to tell a changed file from an unchanged one.
        var stamp: String

        init(bytes: Int, modified: Date) {
            self.bytes = bytes
            self.modified = modified
            stamp = "\(bytes):\(modified.timeIntervalSince1970)"
        }

        /// The facts of the file at `path` (a `PathText`; a link's own, as FileManager gives
        /// them), or nil when they cannot be read. The time is the Date FileManager makes of it,
        /// to the last bit, so stamps stored by earlier versions still match.
        init?(of path: String) {
            var status = stat()
            guard lstat(PathText.fileSystemPath(path), &status) == 0 else { return nil }
            let seconds = Double(status.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
            self.init(bytes: Int(status.st_size),
                      modified: Date(timeIntervalSinceReferenceDate: seconds + Double(status.st_mtim.tv_nsec) / 1_000_000_000))
        }
    }

    func document(for article: Article, file: FileFacts) throws -> Built {
        let document = try Document()
        try document.setData(StoredArticle(article: article, bytes: file.bytes, modified: file.modified).encoded())
        try document.addBooleanTerm(TermScheme.uniqueIDTerm(path: article.path))
        try addFileTerms(article, to: document)
        try document.setValue(file.stamp, slot: TermScheme.Slot.fileStamp)
        try document.setValue(String(article.contentHash, radix: 16), slot: TermScheme.Slot.contentHash)
        if let key = article.duplicateKey.map({ String($0, radix: 16) }) {
            try document.setValue(key, slot: TermScheme.Slot.duplicateKey)
            try document.addBooleanTerm(TermScheme.duplicateTerm(key: key))
        }

        var nextPosition = 1
        let titleTokens = analyzer.tokens(in: article.metadata.title)
        if !article.titleIsInText {
            nextPosition = try addPostings(titleTokens, prefix: "", from: nextPosition, to: document) + TermScheme.fieldGap
        }
        try addPostings(titleTokens, prefix: TermScheme.titlePrefix, from: 1, to: document)
        try addTitleBoost(titleTokens, to: document)
        // The body is analysed token by token: each goes into the document as it is read, so a
        // long text is never held as tokens (a 50 MB text made 8 million of them).
        var compounds = try addCompoundParts(titleTokens, to: document)
        var bodyCompounds: [String: [String]] = [:]
        var words = SpellingWords()
        var recent: [Token] = []  // the last tokens read, where a joined compound's parts stand
        var text = article.text
        try text.withUTF8 { bytes in
            try analyzer.forEachToken(inUTF8: bytes) { token in
                try addPosting(token, prefix: "", from: nextPosition, to: document, withStems: true)
                try addCompoundParts(of: token, after: recent, to: document, into: &bodyCompounds)
                if recent.count == Tokenizer.maximumJoinedParts { recent.removeFirst() }
                recent.append(token)
                words.add(token, in: bytes)
            }
        }
        compounds.merge(bodyCompounds) { first, _ in first }
        if let author = article.metadata.author {
            try addPostings(analyzer.tokens(in: author), prefix: TermScheme.authorPrefix, from: 1, to: document)
        }
        if let source = article.metadata.source {
            try addPostings(analyzer.tokens(in: source), prefix: TermScheme.sourcePrefix, from: 1, to: document)
        }
        return Built(document: document, compounds: compounds, words: words.words)
    }

    /// Indexes the stems of compound parts (`XPART`), so a part finds the compounds holding it,
    /// and returns each compound with its parts: a hyphenated one's as written, a closed one's
    /// as the `Decompounder` splits it.
    private func addCompoundParts(_ tokens: [Token], to document: Document) throws -> [String: [String]] {
        var compounds: [String: [String]] = [:]
        for (index, token) in tokens.enumerated() {
            try addCompoundParts(of: token, after: tokens[max(0, index - Tokenizer.maximumJoinedParts)..<index],
                                 to: document, into: &compounds)
        }
        return compounds
    }

    /// `addCompoundParts` for one token; `preceding` are the (up to `Tokenizer.maximumJoinedParts`)
    /// tokens before it.
    private func addCompoundParts(of token: Token, after preceding: some Collection<Token>, to document: Document,
                                  into compounds: inout [String: [String]]) throws {
        if token.isJoined {
            // The tokenizer puts a hyphenated compound right after its parts.
            guard preceding.count >= token.span else { return }
            let parts = preceding.suffix(token.span)
            if parts.first?.position == token.position && !parts.contains(where: \.isJoined) {
                compounds[token.term] = parts.map(\.term)
            }
        } else if let parts = closedCompoundParts(token.term) {
            compounds[token.term] = parts
            for part in parts {
                try document.addTerm(TermScheme.compoundPartPrefix + analyzer.stem(part))
            }
        }
    }

    private func closedCompoundParts(_ term: String) -> [String]? {
        guard let decompounder, term.utf8.count >= 7 else { return nil }
        if let parts = splits[term] { return parts }
        if wholeWords.contains(term) { return nil }
        if splits.count + wholeWords.count > Self.splitCacheLimit {
            splits.removeAll(keepingCapacity: true)
            wholeWords.removeAll(keepingCapacity: true)
        }
        guard let parts = decompounder.split(term) else {
            wholeWords.insert(term)
            return nil
        }
        splits[term] = parts
        return parts
    }

    /// Adds each token at its positions (offset by `start`); returns the position after the last.
    @discardableResult
    private func addPostings(_ tokens: [Token], prefix: String, from start: Int, to document: Document) throws -> Int {
        var end = start
        for token in tokens {
            try addPosting(token, prefix: prefix, from: start, to: document)
            end = max(end, start + token.position + token.span)
        }
        return end
    }

    /// Adds a token at its positions (offset by `start`), and its stem when `withStems`.
    private func addPosting(_ token: Token, prefix: String, from start: Int, to document: Document,
                            withStems: Bool = false) throws {
        for position in token.position..<(token.position + token.span) {
            try document.addPosting(prefix + token.term, position: UInt32(start + position))
        }
        if withStems {
            try document.addTerm(TermScheme.stemPrefix + analyzer.stem(token.term), wdfIncrement: UInt32(token.span))
        }
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
        let fileExtension = Self.fileExtension(of: article)
        if !fileExtension.isEmpty { try document.addBooleanTerm(TermScheme.extensionPrefix + fileExtension) }
        if let file = article.partOf { try document.addBooleanTerm(TermScheme.fileTerm(path: file)) }
        if let messageID = article.metadata.messageID {
            try document.addBooleanTerm(TermScheme.boundedTerm(TermScheme.messageIDPrefix, messageID))
        }
        try document.addBooleanTerm(TermScheme.mimeTypePrefix + article.format.mimeType)
        for (slot, value) in FacetField.values(of: article) {
            try document.setValue(value, slot: slot)
        }
        guard let date = article.metadata.date else { return }
        let digits = date.filter(\.isNumber)
        try document.setValue(digits.padding(toLength: 8, withPad: "0", startingAt: 0), slot: TermScheme.Slot.date)
        try document.addBooleanTerm(TermScheme.yearPrefix + digits.prefix(4))
        if digits.count >= 6 { try document.addBooleanTerm(TermScheme.monthPrefix + digits.prefix(6)) }
        if digits.count >= 8 { try document.addBooleanTerm(TermScheme.dayPrefix + digits.prefix(8)) }
    }

    /// The extension of the article's file, or of its own name inside it (`pdf` for
    /// `mail.mbox#3/bilag.pdf`, `mbox` for `mail.mbox#3`).
    static func fileExtension(of article: Article) -> String {
        guard let file = article.partOf, article.path.count > file.count else {
            return (article.path as NSString).pathExtension.lowercased()
        }
        let name = (String(article.path.dropFirst(file.count + 1)) as NSString).lastPathComponent
        let own = (name as NSString).pathExtension
        return (own.isEmpty ? (file as NSString).pathExtension : own).lowercased()
    }
}
