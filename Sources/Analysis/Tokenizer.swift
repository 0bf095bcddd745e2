/// Splits text into word tokens with positions, lines and byte ranges.
///
/// Words are runs of letters and digits; an apostrophe or a soft hyphen inside a word is dropped
/// (`FOA's` → `foas`). Hyphens link words into compounds: written compounds (`Ikast-Brande`),
/// line-end hyphenation (`partnerskabs-⏎projektet`) and the spaced form PDF extraction leaves
/// (`partnerskabs - projektet`). A compound yields its parts at consecutive positions and, in
/// addition, the parts joined into one token (`ikastbrande`) that covers all their positions.
public struct Tokenizer: Sendable {
    /// Longer words are not indexed (they still take a position).
    public static let maximumTermBytes = 64
    /// Hyphenated chains of more parts than this are not joined (they are usually identifiers).
    public static let maximumJoinedParts = 4

    public init() {}

    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 6)
        var scanner = WordScanner(text)
        let words = scanner.words()
        var chainStart = 0
        for (index, word) in words.enumerated() {
            // A "word" of marks alone (a variation selector after an emoji) folds to nothing.
            if !word.term.isEmpty && word.term.utf8.count <= Self.maximumTermBytes {
                tokens.append(Token(term: word.term, position: index, utf8Range: word.utf8Range,
                                    line: word.line, endLine: word.endLine))
            }
            if word.linksToNext && index + 1 < words.count { continue }
            if index > chainStart, let joined = Self.joined(words[chainStart...index], position: chainStart) {
                tokens.append(joined)
            }
            chainStart = index + 1
        }
        return tokens
    }

    /// The parts of a hyphenated chain as one token, if they make a word.
    private static func joined(_ parts: ArraySlice<ScannedWord>, position: Int) -> Token? {
        guard parts.count <= maximumJoinedParts, parts.allSatisfy({ $0.hasLetter }) else { return nil }
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

/// Walks the Unicode scalars of a text, tracking byte offsets and lines.
struct WordScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var offset = 0
    private var line = 1
    private var termBuilder = FoldedTermBuilder()

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func words() -> [ScannedWord] {
        var words: [ScannedWord] = []
        while index < scalars.count {
            if Self.isWordScalar(scalars[index]) {
                words.append(scanWord())
            } else {
                advance()
            }
        }
        return words
    }

    private mutating func scanWord() -> ScannedWord {
        let start = offset, startLine = line, firstIndex = index
        termBuilder.reset()
        var hasLetter = false
        var letterCount = 0
        var lastLetter: Unicode.Scalar = " "
        var end = offset, endLine = line
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isWordScalar(scalar) {
                termBuilder.append(scalar)
                letterCount += 1
                lastLetter = scalar
                hasLetter = hasLetter || Self.isLetter(scalar)
                advance()
                end = offset
                endLine = line
            } else if WordJoiners.isInWord(scalar), let next = peek(1), Self.isWordScalar(next), hasLetter {
                advance()  // `FOA's`, `cd'er`, soft hyphens: the word goes on.
            } else {
                break
            }
        }
        let folded = termBuilder.folded ?? Self.foldedSlowly(scalars[firstIndex..<index])
        let linksToNext = hasLetter && skipHyphenLink(afterLetters: letterCount, last: lastLetter)
        return ScannedWord(term: folded, utf8Range: start..<end,
                           line: startLine, endLine: endLine, hasLetter: hasLetter, linksToNext: linksToNext)
    }

    /// The index term of a word with letters `FoldedTermBuilder` does not know: lowercased by
    /// Unicode's rules, then folded.
    private static func foldedSlowly(_ wordScalars: ArraySlice<Unicode.Scalar>) -> String {
        var letters = String.UnicodeScalarView()
        letters.append(contentsOf: wordScalars.filter(isWordScalar))
        return DanishFolding.fold(String(letters).lowercased())
    }

    /// If a hyphen at the current position links the word just read to the next word, moves to
    /// that next word and returns true.
    private mutating func skipHyphenLink(afterLetters letterCount: Int, last: Unicode.Scalar) -> Bool {
        guard let current = peek(0) else { return false }
        if WordJoiners.isHyphen(current) {
            // `peer-medarbejder`
            if let next = peek(1), Self.isWordScalar(next) {
                advance()
                return true
            }
            // `partnerskabs-` at the end of a line, the word going on on the next one.
            var ahead = 1
            while let scalar = peek(ahead), scalar == " " || scalar == "\t" || scalar == "\r" { ahead += 1 }
            guard peek(ahead) == "\n" else { return false }
            ahead += 1
            while let scalar = peek(ahead), scalar == " " || scalar == "\t" || scalar == "\r" { ahead += 1 }
            guard let next = peek(ahead), next.properties.isLowercase else { return false }
            for _ in 0..<ahead { advance() }
            return true
        }
        // `partnerskabs - projektet`: a hyphen between spaces, lowercase letters on both sides.
        if current == " ", peek(1) == "-", peek(2) == " ", let next = peek(3), next.properties.isLowercase,
           letterCount >= 2, last.properties.isLowercase {
            for _ in 0..<3 { advance() }
            return true
        }
        return false
    }

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        let position = index + distance
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func advance() {
        let scalar = scalars[index]
        offset += UTF8.width(scalar)
        if scalar == "\n" { line += 1 }
        index += 1
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
