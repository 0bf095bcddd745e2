import Analysis
import Ingestion
import Xapian

/// A query analysed with the index's own analyser: the Xapian queries to run, and the words
/// and phrases to look for in the article text, so passages can be cut.
struct CompiledQuery {
    enum Role {
        case phrase, word, prefix
    }

    /// A word, phrase or prefix of the query (outside fields and exclusions).
    struct Part {
        var role: Role
        var text: String
        /// Ways the part can stand in a text: each a sequence of terms at consecutive positions.
        /// A hyphenated compound has two: its parts, and the parts joined.
        var alternatives: [[String]]
        /// For each alternative, for each of its positions, the forms accepted for an inflected
        /// match (the written form first).
        var forms: [[[String]]]
        /// Stems of the single-term alternatives, with their related stems the index holds (words
        /// only), for inflected matches.
        var stems: Set<String>
    }

    /// One step of the quote ladder: the query that finds hits of this kind.
    struct Step {
        var kind: MatchKind
        var query: Query
        /// At an approximate step, the slips a quote may have (see `QuoteAligner`).
        var slips = 0
        /// Whether the query only gathers candidates, of which the hits are those holding the
        /// quote within `slips` (the two-slip step).
        var keepsOnlyHitsWithinSlips = false
    }

    var node: QueryNode
    var parts: [Part]
    /// The first step of the ladder: every phrase as written.
    var exact: Step
    var hasPhrase: Bool { parts.contains { $0.role == .phrase } }
}

/// Compiles parsed queries with a `DanishAnalyzer`, expanding inflections and compounds from a
/// `Vocabulary`.
struct QueryCompiler {
    let analyzer: DanishAnalyzer
    /// Where compound splits and inflections come from.
    let vocabulary: Vocabulary?
    /// Whether phrases get the inflected and approximate steps of the quote ladder.
    var climbsLadder = true

    /// At most this many alternatives per query part (compounds multiply them).
    static let maximumAlternatives = 16
    /// The title's stems as a field of their own (`ZS`) add this much, on top of title words
    /// counting `TermScheme.titleWeight` times in the body field.
    static let titleFieldWeight = 1.0
    /// A word found as part of a closed compound counts this much (below a whole word).
    static let compoundPartWeight = 0.3
    /// A `prefix*` stands for at most this many words (the most frequent).
    static let maximumPrefixExpansion: UInt32 = 200

    /// How a phrase becomes a Xapian query at one step of the ladder.
    private typealias PhraseStrategy = (CompiledQuery.Part) throws(XapianError) -> Query

    /// The query's parts and the first step of the ladder. Throws `PeerSearchError.emptyQuery`
    /// for a query with no words to search for, and Xapian's errors reading the vocabulary.
    func compile(_ node: QueryNode) throws -> CompiledQuery {
        var parts: [CompiledQuery.Part] = []
        try collectParts(node, into: &parts)
        guard !parts.isEmpty || Self.hasFilter(node) else { throw PeerSearchError.emptyQuery }
        let exact = try query(for: node, parts: parts, phrase: exactPhrase)
        return CompiledQuery(node: node, parts: parts, exact: .init(kind: .exact, query: exact))
    }

    /// The later steps of the ladder for `compiled`, in order: inflected, then approximate. None
    /// without phrases, a vocabulary, with `climbsLadder` off, or for a quote too long for them.
    func laterSteps(of compiled: CompiledQuery) -> [MatchKind] {
        guard climbsLadder, vocabulary != nil, compiled.hasPhrase, !isTooLongForTheLadder(compiled) else { return [] }
        return [.inflected, .approximate]
    }

    /// A quote of more words than this is looked for as written only: the later steps build a
    /// query per word left out and per inflection, whose cost grows with its length (real
    /// quotes are far shorter; the query language allows up to `QuerySyntax`'s phrase limit).
    static let maximumLadderWords = 24

    /// Whether a phrase of `compiled` has more words than the later ladder steps take.
    func isTooLongForTheLadder(_ compiled: CompiledQuery) -> Bool {
        Self.longestQuote(in: compiled) > Self.maximumLadderWords
    }

    /// The most words a quote of `compiled` has, in any of its alternatives; 0 without quotes.
    private static func longestQuote(in compiled: CompiledQuery) -> Int {
        compiled.parts.filter { $0.role == .phrase }.flatMap(\.alternatives).map(\.count).max() ?? 0
    }

