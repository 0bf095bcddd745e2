import Ingestion

/// Finds where a compiled query's parts stand in an article's tokens.
struct MatchLocator {
    /// One place a query part matched: a byte range of the text and its lines.
    struct Occurrence {
        var utf8Range: Range<Int>
        var line: Int
        var endLine: Int
        var partIndex: Int
        var isExact: Bool
    }

    let query: CompiledQuery
    let analyzer: DanishAnalyzer

    /// Every occurrence of every phrase and word part, in text order, and the hit's match kind.
    func locate(in tokens: [Token]) -> (occurrences: [Occurrence], kind: MatchKind) {
        let starting = Dictionary(grouping: tokens, by: \.position)
        var occurrences: [Occurrence] = []
        var exactParts = 0, foundParts = 0, searchedParts = 0
        for (index, part) in query.parts.enumerated() where part.role != .excluded {
            searchedParts += 1
            var found = sequenceOccurrences(of: part, partIndex: index, starting: starting, tokens: tokens)
            if part.role == .word {
                found += inflectedOccurrences(of: part, partIndex: index, tokens: tokens, excluding: found)
            }
            if !found.isEmpty { foundParts += 1 }
            if found.contains(where: \.isExact) { exactParts += 1 }
            occurrences += found
        }
        occurrences.sort { ($0.utf8Range.lowerBound, $0.utf8Range.upperBound) < ($1.utf8Range.lowerBound, $1.utf8Range.upperBound) }
        let kind: MatchKind = exactParts == searchedParts ? .exact : foundParts == searchedParts ? .inflected : .partial
        return (occurrences, kind)
    }

    /// Where one of the part's term sequences stands at consecutive positions.
    private func sequenceOccurrences(of part: CompiledQuery.Part, partIndex: Int, starting: [Int: [Token]],
                                     tokens: [Token]) -> [Occurrence] {
        var found: [Occurrence] = []
        var coveredUpTo = -1
        for position in starting.keys.sorted() {
            for terms in part.alternatives {
                guard let matched = match(terms, at: position, starting: starting),
                      let first = matched.first, let last = matched.last,
                      first.utf8Range.lowerBound >= coveredUpTo else { continue }
                found.append(Occurrence(utf8Range: first.utf8Range.lowerBound..<last.utf8Range.upperBound,
                                        line: first.line, endLine: last.endLine, partIndex: partIndex, isExact: true))
                coveredUpTo = last.utf8Range.upperBound
                break
            }
        }
        return found
    }

    private func match(_ terms: [String], at start: Int, starting: [Int: [Token]]) -> [Token]? {
        var position = start
        var matched: [Token] = []
        for term in terms {
            guard let token = starting[position]?.first(where: { $0.term == term }) else { return nil }
            matched.append(token)
            position += token.span
        }
        return matched
    }

    /// Words that share the part's stem but not its written form.
    private func inflectedOccurrences(of part: CompiledQuery.Part, partIndex: Int, tokens: [Token],
                                      excluding exact: [Occurrence]) -> [Occurrence] {
        guard !part.stems.isEmpty else { return [] }
        let taken = Set(exact.map(\.utf8Range.lowerBound))
        return tokens.compactMap { token in
            guard !token.isJoined, !taken.contains(token.utf8Range.lowerBound),
                  part.stems.contains(analyzer.stem(token.term)) else { return nil }
            return Occurrence(utf8Range: token.utf8Range, line: token.line, endLine: token.endLine,
                              partIndex: partIndex, isExact: false)
        }
    }
}
