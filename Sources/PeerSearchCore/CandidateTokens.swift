import Ingestion

/// The tokens of an article worth looking for matches in: only the lines that can hold one (and
/// a few around them, for matches that run across lines) are analysed, not the whole text.
///
/// Each query part gives anchors: terms one of which stands in the folded text (`FoldedText`)
/// wherever the part can match at the ladder step. A word's anchor is its stem (every inflection
/// and every compound holding the word contains it: Danish Snowball stems are prefixes), a
/// phrase's the longest of its words (as written, or what its accepted forms share); an
/// approximate quote may lack one word, so two of its words anchor it. A part without an ASCII
/// anchor makes the whole text the candidate.
enum CandidateTokens {
    /// Lines with words analysed before and after each line holding an anchor, at least.
    static let minimumContextLines = 2

    static func tokens(of text: ArticleText, for query: CompiledQuery, step: MatchKind, analyzer: DanishAnalyzer) -> [Token] {
        guard !query.parts.isEmpty else { return [] }
        guard let anchors = anchors(of: query, step: step) else { return analyzer.tokens(in: text.text) }
        let folded = FoldedText(text)
        var lines: [ClosedRange<Int>] = []
        for anchor in anchors { lines += folded.lines(holding: anchor) }
        var tokens: [Token] = []
        var positionBase = 0
        for segment in segments(of: lines, in: text, context: contextLines(for: query)) {
            let bytes = text.byteRange(of: segment)
            let piece = String(decoding: text.bytes[bytes], as: UTF8.self)
            var last = positionBase
            for var token in analyzer.tokens(in: piece) {
                token.position += positionBase
                token.line += segment.lowerBound
                token.endLine += segment.lowerBound
                token.utf8Range = (token.utf8Range.lowerBound + bytes.lowerBound)..<(token.utf8Range.upperBound + bytes.lowerBound)
                last = max(last, token.position + token.span)
                tokens.append(token)
            }
            positionBase = last + 100  // No phrase reaches from one segment into the next.
        }
        return tokens
    }

    /// For each part, the folded terms one of which stands wherever it can match at `step`; nil
    /// when a part has none in ASCII (then any line could hold it).
    static func anchors(of query: CompiledQuery, step: MatchKind) -> [[UInt8]]? {
        var anchors: Set<[UInt8]> = []
        for part in query.parts {
            let terms: [String]
            switch (part.role, step) {
            case (.prefix, _):
                terms = part.alternatives.map { $0[0] }
            case (.word, _):
                // Single words by their stems (which every inflection and compound holding them
                // contains), split compounds by their longest part.
                terms = Array(part.stems) + part.alternatives.filter { $0.count > 1 }.map(longest)
            case (.phrase, .approximate):
                // All words but one: two of them anchor every occurrence.
                terms = part.forms.flatMap { positions in positions.map(commonPrefix).sorted { $0.count > $1.count }.prefix(2) }
            case (.phrase, .inflected):
                terms = part.forms.map { positions in longest(positions.map(commonPrefix)) }
            case (.phrase, _):
                terms = part.alternatives.map(longest)
            }
            for term in terms {
                guard !term.isEmpty, term.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
                anchors.insert(Array(term.utf8))
            }
        }
        return Array(anchors)
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

    /// Candidate lines widened by `context` lines with words on each side (lines without any hold
    /// no position, so they are passed over), merged into runs of lines.
    private static func segments(of lines: [ClosedRange<Int>], in text: ArticleText, context: Int) -> [Range<Int>] {
        let lineCount = text.lineStarts.count
        func hasWord(_ line: Int) -> Bool {
            text.bytes[text.byteRange(of: line..<(line + 1))].contains { byte in
                byte >= 0x80 || byte.isASCIILetter || byte.isASCIIDigit
            }
        }
        var segments: [Range<Int>] = []
        for lines in lines.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            var start = lines.lowerBound, end = lines.upperBound + 1
            var before = 0, after = 0
            while start > 0 && before < context {
                start -= 1
                if hasWord(start) { before += 1 }
            }
            while end < lineCount && after < context {
                if hasWord(end) { after += 1 }
                end += 1
            }
            if let last = segments.last, last.upperBound >= start {
                segments[segments.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                segments.append(start..<end)
            }
        }
        return segments
    }
}
