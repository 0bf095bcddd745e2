import Ingestion
import Xapian

/// A query analysed with the index's own analyser: the Xapian queries to run, and for each part
/// the terms it can match, so passages can be found in the article text.
struct CompiledQuery {
    enum Role {
        case phrase, word, excluded
    }

    struct Part {
        var role: Role
        var text: String
        /// Ways the part can stand in a text: each a sequence of terms at consecutive positions.
        /// A hyphenated compound has two: its parts, and the parts joined.
        var alternatives: [[String]]
        /// For each alternative, for each of its positions, the forms accepted for an inflected
        /// match (the written form first).
        var forms: [[[String]]]
        /// Stems of the single-term alternatives (words only), for inflected matches.
        var stems: Set<String>
    }

    /// One step of the quote ladder: the query that finds hits of this kind.
    struct Step {
        var kind: MatchKind
        var query: Query
    }

    var parts: [Part]
    /// Exact first, then (for phrases, unless turned off) inflected and approximate.
    var ladder: [Step]
    var hasPhrase: Bool { parts.contains { $0.role == .phrase } }
}

/// Compiles parsed queries with a `DanishAnalyzer`, expanding inflections from a `Vocabulary`.
struct QueryCompiler {
    let analyzer: DanishAnalyzer
    /// Where compound splits and inflections come from.
    let vocabulary: Vocabulary?
    /// Whether phrases get the inflected and approximate steps of the quote ladder.
    var climbsLadder = true

    /// At most this many alternatives per query part (compounds multiply them).
    static let maximumAlternatives = 16
    /// In ranked word queries a word counts through its stem, so every inflection counts; the
    /// written form adds this much on top, so exact forms win ties. (Larger bonuses hurt: a
    /// query's inflection is often not the one the wanted article uses.)
    static let exactFormWeight = 0.1
    /// The title's stems as a field of their own (`ZS`) add this much, on top of title words
    /// counting `TermScheme.titleWeight` times in the body field.
    static let titleFieldWeight = 1.0
    /// A word found as part of a closed compound counts this much (below a whole word).
    static let compoundPartWeight = 0.3

    func compile(_ items: [QueryItem]) throws(PeerSearchError) -> CompiledQuery {
        do {
            let parts = try compileParts(items)
            guard parts.contains(where: { $0.role != .excluded }) else { throw PeerSearchError.emptyQuery }
            var ladder = [CompiledQuery.Step(kind: .exact, query: try query(for: parts, phrase: exactPhrase))]
            if climbsLadder, vocabulary != nil, parts.contains(where: { $0.role == .phrase }) {
                ladder.append(.init(kind: .inflected, query: try query(for: parts, phrase: inflectedPhrase)))
                ladder.append(.init(kind: .approximate, query: try query(for: parts, phrase: approximatePhrase)))
            }
            return CompiledQuery(parts: parts, ladder: ladder)
        } catch let error as PeerSearchError {
            throw error
        } catch let error as XapianError {
            throw .xapian(error)
        } catch {
            throw .emptyQuery
        }
    }

    private func compileParts(_ items: [QueryItem]) throws(XapianError) -> [CompiledQuery.Part] {
        var parts: [CompiledQuery.Part] = []
        for item in items {
            let (role, text): (CompiledQuery.Role, String) = switch item {
            case .phrase(let text): (.phrase, text)
            case .word(let text): (.word, text)
            case .excluded(let text): (.excluded, text)
            }
            var alternatives = Self.alternatives(analyzer.tokens(in: text))
            guard !alternatives.isEmpty else { continue }
            if let vocabulary { alternatives += try splitAlternatives(alternatives, vocabulary: vocabulary) }
            var forms: [[[String]]] = alternatives.map { $0.map { [$0] } }
            if role == .phrase, climbsLadder, let vocabulary {
                forms = try alternatives.map { terms throws(XapianError) in
                    try terms.map { term throws(XapianError) in try vocabulary.forms(of: term) }
                }
            }
            let stems = role == .word ? Set(alternatives.filter { $0.count == 1 }.map { analyzer.stem($0[0]) }) : []
            parts.append(.init(role: role, text: text, alternatives: alternatives, forms: forms, stems: stems))
        }
        return parts
    }

    /// Alternatives with a closed compound written split (`peermedarbejder` → `peer medarbejder`).
    private func splitAlternatives(_ alternatives: [[String]], vocabulary: Vocabulary) throws(XapianError) -> [[String]] {
        var split: [[String]] = []
        for terms in alternatives {
            for (index, term) in terms.enumerated() {
                guard let parts = try vocabulary.compoundParts(of: term) else { continue }
                var variant = terms
                variant.replaceSubrange(index...index, with: parts)
                if !alternatives.contains(variant), !split.contains(variant) { split.append(variant) }
            }
        }
        return Array(split.prefix(Self.maximumAlternatives))
    }

