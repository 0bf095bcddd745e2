import Analysis

/// Where a quote remembered slightly wrong stands in an article, and how it differs there: the
/// stretches of words that hold it with the fewest slips (a word changed, missing or extra, two
/// neighbours swapped), what differs, and what that costs. The approximate steps of the quote
/// ladder rank their hits by the cost before BM25, so the article most like the typed quote
/// comes first, and say which words differed.
///
/// It is a word-level edit distance with a free start and end in the text (Sellers'
/// approximate string matching) and Damerau's swaps, over the words of one run of tokens. A
/// function word (a Danish stop word such as `og`, `det`, or an auxiliary verb such as `kan`,
/// `har`) missing costs half what a content word does, and a word changed costs between its
/// and its replacement's cost; another inflection of the
/// same word, or two neighbours swapped, costs less than a content word changed; a word the
/// article has that the quote leaves out costs less again, as people forget words more often
/// than they add them (`søge efter et nøgleord` for `søge efter et bestemt nøgleord`).
struct QuoteAlignment: Sendable {
    var utf8Range: Range<Int>
    var line: Int
    var endLine: Int
    /// The slips' costs summed (see `QuoteAligner`).
    var cost: Double
    /// One per slip, in the quote's order.
    var differences: [WordDifference]
    var slips: Int { differences.count }
}

/// Finds a quote's `QuoteAlignment`s in an article's tokens.
struct QuoteAligner {
    /// What each slip costs.
    static let contentWordCost = 1.0
    static let functionWordCost = 0.5
    static let inflectionCost = 0.4
    static let swapCost = 0.5
    /// A word the article has and the quote lacks costs this share of the word's cost.
    static let extraWordShare = 0.4
    /// At most this many stretches are given for one article.
    static let maximumAlignments = 32
    /// A run of more words is aligned in pieces of this many (overlapping by twice the quote),
    /// which bounds the tables' memory.
    static let pieceWords = 4096
    /// Auxiliary and modal verbs, which the stop words lack, are function words too.
    static let auxiliaryVerbs = ["kan", "kunne", "vil", "ville", "skal", "skulle", "må", "måtte", "bør", "burde",
                                 "har", "havde", "have", "er", "var", "være", "bliver", "blev", "blive"]
    /// The Danish stop words and auxiliary verbs as terms: they cost `functionWordCost`.
    static let functionWords = DanishStopwords.terms.union(auxiliaryVerbs.compactMap { Tokenizer().tokens(in: $0).first?.term })

    /// The quote's terms, in order (as the analyser makes them).
    let terms: [String]
    /// The quote's words as typed (lowercased), one per term, for the differences.
    let words: [String]
    let analyzer: DanishAnalyzer
    /// The article's text, whose words (lowercased) the differences give; without it, terms.
    var text: ArticleText?

    /// Every stretch of `tokens` (one article's, in order; joined compounds are passed over)
    /// holding the quote with at most `maximumSlips` slips, best first where they overlap,
    /// in text order. A stretch must hold two of the quote's words as written, or all of a
    /// quote of fewer words.
    func alignments(in tokens: [Token], maximumSlips: Int) -> [QuoteAlignment] {
        guard !terms.isEmpty else { return [] }
        let words = tokens.filter { !$0.isJoined }
        var found: [QuoteAlignment] = []
        var runStart = 0
        for index in words.indices {
            let isLast = index == words.count - 1
            // Windows cut apart by `CandidateTokens` leave a gap in the positions: a run ends there.
            if isLast || words[index + 1].position - words[index].position > 2 {
                var pieceStart = runStart
                while pieceStart <= index {
                    let pieceEnd = min(index, pieceStart + Self.pieceWords - 1)
                    found += alignments(in: words[pieceStart...pieceEnd], maximumSlips: maximumSlips)
                    if pieceEnd == index { break }
                    pieceStart = pieceEnd + 1 - 2 * terms.count
                }
                runStart = index + 1
            }
        }
        // Pieces overlap: a stretch found twice is given once.
        var seen: Set<Int> = []
        return found.sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
            .filter { seen.insert($0.utf8Range.lowerBound).inserted }
    }

    /// The `DP` table's step into a cell.
    private enum Move: UInt8 {
        case start, diagonal, missing, extra, swap
    }

