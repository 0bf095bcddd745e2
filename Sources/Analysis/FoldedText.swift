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
/// analysis. Where an occurrence stands in the text itself is known to within a few KiB (see
/// `sourceRange(covering:)`), so a window around it can be cut from a text of one long line.
public struct FoldedText {
    private var bytes: [UInt8] = []
    /// Offset in `bytes` where each line of the text starts.
    private var lineStarts: [Int] = [0]
    /// Offsets in `bytes`, and in the text, of the scalars at which a checkpoint was taken: every
    /// `checkpointSpacing` bytes of the text, and at its end.
    private var checkpoints: [Int] = [0]
    private var sourceCheckpoints: [Int] = [0]
    private static let checkpointSpacing = 4096

    /// Folds `text`, a UTF-8 text's bytes. Written through a pointer into room for as many
    /// bytes as the text has (folding rarely lengthens a text; the room grows when it does):
    /// an article can be 50 MB on one line.
    public init(utf8 text: [UInt8]) {
        var folded = [UInt8](repeating: 0, count: text.count)
        var count = 0
        var index = 0
        let squeezed = Self.squeezedASCII
        var rareFolds: [UInt32: [UInt8]] = [:]
        text.withUnsafeBufferPointer { source in
            while index < source.count {
                folded.withUnsafeMutableBufferPointer { room in
                    while index < source.count {
                        if index - sourceCheckpoints[sourceCheckpoints.count - 1] >= Self.checkpointSpacing {
                            checkpoints.append(count)
                            sourceCheckpoints.append(index)
                        }
                        let byte = source[index]
                        if byte < 0x80 {
                            guard count < room.count else { return }
                            switch byte {
                            case 0x41...0x5A:
                                room[count] = byte | 0x20
                                count += 1
                            case 0x0A: lineStarts.append(count)
                            default:
                                if !squeezed[Int(byte)] {
                                    room[count] = byte
                                    count += 1
                                }
                            }
                            index += 1
                            continue
                        }
                        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                        for next in source[(index + 1)..<min(index + length, source.count)] {
                            value = value << 6 | UInt32(next & 0x3F)
                        }
                        let replacement = Self.fold(value, rare: &rareFolds)
                        guard count + replacement.count <= room.count else { return }
                        for replacementByte in replacement {
                            room[count] = replacementByte
                            count += 1
                        }
                        index += length
                    }
                }
                if index < source.count { folded += repeatElement(0, count: folded.count / 4 + 16) }
            }
            checkpoints.append(count)
            sourceCheckpoints.append(source.count)
        }
        folded.removeLast(folded.count - count)
        bytes = folded
    }

    /// The folded text's length in bytes.
    public var count: Int { bytes.count }

    /// Calls `body` with each occurrence of the ASCII term `term` (its offsets in the folded text)
    /// and the lines (0-based) on which it starts and ends, in text order, while it returns true.
    public func forEachOccurrence(of term: [UInt8], _ body: (Range<Int>, ClosedRange<Int>) -> Bool) {
        forEachOccurrence(of: term, in: 0..<bytes.count) { start in
            body(start..<(start + term.count), line(of: start)...line(of: start + term.count - 1))
        }
    }

    /// Whether the ASCII term `term` stands in lines `lines` (0-based) of the folded text.
    public func contains(_ term: [UInt8], inLines lines: Range<Int>) -> Bool {
        let start = lineStarts[min(lines.lowerBound, lineStarts.count - 1)]
        let end = lines.upperBound < lineStarts.count ? lineStarts[lines.upperBound] : bytes.count
        return contains(term, in: start..<end)
    }

    /// Whether the ASCII term `term` stands within `range` of the folded text.
    public func contains(_ term: [UInt8], in range: Range<Int>) -> Bool {
        var found = false
        forEachOccurrence(of: term, in: range.clamped(to: 0..<bytes.count)) { _ in
            found = true
            return false
        }
        return found
    }

    /// A byte range of the text (on scalar boundaries) that holds what `range` of the folded
    /// text was folded from, and at most `checkpointSpacing` bytes more on each side.
    public func sourceRange(covering range: Range<Int>) -> Range<Int> {
        // The last checkpoint taken before the range's first byte was folded, and the first one
        // taken after its last byte was (the checkpoint after the whole text at the latest).
        let before = SortedOffsets.lastIndex(in: checkpoints, notAfter: range.lowerBound)
        var after = SortedOffsets.lastIndex(in: checkpoints, notAfter: range.upperBound - 1)
        if checkpoints[after] < range.upperBound { after += 1 }
        return sourceCheckpoints[before]..<sourceCheckpoints[min(after, sourceCheckpoints.count - 1)]
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
    /// form, nothing for marks, and nothing for the joiners a word or compound can hold. Scalars
    /// beyond the tables are folded once per text, kept in `rare`.
    private static func fold(_ value: UInt32, rare: inout [UInt32: [UInt8]]) -> [UInt8] {
        if value < UInt32(latinFolds.count) { return latinFolds[Int(value)] }
        if punctuation.contains(value) { return punctuationFolds[Int(value - punctuation.lowerBound)] }
        if let known = rare[value] { return known }
        let computed = folded(value)
        rare[value] = computed
        return computed
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
