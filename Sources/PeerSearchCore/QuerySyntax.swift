/// One part of a query as the user wrote it.
public enum QueryItem: Equatable, Sendable {
    /// `"…"`: the words in this order.
    case phrase(String)
    /// A plain word, ranked (stemmed, folded).
    case word(String)
    /// `-word`: articles with this word are left out.
    case excluded(String)
}

/// Reads the query language: `"phrases"` (also `”…”`, `»…«`, `„…“`; an unbalanced quote runs
/// to the end, as in Xapian's own parser), plain words, and `-word` to exclude.
public enum QuerySyntax {
    /// Quotation marks that open or close a phrase.
    static let quoteMarks: Set<Character> = ["\"", "“", "”", "„", "‟", "«", "»", "＂", "〝", "〞", "〟"]

    public static func parse(_ query: String) -> [QueryItem] {
        var items: [QueryItem] = []
        var word = ""
        var phrase: String?

        func endWord() {
            defer { word = "" }
            guard !word.isEmpty else { return }
            if word.count > 1, word.first == "-" {
                items.append(.excluded(String(word.dropFirst())))
            } else {
                items.append(.word(word))
            }
        }

        for character in query {
            if quoteMarks.contains(character) {
                if let open = phrase {
                    if !open.allSatisfy(\.isWhitespace) { items.append(.phrase(open)) }
                    phrase = nil
                } else {
                    endWord()
                    phrase = ""
                }
            } else if phrase != nil {
                phrase?.append(character)
            } else if character.isWhitespace {
                endWord()
            } else {
                word.append(character)
            }
        }
        endWord()
        if let open = phrase, !open.allSatisfy(\.isWhitespace) { items.append(.phrase(open)) }
        return items
    }
}
