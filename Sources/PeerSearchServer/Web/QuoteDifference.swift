import PeerSearchCore

/// How an approximate hit differs from the quote typed, said in Danish for the page ("artiklen
/// har «får» for «har»"), from the differences the search gives (`SearchHit.differences`).
struct QuoteDifference: CustomStringConvertible {
    let differences: [WordDifference]

    /// The words of the first quoted phrase of `query` (straight or typographic quotes); empty
    /// when it has none.
    static func quotedWords(in query: String) -> [String] {
        let openers: Set<Character> = ["\"", "“", "”", "„", "»", "«"]
        guard let start = query.firstIndex(where: openers.contains) else { return [] }
        let rest = query[query.index(after: start)...]
        let phrase = rest.prefix { !openers.contains($0) }
        return phrase.split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() }
    }

    var description: String {
        differences.map { difference in
            switch (difference.query.isEmpty, difference.text.isEmpty) {
            case (true, _): "artiklen har også «\(difference.text)»"
            case (_, true): "artiklen har ikke «\(difference.query)»"
            case _ where difference.query.contains(" "): "ordene «\(difference.query)» står i en anden rækkefølge"
            default: "artiklen har «\(difference.text)» for «\(difference.query)»"
            }
        }.joined(separator: "; ")
    }
}
