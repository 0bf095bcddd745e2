import Foundation

/// Splits closed Danish compounds into the words they are made of, with a word list:
/// `socialpsykiatrien` → `social` + `psykiatrien`, `partnerskabsprojektet` → `partnerskabs` +
/// `projektet` (the linking -s- or -e- stays on the first part, as Danes write it split).
///
/// The list is Debian's `wdanish` (`/usr/share/dict/danish`): 313,000 full forms from the same
/// source as hunspell-da (Stavekontrolden), so inflected parts (`projektet`) are found without an
/// affix engine. Words already in the list are not split (`forslag` stays whole), and every part
/// must itself be in the list, so a split never yields fragments that are not words.
public struct Decompounder: Sendable {
    /// Debian's Danish word list (package `wdanish`).
    public static let defaultWordListPath = "/usr/share/dict/danish"
    /// Parts shorter than this are not accepted (in folded letters).
    static let minimumHeadLength = 3
    static let minimumTailLength = 4
    /// At most this many parts.
    static let maximumParts = 3

    private let words: Set<String>

    /// Words in the analyser's folded lowercase form.
    public init(words: some Sequence<some StringProtocol>) {
        var folded = Set<String>(minimumCapacity: words.underestimatedCount)
        for word in words { folded.insert(DanishFolding.foldLowercased(word)) }
        self.words = folded
    }

    /// Loads a word list with one word per line; nil if the file cannot be read. The list is
    /// folded on all cores: indexing waits for it before it can analyse the first article.
    public init?(wordListPath: String = Decompounder.defaultWordListPath) {
        guard let data = FileManager.default.contents(atPath: wordListPath) else { return nil }
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let list = [UInt8](data)
        let boundaries = list.withUnsafeBytes { Self.lineBoundaries(of: $0, parts: chunks) }
        let results = ResultSlots<[String]>(count: chunks, initial: [])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            list.withUnsafeBytes { bytes in
                let lines = UnsafeRawBufferPointer(rebasing: bytes[boundaries[chunk]..<boundaries[chunk + 1]])
                results[chunk] = Self.foldedLines(of: lines)
            }
        }
        let foldedChunks = results.values
        var folded = Set<String>(minimumCapacity: foldedChunks.reduce(0) { $0 + $1.count })
        for chunk in foldedChunks { folded.formUnion(chunk) }
        words = folded
    }

    /// `parts` + 1 offsets into `bytes`, from 0 to its end, each other one just after a newline.
    private static func lineBoundaries(of bytes: UnsafeRawBufferPointer, parts: Int) -> [Int] {
        var boundaries = [0]
        for part in 1..<parts {
            var offset = max(boundaries[part - 1], bytes.count * part / parts)
            while offset < bytes.count && offset > 0 && bytes[offset - 1] != UInt8(ascii: "\n") { offset += 1 }
            boundaries.append(offset)
        }
        boundaries.append(bytes.count)
        return boundaries
    }

    /// The folded lowercase words of a list's lines. Read as bytes: splitting the text into
    /// Characters (grapheme clusters) and lowercasing each word by Unicode's rules would cost
    /// more than everything else here.
    private static func foldedLines(of lines: UnsafeRawBufferPointer) -> [String] {
        var folded: [String] = []
        var builder = FoldedTermBuilder()
        for line in lines.split(separator: UInt8(ascii: "\n")) {
            let word = UnsafeRawBufferPointer(rebasing: line)
            builder.reset()
            builder.append(utf8: word)
            folded.append(builder.folded ?? DanishFolding.fold(String(decoding: word, as: UTF8.self).lowercased()))
        }
        return folded
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The parts of `term` (a folded index term), or nil if it is a known word or no split into
    /// known words exists. Fewer parts win; among equals, the longest last part.
    public func split(_ term: String) -> [String]? {
        guard term.utf8.count >= Self.minimumHeadLength + Self.minimumTailLength, !words.contains(term) else { return nil }
        if term.utf8.allSatisfy({ $0 < 0x80 }) {
            // The common case, cut as bytes (each byte a letter) rather than as Characters.
            guard term.utf8.allSatisfy({ $0.isASCIILetter }) else { return nil }
            return split(Array(term.utf8), partsLeft: Self.maximumParts) { String(decoding: $0, as: UTF8.self) }
        }
        guard term.count >= Self.minimumHeadLength + Self.minimumTailLength, term.allSatisfy({ $0.isLetter }) else { return nil }
        return split(Array(term), partsLeft: Self.maximumParts) { String($0) }
    }

    /// Splits `letters` (bytes or Characters; `string` makes a word of some) into known words.
    private func split<Letter>(_ letters: [Letter], partsLeft: Int, string: (ArraySlice<Letter>) -> String) -> [String]? {
        guard partsLeft >= 2 else { return nil }
        var best: [String]?
        for cut in Self.minimumHeadLength...max(Self.minimumHeadLength, letters.count - Self.minimumTailLength) {
            guard cut < letters.count else { break }
            let head = string(letters[..<cut])
            guard isWord(head) || isWordWithLinkingLetter(head) else { continue }
            let tailLetters = Array(letters[cut...])
            let tail = string(tailLetters[...])
            let candidate: [String]?
            if words.contains(tail) {
                candidate = [head, tail]
            } else if let rest = split(tailLetters, partsLeft: partsLeft - 1, string: string) {
                candidate = [head] + rest
            } else {
                candidate = nil
            }
            if let candidate, best == nil || candidate.count < best!.count { best = candidate }
        }
        return best
    }

    private func isWord(_ part: String) -> Bool { words.contains(part) }

    /// `partnerskabs` (partnerskab + -s-), `gæste` (gæst + -e-).
    private func isWordWithLinkingLetter(_ part: String) -> Bool {
        guard let last = part.last, last == "s" || last == "e", part.count > Self.minimumHeadLength else { return false }
        return words.contains(String(part.dropLast()))
    }
}
