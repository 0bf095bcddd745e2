import Analysis

/// An article's text as UTF-8 bytes with its line index: built once per hit, shared by the
/// search for candidate lines and the cutting of passages.
struct ArticleText {
    let text: String
    let bytes: [UInt8]
    /// Byte offset where each line starts (line n starts at lineStarts[n - 1]).
    let lineStarts: [Int]

    init(_ text: String) {
        self.text = text
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

    /// The byte range of lines `lines` (0-based), line breaks included.
    func byteRange(of lines: Range<Int>) -> Range<Int> {
        lineStarts[lines.lowerBound]..<(lines.upperBound < lineStarts.count ? lineStarts[lines.upperBound] : bytes.count)
    }
}
