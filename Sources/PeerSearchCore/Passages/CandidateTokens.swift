import Analysis
import Ingestion

/// The tokens of an article worth looking for matches in: only the lines that can hold one (and
/// a few around them, for matches that run across lines) are analysed, not the whole text.
///
/// Each query part gives anchors: terms one of which stands in the folded text (`FoldedText`)
/// wherever the part can match at the ladder step. A word's anchor is its stem (every inflection
/// and every compound holding the word contains it: Danish Snowball stems are prefixes), a
/// phrase's its rarest word in the index (as written, or what its accepted forms share); an
/// approximate quote may lack a word (or two, at the two-slip step), so two (three) of its
/// words anchor it. A phrase's anchor brings
/// its other words as companions: lines around an anchor that lack them cannot hold the phrase
/// and are passed over. A part without an ASCII anchor makes the whole text the candidate.
/// Made once per query step, used for every hit.
struct CandidateTokens {
    /// A term to look for, and the terms that must stand near it for a match to be possible.
    struct Anchor: Hashable {
        var term: [UInt8]
        /// Terms that a match around `term` holds too, `needed` of them at least.
        var companions: [[UInt8]] = []
        var needed = 0
    }

    /// Lines with words analysed before and after each line holding an anchor, at least.
    static let minimumContextLines = 2
    /// Words shorter than this anchor a phrase only when it has no longer one: as a byte
    /// search in the folded text they stand inside too many other words.
    static let minimumRareAnchorLength = 4
    /// An article longer than this is not analysed beyond this much for one hit: a share of it
    /// for each anchor, taken by its first windows in text order (so a rare word's windows are
    /// not crowded out by a common one's).
    static let maximumAnalysedBytes = 1 << 20
    /// The lines around an anchor are analysed unless they are longer than this (a text of one
    /// huge line): then a window of `windowContextBytes` of folded text on each side of it is.
    static let maximumLineWindowBytes = 64 << 10
    static let windowContextBytes = 2048

    let query: CompiledQuery
    /// Nil when any line could hold a match.
    let anchors: [Anchor]?
    private let context: Int

    /// `frequency` tells in how many articles of the index a term stands, so a phrase is
    /// anchored by its rarest word; without it, by its longest.
    init(query: CompiledQuery, step: MatchKind, slips: Int = 1, frequency: ((String) -> Int)? = nil) {
        self.query = query
        anchors = Self.anchors(of: query, step: step, slips: slips, frequency: frequency)
        context = Self.contextLines(for: query)
    }

    /// The tokens of the windows of `text` that can hold a match, with their positions, lines and
    /// offsets as in the whole text (each window's positions apart from the others'). Anchors
    /// are looked for, and windows analysed in text order, until `deadline` has passed.
    func tokens(of text: ArticleText, analyzer: DanishAnalyzer, until deadline: ContinuousClock.Instant? = nil) -> [Token] {
        guard !query.parts.isEmpty else { return [] }
        guard let anchors else {
            return tokens(of: text, in: [0..<text.wordBoundary(before: Self.maximumAnalysedBytes)], analyzer: analyzer,
                          until: deadline)
        }
        let folded = FoldedText(utf8: text.bytes)
        let lines = Lines(text: text)
        let share = text.bytes.count <= Self.maximumAnalysedBytes ? Int.max : Self.maximumAnalysedBytes / max(1, anchors.count)
        var windows: [Range<Int>] = []
        for anchor in anchors {
            // Windows come in text order: each adds what the one before does not hold.
            var added = 0
            var previous = 0..<0
            folded.forEachOccurrence(of: anchor.term) { found, holding in
                if let deadline, ContinuousClock.now >= deadline { return false }
                guard let window = window(around: found, on: holding, for: anchor, in: text, folded: folded, lines: lines) else {
                    return true
                }
                added += window.count - min(window.count, max(0, previous.upperBound - window.lowerBound))
                previous = window
                windows.append(window)
                return added < share
            }
        }
        return tokens(of: text, in: Self.merged(windows), analyzer: analyzer, until: deadline)
    }