    private func alignments(in run: ArraySlice<Token>, maximumSlips: Int) -> [QuoteAlignment] {
        let text = Array(run)
        let n = terms.count, m = text.count
        let width = m + 1
        let queryStems = terms.map(analyzer.stem)
        let queryWeights = terms.map(weight)
        let textWeights = text.map { weight($0.term) }
        let extraCosts = textWeights.map { $0 * Self.extraWordShare }
        var textStems = [String?](repeating: nil, count: m)
        func substitution(_ j: Int, _ i: Int) -> Double {
            if terms[j] == text[i].term { return 0 }
            if textStems[i] == nil { textStems[i] = analyzer.stem(text[i].term) }
            if textStems[i] == queryStems[j] { return Self.inflectionCost }
            // Between the two words' costs: never above a word missing and another extra.
            return (queryWeights[j] + textWeights[i]) / 2
        }
        // cost[j * width + i]: the least cost of the quote's first j words ending before text word i.
        var cost = [Double](repeating: 0, count: (n + 1) * width)
        var slips = [Int](repeating: 0, count: (n + 1) * width)
        var moves = [Move](repeating: .start, count: (n + 1) * width)
        for j in 1...n {
            cost[j * width] = cost[(j - 1) * width] + queryWeights[j - 1]
            slips[j * width] = j
            moves[j * width] = .missing
        }
        for j in 1...n {
            for i in 1...m {
                let here = j * width + i
                let diagonalCost = substitution(j - 1, i - 1)
                var best = (cost: cost[here - width - 1] + diagonalCost, slips: slips[here - width - 1] + (diagonalCost > 0 ? 1 : 0),
                            move: Move.diagonal)
                func consider(_ candidate: (cost: Double, slips: Int, move: Move)) {
                    if candidate.cost < best.cost - 1e-9 || (abs(candidate.cost - best.cost) <= 1e-9 && candidate.slips < best.slips) {
                        best = candidate
                    }
                }
                consider((cost[here - width] + queryWeights[j - 1], slips[here - width] + 1, .missing))
                consider((cost[here - 1] + extraCosts[i - 1], slips[here - 1] + 1, .extra))
                if j >= 2, i >= 2, terms[j - 1] != terms[j - 2], terms[j - 1] == text[i - 2].term, terms[j - 2] == text[i - 1].term {
                    consider((cost[here - 2 * width - 2] + Self.swapCost, slips[here - 2 * width - 2] + 1, .swap))
                }
                (cost[here], slips[here], moves[here]) = best
            }
        }
        // Ends of stretches within the slips allowed, cheapest first; overlapping ones give way.
        let ends = (1...m).filter { slips[n * width + $0] <= maximumSlips }
            .sorted { (cost[n * width + $0], $0) < (cost[n * width + $1], $1) }
        var taken: [ClosedRange<Int>] = []
        var found: [QuoteAlignment] = []
        for end in ends where found.count < Self.maximumAlignments {
            guard let (first, differences, asWritten) = path(endingBefore: end, moves: moves, width: width, text: text),
                  asWritten >= min(n, 2), !taken.contains(where: { $0.overlaps(first...(end - 1)) }) else { continue }
            taken.append(first...(end - 1))
            found.append(QuoteAlignment(utf8Range: text[first].utf8Range.lowerBound..<text[end - 1].utf8Range.upperBound,
                                        line: text[first].line, endLine: text[end - 1].endLine,
                                        cost: cost[n * width + end], differences: differences))
        }
        return found
    }

    /// Walks the moves back from the whole quote ending before text word `end`: the first text
    /// word of the stretch, the differences in quote order, and how many quote words stand as
    /// written. Nil for a stretch that holds no text word.
    private func path(endingBefore end: Int, moves: [Move], width: Int, text: [Token])
        -> (first: Int, differences: [WordDifference], asWritten: Int)? {
        var j = terms.count, i = end
        var differences: [WordDifference] = []
        var asWritten = 0
        var first: Int?
        while j > 0 {
            switch moves[j * width + i] {
            case .start:
                j = 0
            case .diagonal:
                if terms[j - 1] == text[i - 1].term {
                    asWritten += 1
                } else {
                    differences.append(.init(query: words[j - 1], text: written(text[i - 1])))
                }
                first = i - 1
                j -= 1; i -= 1
            case .missing:
                differences.append(.init(query: words[j - 1], text: ""))
                j -= 1
            case .extra:
                differences.append(.init(query: "", text: written(text[i - 1])))
                first = i - 1
                i -= 1
            case .swap:
                differences.append(.init(query: "\(words[j - 2]) \(words[j - 1])",
                                         text: "\(written(text[i - 2])) \(written(text[i - 1]))"))
                asWritten += 2
                first = i - 2
                j -= 2; i -= 2
            }
        }
        guard let first else { return nil }
        return (first, differences.reversed(), asWritten)
    }

    /// A token's word as the article writes it, lowercased.
    private func written(_ token: Token) -> String {
        guard let text, token.utf8Range.upperBound <= text.bytes.count else { return token.term }
        return String(decoding: text.bytes[token.utf8Range], as: UTF8.self).lowercased()
    }

    private func weight(_ term: String) -> Double {
        Self.functionWords.contains(term) ? Self.functionWordCost : Self.contentWordCost
    }
}
