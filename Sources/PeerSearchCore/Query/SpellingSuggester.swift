import Analysis
import Xapian

/// "Mente du …?": rewrites a query whose words the index does not know, with the closest words
/// from the index's own vocabulary (Xapian's spelling data, fed with the articles' words).
struct SpellingSuggester {
    let database: Database
    let analyzer: DanishAnalyzer

    /// The query with each unknown word replaced by its suggestion, or nil when every word is
    /// known or none has a suggestion. Quotes, operators and the other words stay as typed. The
    /// words are the analyser's, so the query is cut into words exactly as articles are.
    func suggestion(for query: String) throws(XapianError) -> String? {
        let bytes = Array(query.utf8)
        var rewritten: [UInt8] = []
        var copied = 0
        var changed = false
        // A joined compound (`peermedarbejder` of `peer-medarbejder`) covers words of its own.
        for token in analyzer.tokens(in: query) where !token.isJoined {
            let written = String(decoding: bytes[token.utf8Range], as: UTF8.self)
            guard let replacement = try replacement(for: written, term: token.term) else { continue }
            rewritten += bytes[copied..<token.utf8Range.lowerBound]
            rewritten += replacement.utf8
            copied = token.utf8Range.upperBound
            changed = true
        }
        rewritten += bytes[copied...]
        return changed ? String(decoding: rewritten, as: UTF8.self) : nil
    }

    /// A known word for an unknown one (`term`, its index term).
    private func replacement(for word: String, term: String) throws(XapianError) -> String? {
        guard term.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
              try database.termFrequency(term) == 0 else { return nil }
        guard let suggestion = try database.spellingSuggestion(for: word.lowercased()),
              let suggestedTerm = analyzer.tokens(in: suggestion).first?.term,
              try database.termFrequency(suggestedTerm) > 0 else { return nil }
        return suggestion
    }
}
