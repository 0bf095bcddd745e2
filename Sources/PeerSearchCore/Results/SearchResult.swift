/// How a hit matched the query.
public enum MatchKind: String, Codable, Sendable {
    /// Every phrase and word as written (folding æ/ae aside).
    case exact
    /// Found, but some words only in another inflection.
    case inflected
    /// A quote remembered slightly wrong: a word more or less, two neighbours swapped, a word changed.
    case approximate
    /// Some of the words are missing (ranked word queries).
    case partial
    /// A quote that no step of the ladder finds (as written, inflected, with a slip or two),
    /// searched as its words, ranked.
    case words
}

/// A stretch of an article's text around a match, to show and cite.
public struct Passage: Codable, Sendable, Equatable {
    /// The 1-based line the match starts on, and the line it ends on.
    public var line: Int
    public var endLine: Int
    /// The line's text (a window of it, marked with … when long); line breaks inside become spaces.
    public var text: String
    /// Highlighted matches as [start, end) offsets in Unicode code points into `text`.
    public var highlights: [[Int]]
    /// The same matches as [start, end) offsets in UTF-8 bytes into `text`.
    public var highlightsUTF8: [[Int]]
    /// The 1-based page the match starts on, for articles with pages (PDF); nil (and left out of
    /// the JSON) for the others.
    public var page: Int?
    /// `.ocr` when the passage's text was read by OCR (a scanned page or an image), which makes
    /// mistakes; nil (and left out of the JSON) for text the file holds as text.
    public var sourceText: SourceText?

    enum CodingKeys: String, CodingKey {
        case line, endLine = "end_line", text, highlights, highlightsUTF8 = "highlights_utf8", page, sourceText = "source_text"
    }

    /// Where a passage's text came from, when not from the file's text itself.
    public enum SourceText: String, Codable, Sendable {
        case ocr
    }

    /// The passage with the page its line is on, given the line each page starts on, and marked
    /// as OCR's when that page (page 1 of an article without pages) is among `ocrPages`.
    func cited(pageLines: [Int]?, ocrPages: [Int]?) -> Passage {
        var cited = self
        if let pageLines, !pageLines.isEmpty {
            cited.page = pageLines.lastIndex { $0 <= line }.map { $0 + 1 } ?? 1
        }
        if let ocrPages, ocrPages.contains(cited.page ?? 1) { cited.sourceText = .ocr }
        return cited
    }
}

/// One ranked article.
public struct SearchHit: Codable, Sendable {
    /// The article's document id in this index (for `peersearch show ID`, `GET /articles/ID`).
    public var id: Int
    public var rank: Int
    public var path: String
    public var title: String
    public var author: String?
    public var source: String?
    public var date: String?
    public var score: Double
    public var match: MatchKind
    public var passages: [Passage]
    /// For an approximate hit, how its closest passage differs from the quote, slip by slip;
    /// nil (and left out of the JSON) for the others.
    public var differences: [WordDifference]?
    /// What the differences cost (`QuoteAligner`): approximate hits are ranked by it first.
    var closenessCost: Double?
    /// Whether an approximate hit holds the quote within the slips its ladder step allows.
    var isWithinSlips = false
    /// The paths of the other matching articles byte-identical to this one, which the search
    /// collapsed into it (at most `Searcher.maximumDuplicatesListed`, sorted); empty when none
    /// were, and with duplicates not collapsed.
    public var duplicates: [String] = []
    /// The document ids of `duplicates`, in the same order (for links; not in the JSON).
    public var duplicateIDs: [Int] = []

    enum CodingKeys: String, CodingKey {
        case id, rank, path, title, author, source, date, score, match, passages, differences, duplicates
    }

