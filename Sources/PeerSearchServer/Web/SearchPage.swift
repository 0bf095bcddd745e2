import Foundation
import PeerSearchCore

/// What the search page shows for one request: the count (`Viser 1–10 af 52`), "Mente du …",
/// each hit with its metadata, its duplicates (`Også: …`), match label and passages (query words
/// marked, page and line, a citation to copy), the result pages, and the sort choice.
struct SearchPage: Sendable {
    struct Suggestion: Sendable {
        var url: String
        var text: String
    }

    /// When nothing matched the query as typed and its suggestion was searched instead.
    struct SearchedInstead: Sendable {
        var text: String
        var typed: String
        var typedURL: String
    }

    struct SortOption: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct PassageView: Sendable {
        var `where`: String
        var segments: [MarkedText.Segment]
        var citation: String
    }

    /// A byte-identical copy of a hit, linked to its article page.
    struct Duplicate: Sendable {
        var url: String
        var path: String
        /// ", " after every one but the last.
        var separator: String
    }

    struct Hit: Sendable {
        var rank: Int
        var articleURL: String
        var title: String
        var date: String?
        var author: String?
        var source: String?
        var path: String
        var duplicates: [Duplicate]
        var hasDuplicates: Bool { !duplicates.isEmpty }
        var matchKind: String
        var matchLabel: String
        var difference: String?
        var passages: [PassageView]
        var hasPassages: Bool { !passages.isEmpty }
        /// "og 12 steder mere": the passages not shown, which the article page marks.
        var morePassages: String?
    }

    /// Passages shown per hit; the article page shows every occurrence.
    static let shownPassages = 5

    struct Chip: Sendable {
        var label: String
        var removeURL: String
    }

    struct PageLink: Sendable {
        var number: Int
        var url: String
        var current: Bool
    }

    var frame: PageFrame
    var hasQuery: Bool
    var countText = ""
    var suggestion: Suggestion?
    var searchedInstead: SearchedInstead?
    var warnings: [String] = []
    var sortOptions: [SortOption] = []
    // The templates' sections read the `has…` flags (through `TemplateFields`).
    var hits: [Hit] = []
    var hasHits: Bool { !hits.isEmpty }
    /// Whether the search matched anything (on this result page or another).
    var hasMatches = false
    var firstRank = 1
    var previousURL: String?
    var nextURL: String?
    var pageLinks: [PageLink] = []
    var hasPageNavigation: Bool { !pageLinks.isEmpty || previousURL != nil }
    var csvURL = ""
    var jsonURL = ""
    /// The filters and year range in force, each with the address without it.
    var chips: [Chip] = []
    var hasChips: Bool { !chips.isEmpty }
    var from: String
    var to: String
    var documentsText = ""
    var facets: [FacetsView.Facet] = []
    var hasFacets: Bool { !facets.isEmpty }
    var yearChart: YearChart?

    /// The page before a search: a welcome naming how many articles the archive holds.
    init(welcome documents: Int, frame: PageFrame) {
        self.frame = frame
        hasQuery = false
        from = ""
        to = ""
        documentsText = documents == 1 ? "Arkivet har 1 artikel." : "Arkivet har \(Self.number(documents)) artikler."
    }

