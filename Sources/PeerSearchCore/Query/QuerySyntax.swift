import Foundation

/// A field a query word can be limited to.
public enum QueryField: String, Sendable, Equatable {
    case title, author, source
}

/// A parsed query.
public indirect enum QueryNode: Equatable, Sendable {
    /// A word as typed (it may be a hyphenated compound), ranked by its stem; in a field if given.
    case word(String, field: QueryField?)
    /// `"…"`: the words in this order.
    case phrase(String, field: QueryField?)
    /// `medarbejd*`: any word starting so.
    case prefix(String, field: QueryField?)
    /// `date:…`: dates within the inclusive bounds, as `YYYYMMDD` (nil = open).
    case date(from: String?, to: String?)
    /// `author="…"`, `format=pdf`, …: articles whose stored value is exactly this (a facet's filter).
    /// `format:pdf` (`type:pdf`) is the same filter.
    case exact(FacetField, String)
    /// `folder:…` (`mappe:`): articles whose file is in this folder or below it (a path prefix,
    /// whole folder names only).
    case folder(String)
    /// `a NEAR b`: the words within `window` words of each other, in any order.
    case near([String], window: Int)
    /// Parts side by side (or joined by AND): `required` must match (phrases, fields, groups,
    /// and words joined by AND), `optional` words rank (and one must match when nothing is
    /// required), `excluded` (`-word`, NOT) must not match.
    case group(required: [QueryNode], optional: [QueryNode], excluded: [QueryNode])
    /// `a OR b`.
    case any([QueryNode])
}

/// What is wrong with a query, and where (1-based column).
public struct QuerySyntaxError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let column: Int

    public var description: String { "\(message) (at column \(column))" }

    /// The query is longer than `QuerySyntax.maximumLength` characters.
    static func tooLong(_ length: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "the query has \(length) characters; the limit is \(QuerySyntax.maximumLength)",
                         column: QuerySyntax.maximumLength + 1)
    }

    /// Groups and fields nest deeper than `QuerySyntax.maximumDepth`.
    static func tooDeep(at column: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "groups and fields nest deeper than \(QuerySyntax.maximumDepth) levels", column: column)
    }

    /// A phrase of more than `QuerySyntax.maximumPhraseWords` words.
    static func phraseTooLong(_ words: Int, at column: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "the phrase has \(words) words; the limit is \(QuerySyntax.maximumPhraseWords)", column: column)
    }

    /// More than `QuerySyntax.maximumNearWords` words joined by NEAR.
    static func nearTooLong(at column: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "NEAR joins at most \(QuerySyntax.maximumNearWords) words", column: column)
    }
}

/// Reads the query language:
///
/// - `"…"` a phrase (also `”…”`, `»…«`, `„…“`; a quote left open runs to the end);
/// - plain words, ranked; `-word` or `NOT word` leaves articles out;
/// - `AND` / `OR` / `NOT` (or Danish `OG` / `ELLER` / `IKKE`), upper case, and `( … )`;
/// - `title:`, `author:`, `source:` (or `titel:`, `forfatter:`, `kilde:`) before a word, a phrase
///   or a group; `date:2021`, `date:2017..2021`, `date:2021-03-01..` (or `dato:`);
/// - `format:pdf` (`type:`), the same as `format=pdf`; `folder:Corpus/2021` (`mappe:`), the
///   articles in that folder and below it; any other `name:` is an error naming the fields;
/// - `author="Anders Lindberg"`, `source=…`, `format=pdf`, `folder="…"` (or `forfatter=`,
///   `kilde=`, `mappe=`): the whole stored value, exactly (the filters of facets);
/// - `medarbejd*` for any word starting so; `peer NEAR recovery` (`NEAR/5`: within 5 words).
///
/// A query is bounded, so no query can exhaust the stack, the memory or the time of a search:
/// at most `maximumLength` characters, `maximumDepth` nested groups and fields,
/// `maximumPhraseWords` words in a phrase and `maximumNearWords` words joined by NEAR.
public enum QuerySyntax {
    /// The longest query, in characters: a long Danish quote with room to spare.
    public static let maximumLength = 1_000
    /// How deep `( … )` groups and `title:` fields may nest.
    public static let maximumDepth = 32
    /// The most words in one phrase (a quote of several sentences); the approximate step of the
    /// quote ladder tries a variant per word, so the work grows with the square of this.
    public static let maximumPhraseWords = 64
    /// The most words one chain of NEAR may join.
    public static let maximumNearWords = 16