    /// Phrases are required; words rank (and match on their own when there is no phrase).
    private func query(for parts: [CompiledQuery.Part],
                       phrase: (CompiledQuery.Part) throws(XapianError) -> Query) throws(XapianError) -> Query {
        var required: [Query] = [], optional: [Query] = [], excluded: [Query] = []
        for part in parts {
            switch part.role {
            case .phrase: required.append(try phrase(part))
            case .word: optional.append(try anyOf(part.alternatives.map { terms throws(XapianError) in try word(terms) }))
            case .excluded: excluded.append(try exactPhrase(part))
            }
        }
        var query: Query
        if required.isEmpty {
            query = try anyOf(optional)
        } else {
            query = required.count == 1 ? required[0] : try Query(.and, required)
            if !optional.isEmpty { query = try Query(.andMaybe, [query, try anyOf(optional)]) }
        }
        if !excluded.isEmpty { query = try Query(.andNot, [query, try anyOf(excluded)]) }
        return query
    }

    /// The words as written, in order.
    private func exactPhrase(_ part: CompiledQuery.Part) throws(XapianError) -> Query {
        try anyOf(part.alternatives.map { terms throws(XapianError) in
            try sequence(terms.map { term throws(XapianError) in try Query(term: term) }, window: terms.count)
        })
    }

    /// The words in order, each in any of its forms.
    private func inflectedPhrase(_ part: CompiledQuery.Part) throws(XapianError) -> Query {
        try anyOf(part.forms.map { positions throws(XapianError) in
            try sequence(try positions.map { forms throws(XapianError) in try anyOf(forms) }, window: positions.count)
        })
    }

    /// The quote remembered slightly wrong: one word more or less, two neighbours swapped, or one
    /// word changed, within a window one position wider than the quote.
    private func approximatePhrase(_ part: CompiledQuery.Part) throws(XapianError) -> Query {
        var variants: [Query] = []
        for positions in part.forms where positions.count >= 2 {
            let groups = try positions.map { forms throws(XapianError) in try anyOf(forms) }
            let count = groups.count
            variants.append(try Query(.phrase(window: count + 1), groups))  // one word inserted
            variants.append(try Query(.near(window: count), groups))        // neighbours swapped
            if count >= 3 {
                for dropped in 0..<count {                                   // one word missing or changed
                    var rest = groups
                    rest.remove(at: dropped)
                    variants.append(try Query(.phrase(window: count), rest))
                }
            }
        }
        return variants.isEmpty ? try inflectedPhrase(part) : try anyOf(variants)
    }

    private func sequence(_ queries: [Query], window: Int) throws(XapianError) -> Query {
        queries.count == 1 ? queries[0] : try Query(.phrase(window: window), queries)
    }

    /// A ranked word: its stem in the body and in the title field, its written form a little
    /// above (so exact forms win ties), and compounds holding it below.
    private func word(_ terms: [String]) throws(XapianError) -> Query {
        guard terms.count == 1 else {
            return try sequence(terms.map { term throws(XapianError) in try Query(term: term) }, window: terms.count)
        }
        let stem = analyzer.stem(terms[0])
        return try Query(.or, [
            try Query(term: TermScheme.stemPrefix + stem),
            try Query(term: TermScheme.titleStemPrefix + stem).scaled(by: Self.titleFieldWeight),
            try Query(term: terms[0]).scaled(by: Self.exactFormWeight),
            try Query(term: TermScheme.compoundPartPrefix + stem).scaled(by: Self.compoundPartWeight),
        ])
    }

    private func anyOf(_ terms: [String]) throws(XapianError) -> Query {
        try anyOf(terms.map { term throws(XapianError) in try Query(term: term) })
    }

    private func anyOf(_ queries: [Query]) throws(XapianError) -> Query {
        queries.count == 1 ? queries[0] : try Query(.or, queries)
    }

    /// Every way to read `tokens` from the first position to the last, taking at each position
    /// either the word there or a joined compound that starts there.
    static func alternatives(_ tokens: [Token]) -> [[String]] {
        guard let first = tokens.map(\.position).min(),
              let end = tokens.map({ $0.position + $0.span }).max() else { return [] }
        let starting = Dictionary(grouping: tokens, by: \.position)
        var results: [[String]] = []
        func extend(_ position: Int, _ terms: [String]) {
            guard results.count < maximumAlternatives else { return }
            if position >= end {
                if !terms.isEmpty { results.append(terms) }
                return
            }
            guard let here = starting[position] else { return extend(position + 1, terms) }
            for token in here.sorted(by: { $0.span < $1.span }) {
                extend(position + token.span, terms + [token.term])
            }
        }
        extend(first, [])
        return results
    }
}
