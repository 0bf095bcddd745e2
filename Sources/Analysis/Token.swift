/// One indexed term of a text, with where it stands.
public struct Token: Sendable, Equatable {
    /// The index term: the word lowercased and folded (see `DanishFolding`).
    public var term: String
    /// Word position, from 0. A joined compound starts at its first part's position.
    public var position: Int
    /// How many positions the token covers: 1 for a word, the number of parts for a joined compound.
    public var span: Int
    /// Where the token stands in the text, in UTF-8 bytes.
    public var utf8Range: Range<Int>
    /// The 1-based lines of the token's first and last character.
    public var line: Int
    public var endLine: Int

    public init(term: String, position: Int, span: Int = 1, utf8Range: Range<Int>, line: Int, endLine: Int) {
        self.term = term
        self.position = position
        self.span = span
        self.utf8Range = utf8Range
        self.line = line
        self.endLine = endLine
    }

    /// A compound written with a hyphen, or split by hyphenation, joined into one word.
    public var isJoined: Bool { span > 1 }
}
