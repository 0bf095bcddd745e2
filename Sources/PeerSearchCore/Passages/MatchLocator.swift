import Analysis
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

    /// How close an approximate match is to the quote: what differs, what that costs (see
    /// `QuoteAligner`), and whether it is within the slips the ladder step allows.
    struct Closeness {
        var cost: Double
        var differences: [WordDifference]
        var isWithinSlips: Bool
    }

    /// What `locate` found: the occurrences in text order, the hit's match kind, and for an
    /// approximate match its closeness to the quote.
    struct Located {
        var occurrences: [Occurrence]
        var kind: MatchKind
        var closeness: Closeness?
    }

    let query: CompiledQuery
    let analyzer: DanishAnalyzer
    /// Tells compounds' parts; nil when only exact matches are wanted.
    let vocabulary: Vocabulary?

    /// Every occurrence of every phrase and word part, in text order, and the hit's match kind.
    /// Phrases are looked for as the ladder step `step` found them; an approximate step with up
    /// to `slips` slips, its differences given in the words of `text` (the tokens' article).
    func locate(in tokens: [Token], step: MatchKind, slips: Int = 1, text: ArticleText? = nil) -> Located {
        lazy var starting = Dictionary(grouping: tokens, by: \.position)
        var occurrences: [Occurrence] = []
        var closeness: Closeness?
        var exactParts = 0, foundParts = 0, searchedParts = 0
        for (index, part) in query.parts.enumerated() {
            searchedParts += 1
            var found: [Occurrence]
            // A word is looked for in the tokens holding one of its stems: its written form, its
            // inflections and the compounds holding it all do (Danish Snowball stems are prefixes).
            let related = part.role == .word && !part.stems.isEmpty ? Self.tokens(tokens, holdingAnyOf: part.stems) : tokens
            switch (part.role, step) {
            case (.word, _) where part.alternatives.allSatisfy({ $0.count == 1 }) && !part.stems.isEmpty:
                found = sequenceOccurrences(of: part.alternatives.map { $0.map { [$0] } }, partIndex: index,
                                            isExact: true, starting: Dictionary(grouping: related, by: \.position))
            case (.prefix, _):
                found = tokens.filter { !$0.isJoined && $0.term.hasPrefix(part.alternatives[0][0]) }.map {
                    Occurrence(utf8Range: $0.utf8Range, line: $0.line, endLine: $0.endLine, partIndex: index, isExact: true)
                }
            case (.phrase, .approximate):
                let approximate = approximateOccurrences(of: part, partIndex: index, tokens: tokens, slips: slips, text: text)
                found = approximate.occurrences
                if let partCloseness = approximate.closeness {
                    closeness = Closeness(cost: (closeness?.cost ?? 0) + partCloseness.cost,
                                          differences: (closeness?.differences ?? []) + partCloseness.differences,
                                          isWithinSlips: (closeness?.isWithinSlips ?? true) && partCloseness.isWithinSlips)
                }
                if found.isEmpty {
                    found = sequenceOccurrences(of: part.forms, partIndex: index, isExact: false, starting: starting)
                }
            case (.phrase, .inflected):
                found = sequenceOccurrences(of: part.forms, partIndex: index, isExact: false, starting: starting)
            default:
                found = sequenceOccurrences(of: part.alternatives.map { $0.map { [$0] } }, partIndex: index,
                                            isExact: true, starting: starting)
            }
            if part.role == .word {
                found += inflectedOccurrences(of: part, partIndex: index, tokens: related, excluding: found)
                found += compoundOccurrences(of: part, partIndex: index, tokens: related, excluding: found)
            }
            if !found.isEmpty { foundParts += 1 }
            if found.contains(where: \.isExact) { exactParts += 1 }
            occurrences += found
        }
        occurrences.sort { ($0.utf8Range.lowerBound, $0.utf8Range.upperBound) < ($1.utf8Range.lowerBound, $1.utf8Range.upperBound) }
        // A quote's phrase steps, and the words step (whatever its words matched as), say so.
        if (query.hasPhrase && step != .exact) || step == .words { return Located(occurrences: occurrences, kind: step, closeness: closeness) }
        let kind: MatchKind = exactParts == searchedParts ? .exact : foundParts == searchedParts ? .inflected : .partial
        return Located(occurrences: occurrences, kind: kind)
    }

    /// Where a phrase stands with at most `slips` slips (`QuoteAligner`), in the alternative
    /// (compound joined or split) that stands closest, and how close its closest stretch is.
    /// With none within `slips`, the closest stretch with up to two more, so a hit whose
    /// article Xapian matched still shows where, ranked below the closer ones.
    private func approximateOccurrences(of part: CompiledQuery.Part, partIndex: Int, tokens: [Token], slips: Int,
                                        text: ArticleText?) -> (occurrences: [Occurrence], closeness: Closeness?) {
        var typed: [String: String] = [:]
        let quote = Array(part.text.utf8)
        for token in analyzer.tokens(in: part.text) where !token.isJoined {
            typed[token.term] = String(decoding: quote[token.utf8Range], as: UTF8.self).lowercased()
        }
        var best: (alignments: [QuoteAlignment], closest: QuoteAlignment)?
        for terms in part.alternatives where terms.count >= 2 {
            let aligner = QuoteAligner(terms: terms, words: terms.map { typed[$0] ?? $0 }, analyzer: analyzer, text: text)
            let alignments = aligner.alignments(in: tokens, maximumSlips: slips + 2)
            guard let closest = alignments.min(by: { ($0.cost, $0.slips) < ($1.cost, $1.slips) }) else { continue }
            if best == nil || closest.cost < best!.closest.cost { best = (alignments, closest) }
        }
        guard let best else { return ([], nil) }
        let within = best.alignments.filter { $0.slips <= slips }
        let shown = within.isEmpty ? [best.closest] : within
        let occurrences = shown.map {
            Occurrence(utf8Range: $0.utf8Range, line: $0.line, endLine: $0.endLine, partIndex: partIndex, isExact: false)
        }
        let closest = within.min(by: { ($0.cost, $0.slips) < ($1.cost, $1.slips) }) ?? best.closest
        return (occurrences, Closeness(cost: closest.cost, differences: closest.differences, isWithinSlips: !within.isEmpty))
    }

    /// Where one of the sequences stands at consecutive positions; each sequence position
    /// accepts any of its forms.
    private func sequenceOccurrences(of sequences: [[[String]]], partIndex: Int, isExact: Bool,
                                     starting: [Int: [Token]]) -> [Occurrence] {
        var found: [Occurrence] = []
        var coveredUpTo = -1
        let sequences = sequences.map { $0.map(Set.init) }
        for position in starting.keys.sorted() {
            for forms in sequences {
                guard let matched = match(forms, at: position, starting: starting),
                      let first = matched.first, let last = matched.last,
                      first.utf8Range.lowerBound >= coveredUpTo else { continue }
                found.append(Occurrence(utf8Range: first.utf8Range.lowerBound..<last.utf8Range.upperBound,
                                        line: first.line, endLine: last.endLine, partIndex: partIndex, isExact: isExact))
                coveredUpTo = last.utf8Range.upperBound
                break
            }
        }
        return found
    }

    private func match(_ forms: [Set<String>], at start: Int, starting: [Int: [Token]]) -> [Token]? {
        var position = start
        var matched: [Token] = []
        for accepted in forms {
            guard let token = starting[position]?.first(where: { accepted.contains($0.term) }) else { return nil }
            matched.append(token)
            position += token.span
        }
        return matched
    }

    /// The tokens whose terms contain one of `stems` (compared as UTF-8 bytes).
    private static func tokens(_ tokens: [Token], holdingAnyOf stems: Set<String>) -> [Token] {
        let needles = stems.map { Array($0.utf8) }
        return tokens.filter { token in
            var term = token.term
            return term.withUTF8 { term in needles.contains { bytes(term, contain: $0) } }
        }
    }

    /// Whether `needle` stands somewhere in `haystack`.
    private static func bytes(_ haystack: UnsafeBufferPointer<UInt8>, contain needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }

    /// Closed compounds that hold the word as a part (`socialpsykiatrien` for `psykiatri`).
    private func compoundOccurrences(of part: CompiledQuery.Part, partIndex: Int, tokens: [Token],
                                     excluding found: [Occurrence]) -> [Occurrence] {
        guard let vocabulary, !part.stems.isEmpty else { return [] }
        let taken = Set(found.map(\.utf8Range.lowerBound))
        return tokens.compactMap { token in
            guard !token.isJoined, !taken.contains(token.utf8Range.lowerBound),
                  part.stems.contains(where: { Self.holds(token.term, $0) }),
                  let parts = try? vocabulary.compoundParts(of: token.term),
                  parts.contains(where: { part.stems.contains(analyzer.stem($0)) }) else { return nil }
            return Occurrence(utf8Range: token.utf8Range, line: token.line, endLine: token.endLine,
                              partIndex: partIndex, isExact: false)
        }
    }

    /// Whether `term` is longer than `stem` and contains it (in bytes when both are ASCII, which
    /// is the same and much faster).
    private static func holds(_ term: String, _ stem: String) -> Bool {
        let termBytes = term.utf8, stemBytes = stem.utf8
        guard termBytes.allSatisfy({ $0 < 0x80 }) && stemBytes.allSatisfy({ $0 < 0x80 }) else {
            return term.count > stem.count && term.contains(stem)
        }
        guard termBytes.count > stemBytes.count else { return false }
        var term = term
        return term.withUTF8 { bytes($0, contain: Array(stemBytes)) }
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
