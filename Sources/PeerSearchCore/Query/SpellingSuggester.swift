import Analysis
import Foundation
import Xapian

/// "Mente du …?": rewrites a query whose words the index does not know, with the closest words
/// from the index's own vocabulary (Xapian's spelling data, fed with the articles' words).
/// Only words are rewritten: the query language around them (field names, operators, `NEAR/n`,
/// a wildcard's stem, dates and `field=` values) stays as typed.
struct SpellingSuggester {
    let database: Database
    let analyzer: DanishAnalyzer

    /// The fields whose value is not a text word (a date, a format, a folder): never rewritten.
    private static let fieldsWithoutWords: Set<String> = ["date", "dato", "format", "type", "folder", "mappe"]

    /// The query with each unknown word replaced by its suggestion, or nil when every word is
    /// known, none has a suggestion, or the query cannot be read. Words and the words of quotes
    /// are looked at; the words are the analyser's, so the query is cut into words exactly as
    /// articles are.
    func suggestion(for query: String) throws(XapianError) -> String? {
        var lexer = Lexer(query)
        guard let lexemes = try? lexer.lexemes() else { return nil }
        let characters = Array(query)
        var rewritten = ""
        var copied = 0
        var changed = false
        for (position, lexeme) in lexemes.enumerated() {
            let start: Int
            switch lexeme.kind {
            case .word(let word):
                if word.hasSuffix("*") { continue }
                if position > 0, case .field(let name) = lexemes[position - 1].kind, Self.fieldsWithoutWords.contains(name) {
                    continue
                }
                start = lexeme.column - 1
            case .phrase:
                start = lexeme.column  // past the opening quotation mark
            default:
                continue
            }
            let end = min(lexeme.end, characters.count)
            guard start < end else { continue }
            var text = String(characters[start..<end])
            if case .phrase = lexeme.kind, let last = text.last, QuerySyntax.quoteMarks.contains(last) { text.removeLast() }
            guard let replaced = try rewrite(text) else { continue }
            rewritten += String(characters[copied..<start]) + replaced
            copied = start + text.count
            changed = true
        }
        rewritten += String(characters[copied...])
        return changed ? rewritten : nil
    }

    /// `text` (a word or a quote's words) with its unknown words replaced, or nil when none is.
    private func rewrite(_ text: String) throws(XapianError) -> String? {
        let bytes = Array(text.utf8)
        var rewritten: [UInt8] = []
        var copied = 0
        var changed = false
        // A joined compound (`peermedarbejder` of `peer-medarbejder`) covers words of its own.
        for token in analyzer.tokens(in: text) where !token.isJoined {
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

    /// A known word for an unknown one (`term`, its index term). The spelling data holds words
    /// as written (`værdierne`), so a word typed with ae/oe/aa is also tried with æ/ø/å.
    private func replacement(for word: String, term: String) throws(XapianError) -> String? {
        guard term.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
              try database.termFrequency(term) == 0 else { return nil }
        let lowercased = word.lowercased()
        var candidates = [lowercased]
        let withLetters = Self.danishLetters(lowercased)
        if withLetters != lowercased { candidates.append(withLetters) }
        for candidate in candidates {
            guard let suggestion = try database.spellingSuggestion(for: candidate),
                  let suggestedTerm = analyzer.tokens(in: suggestion).first?.term,
                  suggestedTerm != term, try database.termFrequency(suggestedTerm) > 0 else { continue }
            return suggestion
        }
        return nil
    }

    /// `word` with ae, oe and aa written as æ, ø and å.
    static func danishLetters(_ word: String) -> String {
        word.replacingOccurrences(of: "ae", with: "æ").replacingOccurrences(of: "oe", with: "ø")
            .replacingOccurrences(of: "aa", with: "å")
    }
}
