#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An article's text folded as index terms are (lowercase; æ/ø/å as ae/oe/aa; accents and
/// combining marks dropped), with what can stand inside a word or a hyphenated compound squeezed
/// out: spaces, tabs, line breaks and the `WordJoiners` (hyphens, soft hyphens, apostrophes). A
/// token whose term is ASCII stands in it as that very term (`Partnerskabs-⏎projektet` as
/// `partnerskabsprojektet`), so where a term can occur is found by a byte search, before any
/// analysis.
public struct FoldedText {
    private var bytes: [UInt8] = []
    /// Offset in `bytes` where each line of the text starts.
    private var lineStarts: [Int] = [0]

    /// Folds `text`, a UTF-8 text's bytes.
    public init(utf8 text: [UInt8]) {
        bytes.reserveCapacity(text.count)
        text.withUnsafeBufferPointer { source in
            var index = 0
            while index < source.count {
                let byte = source[index]
                if byte < 0x80 {
                    switch byte {
                    case 0x41...0x5A: bytes.append(byte | 0x20)
                    case 0x0A: lineStarts.append(bytes.count)
                    default: if !Self.squeezedASCII[Int(byte)] { bytes.append(byte) }
                    }
                    index += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for next in source[(index + 1)..<min(index + length, source.count)] {
                    value = value << 6 | UInt32(next & 0x3F)
                }
                bytes.append(contentsOf: Self.fold(value))
                index += length
            }
        }
    }

    /// The lines (0-based) on which an occurrence of the ASCII term `term` starts and ends.
    public func lines(holding term: [UInt8]) -> [ClosedRange<Int>] {
        var found: [ClosedRange<Int>] = []
        forEachOccurrence(of: term, in: 0..<bytes.count) { start in
            found.append(line(of: start)...line(of: start + term.count - 1))
            return true
        }
        return found
    }

    /// Whether the ASCII term `term` stands in lines `lines` (0-based) of the folded text.
    public func contains(_ term: [UInt8], inLines lines: Range<Int>) -> Bool {
        let start = lineStarts[min(lines.lowerBound, lineStarts.count - 1)]
        let end = lines.upperBound < lineStarts.count ? lineStarts[lines.upperBound] : bytes.count
        var found = false
        forEachOccurrence(of: term, in: start..<end) { _ in
            found = true
            return false
        }
        return found
    }

    /// Calls `body` with the offset of each occurrence of `term` within `range`, while it
    /// returns true.
    private func forEachOccurrence(of term: [UInt8], in range: Range<Int>, _ body: (Int) -> Bool) {
        guard !term.isEmpty, term.count <= range.count else { return }
        bytes.withUnsafeBytes { haystack in
            term.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let pattern = needle.baseAddress else { return }
                // memchr finds the first byte, memcmp checks the rest.
                let last = range.upperBound - term.count
                var offset = range.lowerBound
                while offset <= last, let hit = memchr(base + offset, Int32(term[0]), last - offset + 1) {
                    let start = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pattern, term.count) == 0 && !body(start) { return }
                    offset = start + 1
                }
            }
        }
    }

    private func line(of offset: Int) -> Int {
        SortedOffsets.lastIndex(in: lineStarts, notAfter: offset)
    }

    /// The ASCII bytes squeezed out: blanks within a line, and the ASCII `WordJoiners`.
    private static let squeezedASCII: [Bool] = (0..<0x80).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return scalar == " " || scalar == "\t" || scalar == "\r" || WordJoiners.isJoiner(scalar)
    }

    /// A non-ASCII scalar as it stands in index terms, in UTF-8: `DanishFolding` of its lowercase
    /// form, nothing for marks, and nothing for the joiners a word or compound can hold.
    private static func fold(_ value: UInt32) -> [UInt8] {
        if value < UInt32(latinFolds.count) { return latinFolds[Int(value)] }
        if punctuation.contains(value) { return punctuationFolds[Int(value - punctuation.lowerBound)] }
        return folded(value)
    }

    /// `fold` of the Latin letters (U+0080–U+024F) and the general punctuation (dashes, quotation
    /// marks, …), computed once. Kept this small: a one-shot `search` process builds the tables.
    private static let latinFolds: [[UInt8]] = (0..<0x250).map { value in value < 0x80 ? [] : folded(UInt32(value)) }
    private static let punctuation: Range<UInt32> = 0x2000..<0x2070
    private static let punctuationFolds: [[UInt8]] = punctuation.map(folded)

    private static func folded(_ value: UInt32) -> [UInt8] {
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return WordJoiners.isJoiner(scalar) ? [] : Array(DanishFolding.fold(String(scalar).lowercased()).utf8)
    }
}