    /// Absent metadata is written as `null`, so every hit has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(rank, forKey: .rank)
        try container.encode(path, forKey: .path)
        try container.encode(title, forKey: .title)
        try container.encode(author, forKey: .author)
        try container.encode(source, forKey: .source)
        try container.encode(date, forKey: .date)
        try container.encode(score, forKey: .score)
        try container.encode(match, forKey: .match)
        try container.encode(passages, forKey: .passages)
        try container.encodeIfPresent(differences, forKey: .differences)
        try container.encode(duplicates, forKey: .duplicates)
    }
}

/// One way an approximate hit's words differ from the quote's: the quote's `query` word (two,
/// for neighbours swapped) stands as `text` in the article; "" on one side for a word missing
/// or extra. Both are given as the index analyses them (lowercased).
public struct WordDifference: Codable, Equatable, Sendable {
    public var query: String
    public var text: String

    public init(query: String, text: String) {
        self.query = query
        self.text = text
    }
}

/// The answer to a search.
public struct SearchResult: Codable, Sendable {
    /// The version of this JSON layout (`schema/search-result.schema.json`); it changes only
    /// when a field is removed or changes meaning.
    public static let schemaVersion = 1

    public var query: String
    /// How many articles match in all (the hits are the first `limit` of them).
    public var total: Int
    public var hits: [SearchHit]
    /// "Mente du …?": the query with its unknown words replaced by known ones, or nil.
    public var suggestion: String?
    /// Shards left out because they could not be reached (`--allow-partial`); empty when whole.
    public var unavailableShards: [String]
    /// Ways the search was narrowed that the user should know of (e.g. a quote too long for the
    /// later ladder steps); empty for nearly every search.
    public var warnings: [String]
    /// With facets asked for: the matches counted by `FacetField` (`year`, `author`, …), each
    /// value with its count and filter; nil (and left out of the JSON) otherwise.
    public var facets: [String: [FacetValue]]?
    /// True when the query found nothing and its `suggestion` was searched instead (the hits are
    /// the suggestion's); false (and left out of the JSON) otherwise.
    public var searchedInstead = false

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", query, total, hits, suggestion, unavailableShards = "unavailable_shards", warnings
        case facets, searchedInstead = "searched_instead"
    }

    public init(query: String, total: Int, hits: [SearchHit], suggestion: String?, unavailableShards: [String] = [],
                warnings: [String] = []) {
        self.query = query
        self.total = total
        self.hits = hits
        self.suggestion = suggestion
        self.unavailableShards = unavailableShards
        self.warnings = warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        total = try container.decode(Int.self, forKey: .total)
        hits = try container.decode([SearchHit].self, forKey: .hits)
        suggestion = try container.decodeIfPresent(String.self, forKey: .suggestion)
        unavailableShards = try container.decodeIfPresent([String].self, forKey: .unavailableShards) ?? []
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
        facets = try container.decodeIfPresent([String: [FacetValue]].self, forKey: .facets)
        searchedInstead = try container.decodeIfPresent(Bool.self, forKey: .searchedInstead) ?? false
    }

    /// `suggestion` is written as `null` when there is none, so the keys never change.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode(query, forKey: .query)
        try container.encode(total, forKey: .total)
        try container.encode(hits, forKey: .hits)
        try container.encode(suggestion, forKey: .suggestion)
        try container.encode(unavailableShards, forKey: .unavailableShards)
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(facets, forKey: .facets)
        if searchedInstead { try container.encode(true, forKey: .searchedInstead) }
    }

    /// Adds facet counts, and a warning when they leave matches out: articles indexed before
    /// facet values were stored, or matches the search's time limit kept it from examining.
    mutating func addFacets(_ counted: FacetCounter.Counted) {
        facets = counted.facets
        if counted.withoutValues > 0 {
            warnings.append("\(counted.withoutValues) of the matching articles were indexed before facet values were stored: "
                + "only their year is counted (run 'peersearch index --rebuild' to count them all)")
        }
        if counted.examined < total {
            warnings.append("the facets count \(counted.examined) of about \(total) matches (the search's time limit was reached)")
        }
    }
}
