import Xapian

/// The one analyser behind both documents and queries: tokens (see `Tokenizer`), folded terms
/// (see `DanishFolding`) and their Snowball Danish stems, computed by Xapian.
///
/// Not thread-safe (it owns a Xapian stemmer and a cache): use one per thread.
public final class DanishAnalyzer {
    private let tokenizer = Tokenizer()
    private let stemmer: Stemmer
    private var stemCache: [String: String] = [:]
    private static let stemCacheLimit = 200_000

    public init() throws(XapianError) {
        stemmer = try Stemmer(language: "danish")
    }

    /// The tokens of `text`, with positions, lines and byte ranges.
    public func tokens(in text: String) -> [Token] {
        tokenizer.tokens(in: text)
    }

    /// Calls `body` with each token of `bytes` (valid UTF-8) as it is read (see `Tokenizer`), so
    /// a long text is never held as tokens.
    public func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) throws -> Void) rethrows {
        try tokenizer.forEachToken(inUTF8: bytes, body)
    }

    /// The terms of `text` in order (joined compounds after their parts).
    public func terms(in text: String) -> [String] {
        tokens(in: text).map(\.term)
    }

    /// The Danish stem of an index term. Terms without letters are their own stem.
    public func stem(_ term: String) -> String {
        if let cached = stemCache[term] { return cached }
        let stem: String
        if term.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            stem = (try? stemmer.stem(term)) ?? term
        } else {
            stem = term
        }
        if stemCache.count >= Self.stemCacheLimit { stemCache.removeAll(keepingCapacity: true) }
        stemCache[term] = stem
        return stem
    }
}