    /// The bytes of `text` to analyse around an anchor found at `found` (of the folded text), on
    /// lines `holding`: its lines widened by the context, or bytes around it when they are too
    /// long; nil when the anchor's companions are not there.
    private func window(around found: Range<Int>, on holding: ClosedRange<Int>, for anchor: Anchor, in text: ArticleText,
                        folded: FoldedText, lines: Lines) -> Range<Int>? {
        let lineWindow = lines.widened(holding, by: context)
        let bytes = text.byteRange(of: lineWindow)
        if bytes.count <= Self.maximumLineWindowBytes {
            guard anchor.needed == 0 || anchor.companions.count(where: { folded.contains($0, inLines: lineWindow) }) >= anchor.needed else {
                return nil
            }
            return bytes
        }
        let around = max(0, found.lowerBound - Self.windowContextBytes)..<min(folded.count, found.upperBound + Self.windowContextBytes)
        guard anchor.needed == 0 || anchor.companions.count(where: { folded.contains($0, in: around) }) >= anchor.needed else {
            return nil
        }
        let source = folded.sourceRange(covering: around)
        return text.wordBoundary(before: source.lowerBound)..<text.wordBoundary(before: source.upperBound)
    }

    /// The tokens of `segments` (byte ranges of `text` in order, apart), analysed one after the
    /// other until `deadline`.
    private func tokens(of text: ArticleText, in segments: [Range<Int>], analyzer: DanishAnalyzer,
                        until deadline: ContinuousClock.Instant?) -> [Token] {
        var tokens: [Token] = []
        var positionBase = 0
        for bytes in segments {
            if let deadline, ContinuousClock.now >= deadline { break }
            let firstLine = text.lineIndex(of: bytes.lowerBound)
            var last = positionBase
            text.bytes.withUnsafeBufferPointer { whole in
                analyzer.forEachToken(inUTF8: UnsafeBufferPointer(rebasing: whole[bytes])) { found in
                    var token = found
                    token.position += positionBase
                    token.line += firstLine
                    token.endLine += firstLine
                    token.utf8Range = (token.utf8Range.lowerBound + bytes.lowerBound)..<(token.utf8Range.upperBound + bytes.lowerBound)
                    last = max(last, token.position + token.span)
                    tokens.append(token)
                }
            }
            positionBase = last + 100  // No phrase reaches from one segment into the next.
        }
        return tokens
    }

    /// For each part, the anchors one of which stands wherever it can match at `step` (with up to
    /// `slips` slips at the approximate step); nil when a part has none in ASCII (then any line
    /// could hold it).
    static func anchors(of query: CompiledQuery, step: MatchKind, slips: Int = 1,
                        frequency: ((String) -> Int)? = nil) -> [Anchor]? {
        var anchors: Set<Anchor> = []
        for part in query.parts {
            var partAnchors: [Anchor] = []
            switch (part.role, step) {
            case (.prefix, _):
                partAnchors = part.alternatives.map { Anchor(term: Array($0[0].utf8)) }
            case (.word, _):
                // Single words by their stems (which every inflection and compound holding them
                // contains), split compounds by their longest part.
                partAnchors = (Array(part.stems) + part.alternatives.filter { $0.count > 1 }.map(longest)).map { Anchor(term: Array($0.utf8)) }
            case (.phrase, .approximate):
                // All words as written but `slips`: one more than that anchors every occurrence.
                for terms in part.alternatives {
                    partAnchors += phraseAnchors(terms.map { [$0] }, count: slips + 1,
                                                 missing: min(slips, max(0, terms.count - 2)), frequency: frequency)
                }
            case (.phrase, .inflected):
                for positions in part.forms {
                    partAnchors += phraseAnchors(positions, count: 1, missing: 0, frequency: frequency)
                }
            case (.phrase, _):
                for terms in part.alternatives {
                    partAnchors += phraseAnchors(terms.map { [$0] }, count: 1, missing: 0, frequency: frequency)
                }
            }
            for anchor in partAnchors {
                guard !anchor.term.isEmpty, anchor.term.allSatisfy({ $0 < 0x80 }) else { return nil }
                anchors.insert(anchor)
            }
        }
        return Array(anchors)
    }

