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
    public init(words: some Sequence<String>) {
        self.words = Set(words.map { DanishFolding.fold($0.lowercased()) })
    }

    /// Loads a word list with one word per line; nil if the file cannot be read.
    public init?(wordListPath: String = Decompounder.defaultWordListPath) {
        guard let data = FileManager.default.contents(atPath: wordListPath) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        self.init(words: text.split(separator: "\n").lazy.map(String.init))
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The parts of `term` (a folded index term), or nil if it is a known word or no split into
    /// known words exists. Fewer parts win; among equals, the longest last part.
    public func split(_ term: String) -> [String]? {
        guard term.count >= Self.minimumHeadLength + Self.minimumTailLength, !words.contains(term),
              term.allSatisfy(\.isLetter) else { return nil }
        return split(Array(term), partsLeft: Self.maximumParts)
    }

    private func split(_ letters: [Character], partsLeft: Int) -> [String]? {
        guard partsLeft >= 2 else { return nil }
        var best: [String]?
        for cut in Self.minimumHeadLength...max(Self.minimumHeadLength, letters.count - Self.minimumTailLength) {
            guard cut < letters.count else { break }
            let head = String(letters[..<cut])
            guard isWord(head) || isWordWithLinkingLetter(head) else { continue }
            let tailLetters = Array(letters[cut...])
            let tail = String(tailLetters)
            let candidate: [String]?
            if words.contains(tail) {
                candidate = [head, tail]
            } else if let rest = split(tailLetters, partsLeft: partsLeft - 1) {
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