    /// `compiled` with its phrases' inflected forms from the index's vocabulary, which the later
    /// steps of the ladder and their passages need.
    func withInflections(_ compiled: CompiledQuery) throws(XapianError) -> CompiledQuery {
        guard let vocabulary else { return compiled }
        var inflected = compiled
        for index in inflected.parts.indices where inflected.parts[index].role == .phrase {
            inflected.parts[index].forms = try inflected.parts[index].alternatives.map { terms throws(XapianError) in
                try terms.map { term throws(XapianError) in try vocabulary.forms(of: term) }
            }
        }
        return inflected
    }

    /// The query of a later step of the ladder (`laterSteps`), for a query `withInflections`.
    func step(_ kind: MatchKind, of inflected: CompiledQuery) throws(XapianError) -> CompiledQuery.Step {
        let phrase: PhraseStrategy
        switch kind {
        case .inflected: phrase = inflectedPhrase
        case .approximate: phrase = approximatePhrase
        case .exact, .partial, .words: phrase = exactPhrase
        }
        return .init(kind: kind, query: try query(for: inflected.node, parts: inflected.parts, phrase: phrase),
                     slips: kind == .approximate ? 1 : 0)
    }

    /// A quote of this many words or more that no earlier step finds is looked for with up to
    /// two slips (fewer words and two slips leave too little of the quote to go by).
    static let minimumTwoSlipWords = 6

    /// The two-slip step for `compiled` (with inflections), or nil when the query has no quote
    /// long enough for it (or the ladder is off). Its query gathers the articles richest in the
    /// quotes' words (`words`, the words step's query), and the hits are those of them that
    /// hold a quote with at most two slips.
    func twoSlipStep(of compiled: CompiledQuery, words: CompiledQuery) -> CompiledQuery.Step? {
        guard !laterSteps(of: compiled).isEmpty, Self.longestQuote(in: compiled) >= Self.minimumTwoSlipWords else { return nil }
        return .init(kind: .approximate, query: words.exact.query, slips: 2, keepsOnlyHitsWithinSlips: true)
    }

    /// The ladder's last step: `compiled` with its quotes' words searched as ranked words, for
    /// a quote that no earlier step finds. Nil without a quote, or with `climbsLadder` off.
    func words(of compiled: CompiledQuery) throws -> CompiledQuery? {
        guard climbsLadder, compiled.hasPhrase else { return nil }
        var words = try compile(Self.quotesAsWords(compiled.node))
        words.exact.kind = .words
        return words
    }

    /// `node` with every quote (outside fields and exclusions) as its words, any of which may match.
    private static func quotesAsWords(_ node: QueryNode) -> QueryNode {
        switch node {
        case .phrase(let text, nil):
            let words = Tokenizer().tokens(in: text).filter { !$0.isJoined }.map { token in
                QueryNode.word(String(decoding: Array(text.utf8)[token.utf8Range], as: UTF8.self), field: nil)
            }
            return .group(required: [], optional: words, excluded: [])
        case .group(let required, let optional, let excluded):
            return .group(required: required.map(quotesAsWords), optional: optional.map(quotesAsWords), excluded: excluded)
        case .any(let children):
            return .any(children.map(quotesAsWords))
        default:
            return node
        }
    }

    // MARK: Parts

    /// The words, phrases and prefixes outside fields and exclusions, in query order.
    private func collectParts(_ node: QueryNode, into parts: inout [CompiledQuery.Part]) throws {
        switch node {
        case .word(let text, nil):
            if let part = try part(.word, text) { parts.append(part) }
        case .phrase(let text, nil):
            if let part = try part(.phrase, text) { parts.append(part) }
        case .prefix(let text, nil):
            if let term = analyzer.tokens(in: text).first?.term {
                parts.append(.init(role: .prefix, text: text, alternatives: [[term]], forms: [[[term]]], stems: []))
            }
        case .near(let words, _):
            for word in words { if let part = try part(.word, word) { parts.append(part) } }
        case .group(let required, let optional, _):
            for child in required + optional { try collectParts(child, into: &parts) }
        case .any(let children):
            for child in children { try collectParts(child, into: &parts) }
        case .word, .phrase, .prefix, .date, .exact, .folder:
            break
        }
    }

    /// Whether `node` selects articles by something other than text words (fields, dates).
    private static func hasFilter(_ node: QueryNode) -> Bool {
        switch node {
        case .word(_, let field), .phrase(_, let field): field != nil
        case .prefix, .date, .exact, .folder: true
        case .near: false
        case .group(let required, let optional, _): (required + optional).contains(where: hasFilter)
        case .any(let children): children.contains(where: hasFilter)
        }
    }

