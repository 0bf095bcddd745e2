import Ingestion
import Xapian

/// A query analysed with the index's own analyser: the Xapian query to run, and for each part
/// the term sequences it can match, so passages can be found in the article text.
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
        /// Stems of the single-term alternatives (words only), for inflected matches.
        var stems: Set<String>
    }

    var parts: [Part]
    var xapianQuery: Query
}

/// Compiles parsed queries with a `DanishAnalyzer`.
struct QueryCompiler {
    let analyzer: DanishAnalyzer

    /// At most this many alternatives per query part (compounds multiply them).
    static let maximumAlternatives = 16

    func compile(_ items: [QueryItem]) throws(PeerSearchError) -> CompiledQuery {
        var parts: [CompiledQuery.Part] = []
        for item in items {
            let (role, text): (CompiledQuery.Role, String) = switch item {
            case .phrase(let text): (.phrase, text)
            case .word(let text): (.word, text)
            case .excluded(let text): (.excluded, text)
            }
            let alternatives = Self.alternatives(analyzer.tokens(in: text))
            guard !alternatives.isEmpty else { continue }
            let stems = role == .word ? Set(alternatives.filter { $0.count == 1 }.map { analyzer.stem($0[0]) }) : []
            parts.append(.init(role: role, text: text, alternatives: alternatives, stems: stems))
        }
        guard parts.contains(where: { $0.role != .excluded }) else { throw .emptyQuery }
        do {
            return CompiledQuery(parts: parts, xapianQuery: try xapianQuery(for: parts))
        } catch {
            throw .xapian(error)
        }
    }

    /// Phrases are required; words rank (and match on their own when there is no phrase).
    private func xapianQuery(for parts: [CompiledQuery.Part]) throws(XapianError) -> Query {
        var required: [Query] = [], optional: [Query] = [], excluded: [Query] = []
        for part in parts {
            switch part.role {
            case .phrase: required.append(try anyOf(part.alternatives.map { terms throws(XapianError) in try sequence(terms) }))
            case .word: optional.append(try anyOf(part.alternatives.map { terms throws(XapianError) in try word(terms) }))
            case .excluded: excluded.append(try anyOf(part.alternatives.map { terms throws(XapianError) in try sequence(terms) }))
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

    /// Terms at consecutive positions (a single term needs no positions).
    private func sequence(_ terms: [String]) throws(XapianError) -> Query {
        if terms.count == 1 { return try Query(term: terms[0]) }
        return try Query(.phrase(window: terms.count), try terms.map { term throws(XapianError) in try Query(term: term) })
    }

    /// A ranked word: its written form and its stem, so exact forms rank above inflections.
    private func word(_ terms: [String]) throws(XapianError) -> Query {
        guard terms.count == 1 else { return try sequence(terms) }
        return try Query(.or, [try Query(term: terms[0]), try Query(term: TermScheme.stemPrefix + analyzer.stem(terms[0]))])
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