    /// The `count` best anchors of a phrase whose positions accept `positions` forms, with up to
    /// `missing` words absent: the rarest of the reasonably long words (the longest without
    /// frequencies), each position weighed by all its forms; the other words are companions.
    private static func phraseAnchors(_ positions: [[String]], count: Int, missing: Int,
                                      frequency: ((String) -> Int)?) -> [Anchor] {
        let candidates = positions.map { forms in
            (term: Array(commonPrefix(forms).utf8), frequency: frequency.map { frequency in forms.reduce(0) { $0 + frequency($1) } } ?? 0)
        }
        let ranked = candidates.indices.sorted { a, b in
            let first = candidates[a], second = candidates[b]
            let firstLong = first.term.count >= minimumRareAnchorLength, secondLong = second.term.count >= minimumRareAnchorLength
            if firstLong != secondLong { return firstLong }
            if firstLong && first.frequency != second.frequency { return first.frequency < second.frequency }
            return first.term.count > second.term.count
        }
        return ranked.prefix(count).map { chosen in
            // Words that fold to no ASCII prefix could be anything: they are not looked for.
            let companions = candidates.indices.filter { $0 != chosen }.map { candidates[$0].term }
                .filter { !$0.isEmpty && $0.allSatisfy { $0 < 0x80 } }
            return Anchor(term: candidates[chosen].term, companions: companions, needed: max(0, companions.count - missing))
        }
    }

    private static func longest(_ terms: [String]) -> String {
        terms.max { $0.utf8.count < $1.utf8.count } ?? ""
    }

    /// What the forms accepted at one position share at their start.
    private static func commonPrefix(_ forms: [String]) -> String {
        guard var prefix = forms.first.map({ Array($0.utf8) }) else { return "" }
        for form in forms.dropFirst() {
            prefix = Array(zip(prefix, form.utf8).prefix { $0 == $1 }.map(\.0))
        }
        return String(decoding: prefix, as: UTF8.self)
    }

    /// Enough lines with words for the longest part to run across lines one word a line, with
    /// one more for the approximate step's wider window.
    static func contextLines(for query: CompiledQuery) -> Int {
        max(minimumContextLines, (query.parts.flatMap(\.alternatives).map(\.count).max() ?? 0) + 1)
    }

    /// Byte ranges merged where they touch or overlap.
    private static func merged(_ windows: [Range<Int>]) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        for window in windows.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = segments.last, last.upperBound >= window.lowerBound {
                segments[segments.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
            } else {
                segments.append(window)
            }
        }
        return segments
    }

    /// An article's lines, told apart by whether they hold a word.
    private struct Lines {
        let text: ArticleText

        /// `lines` widened by `context` lines with words on each side (lines without any hold
        /// no position, so they are passed over).
        func widened(_ lines: ClosedRange<Int>, by context: Int) -> Range<Int> {
            var start = lines.lowerBound, end = lines.upperBound + 1
            var before = 0, after = 0
            while start > 0 && before < context {
                start -= 1
                if hasWord(start) { before += 1 }
            }
            while end < text.lineStarts.count && after < context {
                if hasWord(end) { after += 1 }
                end += 1
            }
            return start..<end
        }

        private func hasWord(_ line: Int) -> Bool {
            text.bytes[text.byteRange(of: line..<(line + 1))].contains { byte in
                byte >= 0x80 || byte.isASCIILetter || byte.isASCIIDigit
            }
        }
    }
}
