import Foundation
import Ingestion

/// The tokens of a long article worth looking for matches in: only the lines that can hold one
/// (and a few around them, for matches that run across lines) are analysed, not the whole text.
///
/// A line can only hold a query word if it holds the word's consonants in a row: folding turns
/// æ/ø/å into vowels, and no Danish consonant has another spelling, so `rd` stands in every
/// spelling of `vaerdi` (`værdi`, `VÆRDI`). Each query part gives such anchors (from its written
/// forms, inflections and stem); a part without one makes the whole text the candidate.
enum CandidateTokens {
    /// Shorter texts are analysed whole.
    static let minimumTextBytes = 32 * 1024
    /// Lines analysed before and after each line holding an anchor.
    static let contextLines = 2
    /// Anchors shorter than this are too common to narrow anything down.
    static let minimumAnchorLength = 2

    static func tokens(of text: String, for query: CompiledQuery, analyzer: DanishAnalyzer) -> [Token] {
        guard text.utf8.count >= minimumTextBytes, let anchors = anchors(of: query) else { return analyzer.tokens(in: text) }
        let bytes = Array(text.utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        let lines = candidateLines(bytes: bytes, lineStarts: lineStarts, anchors: anchors)
        var tokens: [Token] = []
        var positionBase = 0
        for segment in segments(of: lines, lineCount: lineStarts.count) {
            let start = lineStarts[segment.lowerBound]
            let end = segment.upperBound < lineStarts.count ? lineStarts[segment.upperBound] : bytes.count
            let piece = String(decoding: bytes[start..<end], as: UTF8.self)
            var last = positionBase
            for var token in analyzer.tokens(in: piece) {
                token.position += positionBase
                token.line += segment.lowerBound
                token.endLine += segment.lowerBound
                token.utf8Range = (token.utf8Range.lowerBound + start)..<(token.utf8Range.upperBound + start)
                last = max(last, token.position + token.span)
                tokens.append(token)
            }
            positionBase = last + 100  // No phrase reaches from one segment into the next.
        }
        return tokens
    }

    /// For each part, the consonant runs any of its forms must contain; nil when a part has a
    /// form without one (then any line could hold it).
    static func anchors(of query: CompiledQuery) -> [[UInt8]]? {
        var anchors: Set<[UInt8]> = []
        for part in query.parts {
            var forms = part.alternatives.flatMap { $0 } + part.forms.flatMap { $0.flatMap { $0 } } + Array(part.stems)
            if part.role == .phrase {
                // A phrase needs one anchored word per way of writing it.
                forms = part.alternatives.compactMap { terms in terms.compactMap(anchor).max(by: { $0.count < $1.count }).map { String(decoding: $0, as: UTF8.self) } }
                guard forms.count == part.alternatives.count else { return nil }
            }
            for form in forms {
                guard let anchor = anchor(form) else { return nil }
                anchors.insert(anchor)
            }
        }
        return anchors.isEmpty ? nil : Array(anchors)
    }

    /// The longest run of ASCII consonants and digits in a folded term.
    static func anchor(_ term: String) -> [UInt8]? {
        var best: [UInt8] = [], run: [UInt8] = []
        for byte in term.utf8 {
            let isConsonant = (byte >= 0x61 && byte <= 0x7A && !"aeiouy".utf8.contains(byte)) || (byte >= 0x30 && byte <= 0x39)
            if isConsonant { run.append(byte) } else { run = [] }
            if run.count > best.count { best = run }
        }
        return best.count >= minimumAnchorLength ? best : nil
    }

    /// Lines (0-based) holding an anchor, case-insensitively. Spaces, hyphens (soft ones too)
    /// and line breaks are skipped while searching, so a word split by hyphenation
    /// (`partnerskabs - projektet`, `partnerskabs-⏎projektet`) still shows its anchor.
    private static func candidateLines(bytes: [UInt8], lineStarts: [Int], anchors: [[UInt8]]) -> [Int] {
        var squeezed: [UInt8] = [], origin: [Int] = []
        squeezed.reserveCapacity(bytes.count)
        origin.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xAD {  // soft hyphen
                index += 2
                continue
            }
            if byte != 0x20 && byte != 0x2D && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                squeezed.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                origin.append(index)
            }
            index += 1
        }
        var lines = Set<Int>()
        for anchor in anchors {
            let first = anchor[0]
            var offset = 0
            let last = squeezed.count - anchor.count
            while offset <= last {
                if squeezed[offset] == first && squeezed[offset..<(offset + anchor.count)].elementsEqual(anchor) {
                    let from = lineIndex(of: origin[offset], in: lineStarts)
                    let to = lineIndex(of: origin[offset + anchor.count - 1], in: lineStarts)
                    for line in from...to { lines.insert(line) }
                }
                offset += 1
            }
        }
        return lines.sorted()
    }

    private static func lineIndex(of offset: Int, in lineStarts: [Int]) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Candidate lines widened by `contextLines` and merged into runs of lines.
    private static func segments(of lines: [Int], lineCount: Int) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        for line in lines {
            let range = max(0, line - contextLines)..<min(lineCount, line + contextLines + 1)
            if let last = segments.last, last.upperBound >= range.lowerBound {
                segments[segments.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                segments.append(range)
            }
        }
        return segments
    }
}
