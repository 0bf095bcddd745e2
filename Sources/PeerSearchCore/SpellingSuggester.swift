import Ingestion
import Xapian

/// "Mente du …?": rewrites a query whose words the index does not know, with the closest words
/// from the index's own vocabulary (Xapian's spelling data, fed with the articles' words).
struct SpellingSuggester {
    let database: Database
    let analyzer: DanishAnalyzer

    /// The query with each unknown word replaced by its suggestion, or nil when every word is
    /// known or none has a suggestion. Quotes, operators and the other words stay as typed.
    func suggestion(for query: String) throws(XapianError) -> String? {
        var changed = false
        var rewritten = ""
        var word = ""
        func flush() throws(XapianError) {
            defer { word = "" }
            guard !word.isEmpty else { return }
            if let replacement = try replacement(for: word) {
                rewritten += replacement
                changed = true
            } else {
                rewritten += word
            }
        }
        for character in query {
            if character.isLetter {
                word.append(character)
            } else {
                try flush()
                rewritten.append(character)
            }
        }
        try flush()
        return changed ? rewritten : nil
    }

    /// A known word for an unknown one.
    private func replacement(for word: String) throws(XapianError) -> String? {
        let tokens = analyzer.tokens(in: word)
        guard tokens.count == 1, let term = tokens.first?.term, term.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
              try database.termFrequency(term) == 0 else { return nil }
        guard let suggestion = try database.spellingSuggestion(for: word.lowercased()),
              let suggestedTerm = analyzer.tokens(in: suggestion).first?.term,
              try database.termFrequency(suggestedTerm) > 0 else { return nil }
        return suggestion
    }
}
