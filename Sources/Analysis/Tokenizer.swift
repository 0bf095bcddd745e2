/// Splits text into word tokens with positions, lines and byte ranges.
///
/// Words are runs of letters and digits; an apostrophe or a soft hyphen inside a word is dropped
/// (`FOA's` → `foas`). Hyphens link words into compounds: written compounds (`Ikast-Brande`),
/// line-end hyphenation (`partnerskabs-⏎projektet`) and the spaced form PDF extraction leaves
/// (`partnerskabs - projektet`). A compound yields its parts at consecutive positions and, in
/// addition, the parts joined into one token (`ikastbrande`) that covers all their positions.
///
/// Tokens are handed over one at a time as the text's UTF-8 bytes are read, so analysing a text
/// holds no more than the word being read and the compound it belongs to, however long the text.
public struct Tokenizer: Sendable {
    /// Longer words are not indexed (they still take a position).
    public static let maximumTermBytes = 64
    /// Hyphenated chains of more parts than this are not joined (they are usually identifiers).
    public static let maximumJoinedParts = 4

    public init() {}

    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        var text = text
        text.withUTF8 { bytes in forEachToken(inUTF8: bytes) { tokens.append($0) } }
        return tokens
    }

    /// Calls `body` with each token of `bytes` (valid UTF-8, such as a `String`'s), in the order
    /// `tokens(in:)` lists them: each word, and a joined compound right after its last part.
    public func forEachToken(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) throws -> Void) rethrows {
        var scanner = WordScanner(bytes)
        // The hyphenated chain the last words belong to: its first position, how many words it
        // has, and the first of them (more than `maximumJoinedParts` are never joined).
        var chainStart = 0, chainCount = 0
        var chain: [ScannedWord] = []
        var position = 0
        while let word = scanner.nextWord() {
            // A "word" of marks alone (a variation selector after an emoji) folds to nothing.
            if !word.term.isEmpty && word.term.utf8.count <= Self.maximumTermBytes {
                try body(Token(term: word.term, position: position, utf8Range: word.utf8Range,
                               line: word.line, endLine: word.endLine))
            }
            if chainCount <= Self.maximumJoinedParts { chain.append(word) }
            chainCount += 1
            position += 1
            // Whether a linked word ends the chain is known when the next word is read (or the text ends).
            if word.linksToNext { continue }
            if let joined = Self.joined(chain, count: chainCount, position: chainStart) { try body(joined) }
            chainStart = position
            chainCount = 0
            chain.removeAll(keepingCapacity: true)
        }
        if let joined = Self.joined(chain, count: chainCount, position: chainStart) { try body(joined) }
    }

    /// The parts of a hyphenated chain of `count` words as one token, if they make a word.
    private static func joined(_ parts: [ScannedWord], count: Int, position: Int) -> Token? {
        guard count > 1, count <= maximumJoinedParts, parts.allSatisfy({ $0.hasLetter }) else { return nil }
        let term = parts.map(\.term).joined()
        guard term.utf8.count <= maximumTermBytes, let first = parts.first, let last = parts.last else { return nil }
        return Token(term: term, position: position, span: parts.count,
                     utf8Range: first.utf8Range.lowerBound..<last.utf8Range.upperBound,
                     line: first.line, endLine: last.endLine)
    }
}

/// A word as scanned, before it becomes a token.
struct ScannedWord {
    var term: String
    var utf8Range: Range<Int>
    var line: Int
    var endLine: Int
    var hasLetter: Bool
    /// A hyphen links this word to the next one.
    var linksToNext: Bool
}

/// Walks the Unicode scalars of a text's UTF-8 bytes, tracking byte offsets and lines.
struct WordScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var termBuilder = FoldedTermBuilder()

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next word, or nil at the end of the text.
    mutating func nextWord() -> ScannedWord? {
        while let (scalar, _) = scalar(at: offset) {
            if Self.isWordScalar(scalar) { return scanWord() }
            advance()
        }
        return nil
    }

    private mutating func scanWord() -> ScannedWord {
        let start = offset, startLine = line
        termBuilder.reset()
        var hasLetter = false
        var letterCount = 0
        var lastLetter: Unicode.Scalar = " "
        var end = offset, endLine = line
        while let (scalar, width) = scalar(at: offset) {
            if Self.isWordScalar(scalar) {
                termBuilder.append(scalar)
                letterCount += 1
                lastLetter = scalar
                hasLetter = hasLetter || Self.isLetter(scalar)
                advance()
                end = offset
                endLine = line
            } else if WordJoiners.isInWord(scalar), let (next, _) = self.scalar(at: offset + width), Self.isWordScalar(next), hasLetter {
                advance()  // `FOA's`, `cd'er`, soft hyphens: the word goes on.
            } else {
                break
            }
        }
        let folded = termBuilder.folded ?? Self.foldedSlowly(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        let linksToNext = hasLetter && skipHyphenLink(afterLetters: letterCount, last: lastLetter)
        return ScannedWord(term: folded, utf8Range: start..<end,
                           line: startLine, endLine: endLine, hasLetter: hasLetter, linksToNext: linksToNext)
    }

    /// The index term of a word with letters `FoldedTermBuilder` does not know: lowercased by
    /// Unicode's rules, then folded.
    private static func foldedSlowly(_ word: UnsafeBufferPointer<UInt8>) -> String {
        var letters = String.UnicodeScalarView()
        letters.append(contentsOf: String(decoding: word, as: UTF8.self).unicodeScalars.filter(isWordScalar))
        return DanishFolding.fold(String(letters).lowercased())
    }

    /// If a hyphen at the current position links the word just read to the next word, moves to
    /// that next word and returns true.
    private mutating func skipHyphenLink(afterLetters letterCount: Int, last: Unicode.Scalar) -> Bool {
        guard let (current, width) = scalar(at: offset) else { return false }
        if WordJoiners.isHyphen(current) {
            // `peer-medarbejder`
            if let (next, _) = scalar(at: offset + width), Self.isWordScalar(next) {
                advance()
                return true
            }
            // `partnerskabs-` at the end of a line, the word going on on the next one.
            var ahead = skipBlanks(from: offset + width)
            guard ahead < bytes.count, bytes[ahead] == 0x0A else { return false }
            ahead = skipBlanks(from: ahead + 1)
            guard let (next, _) = scalar(at: ahead), next.properties.isLowercase else { return false }
            while offset < ahead { advance() }
            return true
        }
        // `partnerskabs - projektet`: a hyphen between spaces, lowercase letters on both sides.
        if current == " ", byte(at: offset + 1) == 0x2D, byte(at: offset + 2) == 0x20,
           let (next, _) = scalar(at: offset + 3), next.properties.isLowercase,
           letterCount >= 2, last.properties.isLowercase {
            offset += 3
            return true
        }
        return false
    }

    /// The offset of the first byte from `start` on that is not a space, a tab or a carriage return.
    private func skipBlanks(from start: Int) -> Int {
        var offset = start
        while let byte = byte(at: offset), byte == 0x20 || byte == 0x09 || byte == 0x0D { offset += 1 }
        return offset
    }

    private func byte(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// The scalar starting at byte `offset` and its length in bytes; nil at the end of the text.
    private func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset < bytes.count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for next in offset + 1..<min(offset + width, bytes.count) { value = value << 6 | UInt32(bytes[next] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    private mutating func advance() {
        guard let (scalar, width) = scalar(at: offset) else { return }
        offset += width
        if scalar == "\n" { line += 1 }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return byte.isASCIILetter || byte.isASCIIDigit
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x41 }  // a word scalar: a letter or a digit
        return scalar.properties.isAlphabetic
    }
}