    public static func parse(_ query: String) throws(QuerySyntaxError) -> QueryNode {
        let length = query.count
        guard length <= maximumLength else { throw .tooLong(length) }
        var lexer = Lexer(query)
        var parser = Parser(lexemes: try lexer.lexemes(), length: length)
        return try parser.parseQuery()
    }

    /// Quotation marks that open or close a phrase.
    static let quoteMarks: Set<Character> = ["\"", "“", "”", "„", "‟", "«", "»", "＂", "〝", "〞", "〟"]
    /// Default window of NEAR.
    static let nearWindow = 10
}

/// One piece of a query, with the column it starts at.
struct Lexeme: Equatable {
    enum Kind: Equatable {
        case word(String), phrase(String), open, close, and, or, not, near(Int), field(String)
        case exact(FacetField, String)
    }

    var kind: Kind
    var column: Int
    /// The 0-based character index just past the lexeme (set by `Lexer.lexemes()`).
    var end = 0
}

/// Splits a query into lexemes.
struct Lexer {
    private let characters: [Character]
    private var index = 0

    private static let fields = ["title", "titel", "author", "forfatter", "source", "kilde", "date", "dato",
                                 "format", "type", "folder", "mappe"]

    /// The fields as an error about an unknown one lists them.
    static let knownFields = "title:, author:, source:, date:, format:, folder: (titel:, forfatter:, kilde:, dato:, type:, mappe:)"

    init(_ query: String) {
        characters = Array(query)
    }

