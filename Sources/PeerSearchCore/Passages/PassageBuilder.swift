/// Cuts passages (a line, or a window of a long line) around occurrences in an article's text.
struct PassageBuilder {
    /// Lines longer than this are shown as a window around the match.
    static let maximumBytes = 320
    /// Context kept on each side of a match in a window.
    static let contextBytes = 100

    private let text: ArticleText
    private var bytes: [UInt8] { text.bytes }
    private var lineStarts: [Int] { text.lineStarts }

    init(text: ArticleText) {
        self.text = text
    }

    /// The first `limit` passages for `occurrences` (in text order).
    func passages(for occurrences: [MatchLocator.Occurrence], limit: Int) -> [Passage] {
        groups(of: occurrences).prefix(limit).map(passage)
    }

    /// The `count` passages for `occurrences` with the most highlights, in text order. Only those
    /// are cut, so an article with many matching lines costs little more than one with three.
    func busiestPassages(for occurrences: [MatchLocator.Occurrence], count: Int) -> [Passage] {
        let groups = groups(of: occurrences)
        let ranked = groups.map(highlightCount).enumerated().sorted { $0.element > $1.element }
        return ranked.prefix(count).map(\.offset).sorted().map { passage(for: groups[$0]) }
    }

    /// Occurrences (in text order) grouped into passages: those that fit one window share one.
    private func groups(of occurrences: [MatchLocator.Occurrence]) -> [[MatchLocator.Occurrence]] {
        var groups: [[MatchLocator.Occurrence]] = []
        var group: [MatchLocator.Occurrence] = []
        for occurrence in occurrences {
            if let first = group.first, window(for: first).upperBound < occurrence.utf8Range.upperBound
                || first.line != occurrence.line {
                groups.append(group)
                group = []
            }
            group.append(occurrence)
        }
        if !group.isEmpty { groups.append(group) }
        return groups
    }

    /// How many highlights `passage(for: group)` has (occurrences overlapping an earlier one, or
    /// outside the window, have none).
    private func highlightCount(of group: [MatchLocator.Occurrence]) -> Int {
        let shown = window(for: group[0])
        var cursor = shown.lowerBound, count = 0
        for occurrence in group {
            let end = min(occurrence.utf8Range.upperBound, shown.upperBound)
            guard max(occurrence.utf8Range.lowerBound, cursor) < end else { continue }
            count += 1
            cursor = end
        }
        return count
    }

    /// The stretch shown for a passage starting at `occurrence`: its lines, or a window of them.
    private func window(for occurrence: MatchLocator.Occurrence) -> Range<Int> {
        let lineStart = lineStarts[occurrence.line - 1]
        let lineEnd = occurrence.endLine < lineStarts.count ? lineStarts[occurrence.endLine] - 1 : bytes.count
        guard lineEnd - lineStart > Self.maximumBytes else { return lineStart..<lineEnd }
        var start = max(lineStart, occurrence.utf8Range.lowerBound - Self.contextBytes)
        var end = min(lineEnd, max(occurrence.utf8Range.upperBound, start + Self.maximumBytes - Self.contextBytes))
        while start > lineStart, bytes[start - 1] != 0x20 { start -= 1 }
        while end < lineEnd, bytes[end] != 0x20 { end += 1 }
        return start..<end
    }

    private func passage(for group: [MatchLocator.Occurrence]) -> Passage {
        let first = group[0]
        let shown = window(for: first)
        let lineStart = lineStarts[first.line - 1]
        let lineEnd = first.endLine < lineStarts.count ? lineStarts[first.endLine] - 1 : bytes.count
        let prefix = shown.lowerBound > lineStart ? "… " : ""
        let suffix = shown.upperBound < lineEnd ? " …" : ""
        var text = prefix
        var highlights: [[Int]] = [], highlightsUTF8: [[Int]] = []
        var cursor = shown.lowerBound
        var codePoints = prefix.unicodeScalars.count
        for occurrence in group {
            let start = max(occurrence.utf8Range.lowerBound, cursor)
            let end = min(occurrence.utf8Range.upperBound, shown.upperBound)
            guard start < end else { continue }
            codePoints += append(cursor..<start, to: &text)
            let highlightStart = codePoints, byteStart = text.utf8.count
            codePoints += append(start..<end, to: &text)
            highlights.append([highlightStart, codePoints])
            highlightsUTF8.append([byteStart, text.utf8.count])
            cursor = end
        }
        _ = append(cursor..<shown.upperBound, to: &text)
        text += suffix
        return Passage(line: first.line, endLine: group.map(\.endLine).max() ?? first.endLine,
                       text: text, highlights: highlights, highlightsUTF8: highlightsUTF8)
    }

    /// Appends bytes as text (line breaks become spaces); returns the code points appended.
    private func append(_ range: Range<Int>, to text: inout String) -> Int {
        guard !range.isEmpty else { return 0 }
        var flattened: [UInt8] = []
        flattened.reserveCapacity(range.count)
        for byte in bytes[range] where byte != 0x0D { flattened.append(byte == 0x0A ? 0x20 : byte) }
        let piece = String(decoding: flattened, as: UTF8.self)
        text += piece
        return piece.unicodeScalars.count
    }
}
