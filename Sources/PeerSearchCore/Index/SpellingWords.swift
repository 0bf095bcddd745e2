import Analysis

/// An article's words as it writes them (`værdi`, not the folded `vaerdi`), for the spelling data
/// behind "Mente du", so suggestions read as Danish. Gathered token by token while the article is
/// analysed; words without letters, and very short ones, are left out.
struct SpellingWords {
    private(set) var words = Set<String>()

    /// Adds the word of `token`, which stands in `text` (UTF-8).
    mutating func add(_ token: Token, in text: UnsafeBufferPointer<UInt8>) {
        guard !token.isJoined && token.utf8Range.count >= 3 && token.utf8Range.count <= 40 else { return }
        let written = UnsafeBufferPointer(rebasing: text[token.utf8Range])
        if written.allSatisfy({ $0.isASCIILetter }) {
            words.insert(token.term)  // the term is the word lowercased
            return
        }
        let word = String(decoding: written, as: UTF8.self).lowercased()
        if word.allSatisfy({ $0.isLetter }) { words.insert(word) }
    }

    /// The words of `text`.
    static func of(_ text: String, analyzer: DanishAnalyzer) -> Set<String> {
        var gathered = SpellingWords()
        var text = text
        text.withUTF8 { bytes in analyzer.forEachToken(inUTF8: bytes) { gathered.add($0, in: bytes) } }
        return gathered.words
    }
}