    mutating func lexemes() throws(QuerySyntaxError) -> [Lexeme] {
        var lexemes: [Lexeme] = []
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            let before = lexemes.count
            defer { for read in before..<lexemes.count { lexemes[read].end = index } }
            if character.isWhitespace {
                index += 1
            } else if QuerySyntax.quoteMarks.contains(character) {
                index += 1
                var phrase = ""
                while index < characters.count, !QuerySyntax.quoteMarks.contains(characters[index]) {
                    phrase.append(characters[index])
                    index += 1
                }
                index += 1
                let words = Self.wordCount(phrase)
                guard words <= QuerySyntax.maximumPhraseWords else { throw .phraseTooLong(words, at: column) }
                if !phrase.allSatisfy(\.isWhitespace) { lexemes.append(Lexeme(kind: .phrase(phrase), column: column)) }
            } else if character == "(" || character == ")" {
                lexemes.append(Lexeme(kind: character == "(" ? .open : .close, column: column))
                index += 1
            } else if character == "-", index + 1 < characters.count, !characters[index + 1].isWhitespace,
                      characters[index + 1] != "-" {
                lexemes.append(Lexeme(kind: .not, column: column))
                index += 1
            } else {
                lexemes += try word(startingAt: column)
            }
        }
        return lexemes
    }

    /// How many words `text` holds, counted as the analyser splits them: runs of letters and
    /// digits, which an apostrophe or a soft hyphen inside a word does not break.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let isMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory)
            if properties.isAlphabetic || properties.numericType != nil || (inWord && isMark) {
                if !inWord { count += 1 }
                inWord = true
            } else if !(inWord && (scalar == "'" || scalar == "\u{2019}" || scalar == "\u{AD}")) {
                inWord = false
            }
        }
        return count
    }

    /// The value after `author=` …: a `"quoted value"` (with `\"` and `\\` escaped), or a
    /// run of characters up to a space or a parenthesis.
    private mutating func exactValue(after name: String, column: Int) throws(QuerySyntaxError) -> String {
        var value = ""
        if index < characters.count, characters[index] == "\"" {
            index += 1
            while index < characters.count, characters[index] != "\"" {
                if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                value.append(characters[index])
                index += 1
            }
            guard index < characters.count else {
                throw QuerySyntaxError(message: "the value after '\(name)' is never closed by \"", column: column)
            }
            index += 1
        } else {
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "(", characters[index] != ")" {
                value.append(characters[index])
                index += 1
            }
        }
        guard !value.isEmpty else {
            throw QuerySyntaxError(message: "'\(name)' needs a value after it, as in format=pdf or author=\"Anders Lindberg\"", column: column)
        }
        return value
    }

    /// A word, an operator, or a field name followed by what it applies to.
    private mutating func word(startingAt column: Int) throws(QuerySyntaxError) -> [Lexeme] {
        var word = ""
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character == "(" || character == ")" || QuerySyntax.quoteMarks.contains(character) { break }
            word.append(character)
            index += 1
            if character == "=", let field = FacetField.exactFilterNames[String(word.dropLast()).lowercased()] {
                return [Lexeme(kind: .exact(field, try exactValue(after: word, column: column)), column: column)]
            }
            if character == ":", Self.fields.contains(String(word.dropLast()).lowercased()) {
                let field = Lexeme(kind: .field(String(word.dropLast()).lowercased()), column: column)
                guard index < characters.count, !characters[index].isWhitespace, characters[index] != ")" else {
                    throw QuerySyntaxError(message: "'\(word)' needs a word, a \"phrase\" or a (group) after it", column: column)
                }
                return [field]
            }
            // `path:x` is a field name that does not exist (a URL's `http://` is a word).
            if character == ":", word.count > 2, word.dropLast().allSatisfy(\.isLetter), index < characters.count,
               !characters[index].isWhitespace, characters[index] != "/" {
                throw QuerySyntaxError(message: "unknown field '\(word)'; the fields are \(Self.knownFields)", column: column)
            }
        }
        switch word {
        case "AND", "OG": return [Lexeme(kind: .and, column: column)]
        case "OR", "ELLER": return [Lexeme(kind: .or, column: column)]
        case "NOT", "IKKE": return [Lexeme(kind: .not, column: column)]
        case "NEAR": return [Lexeme(kind: .near(QuerySyntax.nearWindow), column: column)]
        default:
            if word.hasPrefix("NEAR/") {
                guard let window = Int(word.dropFirst(5)), (1...100).contains(window) else {
                    throw QuerySyntaxError(message: "'\(word)' needs a window from 1 to 100, as in NEAR/5", column: column)
                }
                return [Lexeme(kind: .near(window), column: column)]
            }
            return [Lexeme(kind: .word(word), column: column)]
        }
    }
}

/// Recursive descent over lexemes: OR binds loosest, then side-by-side/AND, then NEAR. Each
/// group or field goes one level deeper, and a level past `QuerySyntax.maximumDepth` is an error
/// before it is entered, so the recursion is bounded.
struct Parser {
    let lexemes: [Lexeme]
    let length: Int
    private var index = 0
    /// How many groups and fields enclose the lexeme being read.
    private var depth = 0

    init(lexemes: [Lexeme], length: Int) {
        self.lexemes = lexemes
        self.length = length
    }

    private var next: Lexeme? { index < lexemes.count ? lexemes[index] : nil }

    /// An operator must be followed by something it applies to.
    private func expectOperand(after operatorName: String, at column: Int) throws(QuerySyntaxError) {
        guard let lexeme = next, lexeme.kind != .close, lexeme.kind != .or, lexeme.kind != .and else {
            throw QuerySyntaxError(message: "\(operatorName) needs something after it", column: column)
        }
    }
    private var endColumn: Int { length + 1 }

    mutating func parseQuery() throws(QuerySyntaxError) -> QueryNode {
        guard !lexemes.isEmpty else { throw QuerySyntaxError(message: "the query is empty", column: 1) }
        let node = try parseAny()
        if let stray = next { throw QuerySyntaxError(message: "')' has no matching '('", column: stray.column) }
        return node
    }