    /// The page of `result`, the answer to `request`.
    init(_ result: SearchResult, request: SearchPageRequest, facets: FacetsView, frame: PageFrame) {
        self.frame = frame
        hasQuery = true
        from = request.from.map(String.init) ?? ""
        to = request.to.map(String.init) ?? ""
        self.facets = facets.facets.filter { !$0.values.isEmpty }
        yearChart = facets.yearChart
        chips = request.filters.map { filter in Chip(label: filter, removeURL: request.url { $0.filters.removeAll { $0 == filter } }) }
        if let range = request.rangeClause { chips.append(Chip(label: range, removeURL: request.url { $0.from = nil; $0.to = nil })) }
        let first = (request.page - 1) * SearchPageRequest.resultsPerPage + 1
        firstRank = first
        countText = switch result.total {
        case 0: "Ingen resultater"
        case 1 where result.hits.count == 1: "1 resultat"
        case _ where result.hits.isEmpty: "Ingen resultater på denne side; søgningen har \(Self.number(result.total))"
        default: "Viser \(Self.number(first))–\(Self.number(first + result.hits.count - 1)) af \(Self.number(result.total))"
        }
        if let suggested = result.suggestion {
            if result.searchedInstead {
                // The suggestion was searched: say so, and offer the query as typed (`+`).
                searchedInstead = SearchedInstead(text: suggested, typed: request.query,
                                                  typedURL: request.url { $0.query = "+" + request.query })
            } else {
                suggestion = Suggestion(url: request.url { $0.query = suggested }, text: suggested)
            }
        }
        warnings = result.warnings
        sortOptions = SearchOrder.allCases.map { SortOption(value: $0.rawValue, label: Self.label(for: $0), selected: $0 == request.sort) }
        let phraseWords = QuoteDifference.quotedWords(in: request.query)
        let articleQuery = SearchParameters.encode([("q", request.query)])
        hits = result.hits.map { hit in
            let duplicates = zip(hit.duplicateIDs, hit.duplicates).enumerated().map { index, duplicate in
                Duplicate(url: "/artikel/\(duplicate.0)?" + articleQuery, path: duplicate.1,
                          separator: index < hit.duplicates.count - 1 ? ", " : "")
            }
            return Hit(rank: hit.rank, articleURL: "/artikel/\(hit.id)?" + articleQuery,
                       title: hit.title.isEmpty ? "(uden titel)" : hit.title, date: hit.date, author: hit.author, source: hit.source,
                       path: hit.path, duplicates: duplicates, matchKind: hit.match.rawValue, matchLabel: Self.label(for: hit.match),
                       difference: hit.differences.map { QuoteDifference(differences: $0).description }.flatMap(\.nonEmpty),
                       passages: hit.passages.prefix(Self.shownPassages).map { Self.view(of: $0, in: hit, quoting: !phraseWords.isEmpty) },
                       morePassages: hit.passages.count > Self.shownPassages
                           ? "og \(hit.passages.count - Self.shownPassages) steder mere i artiklen" : nil)
        }
        hasMatches = result.total > 0
        let pageCount = min((result.total + SearchPageRequest.resultsPerPage - 1) / SearchPageRequest.resultsPerPage,
                            SearchPageRequest.pages.upperBound)
        if request.page > 1 { previousURL = request.url { $0.page = min(request.page - 1, max(pageCount, 1)) } }
        if request.page < pageCount { nextURL = request.url { $0.page = request.page + 1 } }
        if pageCount > 1 {
            // Around the page asked for, which may lie past the last one (an old address).
            let first = max(1, min(request.page, pageCount) - 4)
            let shown = first...min(pageCount, first + 8)
            pageLinks = shown.map { number in PageLink(number: number, url: request.url { $0.page = number }, current: number == request.page) }
        }
        var exported: [(name: String, value: String)] = [("q", request.searchedQuery), ("limit", "100")]
        if request.sort != .relevance { exported.append(("sort", request.sort.rawValue)) }
        csvURL = "/search?" + SearchParameters.encode(exported + [("format", "csv")])
        jsonURL = "/search?" + SearchParameters.encode(exported)
    }

    /// The Danish name of an order, as the sort choice says it.
    static func label(for order: SearchOrder) -> String {
        switch order {
        case .relevance: "Relevans"
        case .newest: "Nyeste først"
        case .oldest: "Ældste først"
        }
    }

    /// The Danish name of a match kind, as the page and its help say it.
    static func label(for match: MatchKind) -> String {
        switch match {
        case .exact: "præcis"
        case .inflected: "bøjet"
        case .approximate: "omtrentlig"
        case .partial: "delvis"
        case .words: "ordene"
        }
    }

    /// A passage with its place (`s. 2, l. 40` or `l. 25`), its marked runs, and the one-line
    /// citation "Kopiér citat" copies: the quote as the article has it, then its source.
    static func view(of passage: Passage, in hit: SearchHit, quoting: Bool) -> PassageView {
        let place = (passage.page.map { "s. \($0), " } ?? "") + "l. \(passage.line)"
        let marked = MarkedText(passage.text, markingScalars: passage.highlights)
        let quoted = quoting && marked.segments.filter(\.marked).count == 1
            ? marked.segments.first { $0.marked }!.text
            : passage.text
        let source = [hit.author.map { "\($0): " } ?? "", "\"\(hit.title)\""].joined()
        let details = [hit.source, hit.date, passage.page.map { "s. \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return PassageView(where: place, segments: marked.segments,
                           citation: "»\(quoted)« (\(source)\(details.isEmpty ? "" : ", " + details))")
    }

    /// Danish thousands separators: 1.234.
    static func number(_ value: Int) -> String {
        let digits = String(value)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return grouped
    }
}
