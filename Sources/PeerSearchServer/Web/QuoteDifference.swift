import PeerSearchCore

/// How an approximate hit differs from the quote typed: which word the article has instead,
/// which is missing or extra, or which two stand swapped, said in Danish for the page
/// ("artiklen har «fik» for «får»"). Words are compared case-blind, by a longest common
/// subsequence of the quote's words and the marked words of the hit's first passage.
struct QuoteDifference: CustomStringConvertible {
    let quote: [String]
    let found: [String]

    /// The words of the first quoted phrase of `query` (straight or typographic quotes); empty
    /// when it has none.
    static func quotedWords(in query: String) -> [String] {
        let openers: Set<Character> = ["\"", "“", "”", "„", "»", "«"]
        guard let start = query.firstIndex(where: openers.contains) else { return [] }
        let rest = query[query.index(after: start)...]
        let phrase = rest.prefix { !openers.contains($0) }
        return words(in: phrase)
    }

    static func words(in text: some StringProtocol) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() }
    }

    init(quote: [String], passages: [Passage]) {
        self.quote = quote
        let first = passages.first.map { MarkedText($0.text, markingScalars: $0.highlights).segments } ?? []
        // The marked runs of the first passage, with the unmarked words between them (a word
        // the article has instead of the quote's is not marked).
        let firstMarked = first.firstIndex { $0.marked }, lastMarked = first.lastIndex { $0.marked }
        if let firstMarked, let lastMarked {
            found = Self.words(in: first[firstMarked...lastMarked].map(\.text).joined())
        } else {
            found = []
        }
    }

    var description: String {
        guard !quote.isEmpty, !found.isEmpty, quote != found else { return "" }
        if quote.count == found.count, quote.sorted() == found.sorted() {
            let swapped = zip(quote, found).filter { $0 != $1 }.map(\.0)
            return "ordene «\(swapped.joined(separator: " "))» står i en anden rækkefølge i artiklen"
        }
        // Longest common subsequence, then walk it: what is left on either side differs.
        var table = Array(repeating: Array(repeating: 0, count: found.count + 1), count: quote.count + 1)
        for i in stride(from: quote.count - 1, through: 0, by: -1) {
            for j in stride(from: found.count - 1, through: 0, by: -1) {
                table[i][j] = quote[i] == found[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var missing: [String] = [], extra: [String] = []
        var i = 0, j = 0
        while i < quote.count || j < found.count {
            if i < quote.count, j < found.count, quote[i] == found[j] {
                i += 1; j += 1
            } else if j < found.count, i == quote.count || table[i][j + 1] >= table[i + 1][j] {
                extra.append(found[j]); j += 1
            } else {
                missing.append(quote[i]); i += 1
            }
        }
        switch (missing.count, extra.count) {
        case (0, 0): return ""
        case (0, _): return "artiklen har også «\(extra.joined(separator: " "))»"
        case (_, 0): return "artiklen har ikke «\(missing.joined(separator: " "))»"
        default: return "artiklen har «\(extra.joined(separator: " "))» for «\(missing.joined(separator: " "))»"
        }
    }
}