    /// The part `collectParts` made for this text (it carries the inflected forms the later ladder
    /// steps need); parts it leaves out, such as excluded words, are made here.
    private func part(_ role: CompiledQuery.Role, _ text: String,
                      collected: [CompiledQuery.Part]) throws(XapianError) -> CompiledQuery.Part? {
        if let known = collected.first(where: { $0.role == role && $0.text == text }) { return known }
        return try part(role, text)
    }

    private func part(_ role: CompiledQuery.Role, _ text: String) throws(XapianError) -> CompiledQuery.Part? {
        var alternatives = Self.alternatives(analyzer.tokens(in: text))
        guard !alternatives.isEmpty else { return nil }
        if let vocabulary { alternatives += try splitAlternatives(alternatives, vocabulary: vocabulary) }
        let forms: [[[String]]] = alternatives.map { $0.map { [$0] } }  // `withInflections` adds the inflections
        let stems = role == .word ? Set(alternatives.filter { $0.count == 1 }.flatMap { wordStems(of: $0[0]) }) : []
        return .init(role: role, text: text, alternatives: alternatives, forms: forms, stems: stems)
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

    // MARK: Xapian queries

    /// The Xapian query for `node`, phrases built by `phrase`.
    private func query(for node: QueryNode, parts: [CompiledQuery.Part], phrase: PhraseStrategy) throws(XapianError) -> Query {
        switch node {
        case .word(let text, nil):
            guard let part = try part(.word, text, collected: parts) else { return try Query.matchNothing() }
            return try anyOf(part.alternatives.map { terms throws(XapianError) in try word(terms) })
        case .phrase(let text, nil):
            guard let part = try part(.phrase, text, collected: parts) else { return try Query.matchNothing() }
            return try phrase(part)
        case .word(let text, let field?), .phrase(let text, let field?):
            return try fielded(text, in: field, asPhrase: { if case .phrase = node { true } else { false } }())
        case .prefix(let text, let field):
            guard let term = analyzer.tokens(in: text).first?.term else { return try Query.matchNothing() }
            return try Query(wildcard: Self.prefix(of: field) + term, maxExpansion: Self.maximumPrefixExpansion)
        case .date(let from, let to):
            return try Query(valueSlot: TermScheme.Slot.date, from: from, to: to)
        case .exact(let field, let value):
            // `format=` is a known word in any case; the other values are matched as stored.
            let stored = field == .format ? value.lowercased() : value
            return try Query(valueSlot: field.slot, from: stored, to: stored)
        case .folder(let folder):
            // The folder itself, or any below it: a value from `folder/` up to `folder/` and the
            // highest code point.
            var path = folder.hasPrefix("/") ? folder : FileCollector.absolute(folder)
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            let below = path == "/" ? "/" : path + "/"
            return try Query(.or, [try Query(valueSlot: TermScheme.Slot.folder, from: path, to: path),
                                   try Query(valueSlot: TermScheme.Slot.folder, from: below,
                                             to: below + String(repeating: "\u{10FFFF}", count: 8))])
        case .near(let words, let window):
            let groups = try words.map { word throws(XapianError) -> Query in
                guard let term = analyzer.tokens(in: word).first?.term else { return try Query.matchNothing() }
                return try anyOf(try vocabulary?.forms(of: term) ?? [term])
            }
            return try Query(.near(window: max(window, groups.count)), groups)
        case .group(let required, let optional, let excluded):
            // Filters (dates, `author=` …) narrow what the rest matches: beside plain words they
            // keep them required (one must match), as without the filter.
            let filters = try required.filter(Self.isFilter).map { node throws(XapianError) in
                try query(for: node, parts: parts, phrase: phrase)
            }
            let requiredQueries = try required.filter { !Self.isFilter($0) }.map { node throws(XapianError) in
                try query(for: node, parts: parts, phrase: phrase)
            }
            let optionalQueries = try optional.map { node throws(XapianError) in try query(for: node, parts: parts, phrase: phrase) }
            var result: Query
            if requiredQueries.isEmpty && optionalQueries.isEmpty {
                result = filters.count == 1 ? filters[0] : try Query(.and, filters)
            } else {
                if requiredQueries.isEmpty {
                    result = try anyOf(optionalQueries)
                } else {
                    result = requiredQueries.count == 1 ? requiredQueries[0] : try Query(.and, requiredQueries)
                    if !optionalQueries.isEmpty { result = try Query(.andMaybe, [result, try anyOf(optionalQueries)]) }
                }
                if !filters.isEmpty { result = try Query(.filter, [result] + filters) }
            }
            if !excluded.isEmpty {
                // Left-out words and phrases count as written only.
                let left = try excluded.map { node throws(XapianError) in
                    try query(for: node, parts: parts) { part throws(XapianError) in try exactPhrase(part) }
                }
                result = try Query(.andNot, [result, try anyOf(left)])
            }
            return result
        case .any(let children):
            return try anyOf(try children.map { node throws(XapianError) in try query(for: node, parts: parts, phrase: phrase) })
        }
    }

    /// Whether `node` only selects articles, with no words to rank by: `date:`, `author=` ….
    private static func isFilter(_ node: QueryNode) -> Bool {
        switch node {
        case .date, .exact, .folder: true
        default: false
        }
    }

    /// A word or phrase limited to the title, author or source field.
    private func fielded(_ text: String, in field: QueryField, asPhrase: Bool) throws(XapianError) -> Query {
        let prefix = Self.prefix(of: field)
        let alternatives = Self.alternatives(analyzer.tokens(in: text))
        guard !alternatives.isEmpty else { return try Query.matchNothing() }
        return try anyOf(alternatives.map { terms throws(XapianError) -> Query in
            if terms.count == 1 && !asPhrase && field == .title {
                return try Query(.or, [try Query(term: prefix + terms[0]),
                                       try Query(term: TermScheme.titleStemPrefix + analyzer.stem(terms[0]))])
            }
            return try sequence(terms.map { term throws(XapianError) in try Query(term: prefix + term) }, window: terms.count)
        })
    }

    private static func prefix(of field: QueryField?) -> String {
        switch field {
        case nil: ""
        case .title: TermScheme.titlePrefix
        case .author: TermScheme.authorPrefix
        case .source: TermScheme.sourcePrefix
        }
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
    /// word changed, within a window one position wider than the quote. The other words stand as
    /// written: one slip at a time (allowing inflections too made the step twice as slow on
    /// large indexes and ranked remembered-wrong quotes lower).
    private func approximatePhrase(_ part: CompiledQuery.Part) throws(XapianError) -> Query {
        var variants: [Query] = []
        for terms in part.alternatives where terms.count >= 2 {
            let words = try terms.map { term throws(XapianError) in try Query(term: term) }
            let count = words.count
            variants.append(try Query(.phrase(window: count + 1), words))  // one word inserted
            variants.append(try Query(.near(window: count), words))        // neighbours swapped
            if count >= 3 {
                for dropped in 0..<count {                                  // one word missing or changed
                    var rest = words
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

    /// A ranked word: its stem in the body and in the title field, and compounds holding it
    /// below, each as one term with the related stems the index holds (`tildelte` finds
    /// `Tildel kolonner`; see `Vocabulary.relatedStems`). Every inflection counts alike: a bonus
    /// for the written form changed no measured ranking and cost 40% of the matching time of
    /// plain word queries.
    private func word(_ terms: [String]) throws(XapianError) -> Query {
        guard terms.count == 1 else {
            return try sequence(terms.map { term throws(XapianError) in try Query(term: term) }, window: terms.count)
        }
        let stems = wordStems(of: terms[0])
        func field(_ prefix: String) throws(XapianError) -> Query {
            try anyOf(stems.map { prefix + $0 }, combinedAs: .synonym)
        }
        return try Query(.or, [
            try field(TermScheme.stemPrefix),
            try field(TermScheme.titleStemPrefix).scaled(by: Self.titleFieldWeight),
            try field(TermScheme.compoundPartPrefix).scaled(by: Self.compoundPartWeight),
        ])
    }

    /// A word's stem, then the related stems the index holds (`Vocabulary.relatedStems`).
    private func wordStems(of term: String) -> [String] {
        let stem = analyzer.stem(term)
        guard let vocabulary else { return [stem] }
        return [stem] + Vocabulary.relatedStems(stem).subtracting([stem]).sorted()
            .filter { vocabulary.articleCount(of: TermScheme.stemPrefix + $0) > 0 }
    }

    /// `terms` as one query: any of them (`.or`), or, with `.synonym`, as if they were one term.
    private func anyOf(_ terms: [String], combinedAs combination: Query.Operator = .or) throws(XapianError) -> Query {
        try anyOf(terms.map { term throws(XapianError) in try Query(term: term) }, combinedAs: combination)
    }

    private func anyOf(_ queries: [Query], combinedAs combination: Query.Operator = .or) throws(XapianError) -> Query {
        queries.count == 1 ? queries[0] : try Query(combination, queries)
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