    private mutating func parseAny() throws(QuerySyntaxError) -> QueryNode {
        var alternatives = [try parseGroup()]
        while let lexeme = next, lexeme.kind == .or {
            index += 1
            try expectOperand(after: "OR", at: lexeme.column)
            alternatives.append(try parseGroup())
        }
        return alternatives.count == 1 ? alternatives[0] : .any(alternatives)
    }

    private mutating func parseGroup() throws(QuerySyntaxError) -> QueryNode {
        var required: [QueryNode] = [], optional: [QueryNode] = [], excluded: [QueryNode] = []
        var joinedByAnd = false
        let start = next?.column ?? endColumn
        while let lexeme = next, lexeme.kind != .close, lexeme.kind != .or {
            if lexeme.kind == .and {
                index += 1
                guard !required.isEmpty || !optional.isEmpty || !excluded.isEmpty else {
                    throw QuerySyntaxError(message: "AND needs something before it", column: lexeme.column)
                }
                try expectOperand(after: "AND", at: lexeme.column)
                if let last = optional.popLast() { required.append(last) }
                joinedByAnd = true
                continue
            }
            var negated = false
            while let not = next, not.kind == .not {
                index += 1
                try expectOperand(after: "NOT", at: not.column)
                negated.toggle()
            }
            let (node, isPlainWord) = try parseNear()
            if negated {
                excluded.append(node)
            } else if isPlainWord && !joinedByAnd {
                optional.append(node)
            } else {
                required.append(node)
            }
            joinedByAnd = false
        }
        if required.isEmpty && optional.isEmpty, excluded.isEmpty, let lexeme = next, lexeme.kind == .or {
            throw QuerySyntaxError(message: "an operator needs something before it", column: lexeme.column)
        }
        if required.isEmpty && optional.isEmpty {
            let message = excluded.isEmpty ? "nothing to search for here" : "a query needs something to find, not only words to leave out"
            throw QuerySyntaxError(message: message, column: start)
        }
        if excluded.isEmpty && required.count + optional.count == 1 { return required.first ?? optional[0] }
        return .group(required: required, optional: optional, excluded: excluded)
    }

    /// A primary, or words joined by NEAR; says whether it is a plain (ranked) word.
    private mutating func parseNear() throws(QuerySyntaxError) -> (QueryNode, isPlainWord: Bool) {
        let first = try parsePrimary()
        guard let lexeme = next, case .near = lexeme.kind else { return first }
        var words: [String] = []
        var window = 0
        var operand = first
        var column = lexeme.column
        while true {
            guard case .word(let word, field: nil) = operand.0 else {
                throw QuerySyntaxError(message: "NEAR works between plain words", column: column)
            }
            words.append(word)
            guard let near = next, case .near(let size) = near.kind else { break }
            guard words.count < QuerySyntax.maximumNearWords else { throw .nearTooLong(at: near.column) }
            index += 1
            column = near.column
            try expectOperand(after: "NEAR", at: near.column)
            window = max(window, size)
            operand = try parsePrimary()
        }
        return (.near(words, window: window), false)
    }

    private mutating func parsePrimary() throws(QuerySyntaxError) -> (QueryNode, isPlainWord: Bool) {
        guard let lexeme = next else { throw QuerySyntaxError(message: "the query ends too early", column: endColumn) }
        index += 1
        let nests = switch lexeme.kind {
        case .open, .field: true
        default: false
        }
        if nests {
            guard depth < QuerySyntax.maximumDepth else { throw .tooDeep(at: lexeme.column) }
            depth += 1
        }
        defer { if nests { depth -= 1 } }
        switch lexeme.kind {
        case .open:
            let node = try parseAny()
            guard let close = next, close.kind == .close else {
                throw QuerySyntaxError(message: "'(' is never closed", column: lexeme.column)
            }
            index += 1
            return (node, false)
        case .phrase(let text):
            return (.phrase(text, field: nil), false)
        case .word(let text):
            if text.count > 1, text.hasSuffix("*") { return (.prefix(String(text.dropLast()), field: nil), false) }
            return (.word(text, field: nil), true)
        case .field(let name):
            return (try parseField(name, at: lexeme.column), false)
        case .exact(let field, let value):
            return (.exact(field, value), false)
        case .close:
            throw QuerySyntaxError(message: "')' has no matching '('", column: lexeme.column)
        case .and, .or, .not, .near:
            throw QuerySyntaxError(message: "an operator needs something before it", column: lexeme.column)
        }
    }

