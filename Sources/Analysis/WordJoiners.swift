/// The characters that can stand inside a word or a compound without ending it. One list, read
/// by the tokenizer (which reads a word across them) and by `FoldedText` (which squeezes them out
/// of the text it searches), so the two can never disagree on what joins a word.
public enum WordJoiners {
    /// Dropped inside a word: `FOA's`, `cd’er`, soft hyphens.
    static let inWord: [Unicode.Scalar] = ["'", "\u{2019}", "\u{00AD}"]
    /// Link the parts of a compound (`peer-medarbejder`), also across a line end.
    static let hyphens: [Unicode.Scalar] = ["-", "\u{2010}", "\u{2011}"]

    static func isInWord(_ scalar: Unicode.Scalar) -> Bool { inWord.contains(scalar) }
    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool { hyphens.contains(scalar) }
    /// Whether `scalar` is either kind of joiner.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { isInWord(scalar) || isHyphen(scalar) }
}
