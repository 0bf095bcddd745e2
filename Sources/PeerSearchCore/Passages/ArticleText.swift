import Analysis

/// An article's text as UTF-8 bytes with its line index: built once per hit, shared by the
/// search for candidate lines and the cutting of passages.
struct ArticleText {
    let bytes: [UInt8]
    /// Byte offset where each line starts (line n starts at lineStarts[n - 1]).
    let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for offset in buffer.indices where buffer[offset] == 0x0A { starts.append(offset + 1) }
        }
        lineStarts = starts
    }

    /// The 0-based index of the line holding byte `offset`.
    func lineIndex(of offset: Int) -> Int {
        SortedOffsets.lastIndex(in: lineStarts, notAfter: offset)
    }

    /// Where the word at `offset` starts (`offset` itself when a word starts there, or at the end
    /// of the text), looked for at most 256 bytes back; past that, the start of the character
    /// at `offset`. A window cut at such offsets splits no word (nor character).
    func wordBoundary(before offset: Int) -> Int {
        guard offset < bytes.count else { return bytes.count }
        var start = max(0, offset)
        while start > 0 && start > offset - 256 && !Self.isBlank(bytes[start - 1]) { start -= 1 }
        if start == 0 || Self.isBlank(bytes[start - 1]) { return start }
        start = offset
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// The byte range of lines `lines` (0-based), line breaks included.
    func byteRange(of lines: Range<Int>) -> Range<Int> {
        lineStarts[lines.lowerBound]..<(lines.upperBound < lineStarts.count ? lineStarts[lines.upperBound] : bytes.count)
    }
}