    private mutating func parseField(_ name: String, at column: Int) throws(QuerySyntaxError) -> QueryNode {
        if name == "date" || name == "dato" {
            guard let lexeme = next, case .word(let value) = lexeme.kind else {
                throw QuerySyntaxError(message: "'\(name):' needs a date, as in date:2021 or date:2017..2021", column: column)
            }
            index += 1
            return try DateRangeSyntax.parse(value, column: lexeme.column)
        }
        if ["format", "type", "folder", "mappe"].contains(name) {
            let value: String
            switch next?.kind {
            case .word(let word): value = word
            case .phrase(let phrase): value = phrase.trimmingCharacters(in: .whitespaces)
            default:
                throw QuerySyntaxError(message: "'\(name):' needs a value, as in format:pdf or folder:Corpus/2021", column: column)
            }
            index += 1
            return name == "format" || name == "type" ? .exact(.format, value) : .folder(value)
        }
        let field: QueryField = switch name {
        case "title", "titel": .title
        case "author", "forfatter": .author
        default: .source
        }
        let (node, _) = try parsePrimary()
        return try Self.limit(node, to: field, column: column)
    }

    /// Puts every word and phrase of `node` in `field`.
    private static func limit(_ node: QueryNode, to field: QueryField, column: Int) throws(QuerySyntaxError) -> QueryNode {
        switch node {
        case .word(let text, _): return .word(text, field: field)
        case .phrase(let text, _): return .phrase(text, field: field)
        case .prefix(let text, _): return .prefix(text, field: field)
        case .any(let nodes):
            return .any(try nodes.map { node throws(QuerySyntaxError) in try limit(node, to: field, column: column) })
        case .group(let required, let optional, let excluded):
            let map = { (nodes: [QueryNode]) throws(QuerySyntaxError) -> [QueryNode] in
                try nodes.map { node throws(QuerySyntaxError) in try limit(node, to: field, column: column) }
            }
            return .group(required: try map(required), optional: try map(optional), excluded: try map(excluded))
        case .date, .near, .exact, .folder:
            throw QuerySyntaxError(message: "a field can hold words, phrases and groups of them", column: column)
        }
    }
}

/// `2021`, `2021-03`, `2021-03-01`, and ranges `2017..2021`, `2021-03-01..`, `..2020`.
enum DateRangeSyntax {
    static func parse(_ value: String, column: Int) throws(QuerySyntaxError) -> QueryNode {
        let bounds = value.components(separatedBy: "..")
        guard bounds.count <= 2 else { throw error(value, column: column) }
        if bounds.count == 1 {
            guard let date = parts(value) else { throw error(value, column: column) }
            return .date(from: lower(date), to: upper(date))
        }
        let from = bounds[0].isEmpty ? nil : parts(bounds[0])
        let to = bounds[1].isEmpty ? nil : parts(bounds[1])
        if (!bounds[0].isEmpty && from == nil) || (!bounds[1].isEmpty && to == nil) || (from == nil && to == nil) {
            throw error(value, column: column)
        }
        return .date(from: from.map(lower), to: to.map(upper))
    }

    private static func parts(_ text: String) -> [String]? {
        guard text.wholeMatch(of: /\d{4}(-\d{2}(-\d{2})?)?/) != nil else { return nil }
        return text.split(separator: "-").map(String.init)
    }

    /// Stored dates pad missing parts with 00, so a year starts at YYYY0000 and ends at YYYY9999.
    private static func lower(_ parts: [String]) -> String { (parts.joined() + "0000").prefix(8).description }
    private static func upper(_ parts: [String]) -> String { (parts.joined() + "9999").prefix(8).description }

    private static func error(_ value: String, column: Int) -> QuerySyntaxError {
        QuerySyntaxError(message: "cannot read the date '\(value)': use YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2017..2021", column: column)
    }
}
