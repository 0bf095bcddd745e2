import PeerSearchCore

/// The search page's address, read and written: `/?q=…&f=date:2021&fra=2017&til=2021&sort=newest&side=2`.
/// The query is the user's; filters (`f`, from facet links) and the year range are query-language
/// clauses searched with it but kept out of the search box, so each can be removed on its own.
/// Every value is bounded, and a page that cannot be read is a 400 page, never a crash.
struct SearchPageRequest: Sendable, Equatable {
    static let maximumFilters = 8
    static let maximumFilterLength = 300
    static let resultsPerPage = 10
    static let pages = 1...100

    var query = ""
    var filters: [String] = []
    var from: Int?
    var to: Int?
    var sort = SearchOrder.relevance
    var page = 1

    init() {}

    /// Reads the raw query string: 400 (`APIError`) for unknown, repeated or malformed parameters.
    init(queryString: String?) throws(APIError) {
        var seen: Set<String> = []
        for (name, value) in try SearchParameters.pairs(queryString ?? "") {
            guard name == "f" || seen.insert(name).inserted else { throw .badRequest("parameter '\(name)' given twice") }
            switch name {
            case "q": query = value
            case "f":
                guard filters.count < Self.maximumFilters else { throw .badRequest("more than \(Self.maximumFilters) filters") }
                guard value.count <= Self.maximumFilterLength else { throw .badRequest("a filter is over \(Self.maximumFilterLength) characters") }
                if !value.allSatisfy(\.isWhitespace) && !filters.contains(value) { filters.append(value) }
            case "fra", "til":
                guard !value.isEmpty else { continue }
                guard value.count == 4, let year = Int(value) else { throw .badRequest("'\(name)' must be a year such as 2021") }
                if name == "fra" { from = year } else { to = year }
            case "sort":
                guard let sort = SearchOrder(rawValue: value) else { throw .badRequest("sort must be \(SearchOrder.names)") }
                self.sort = sort
            case "side":
                guard let page = Int(value), Self.pages.contains(page) else {
                    throw .badRequest("side must be a page number from \(Self.pages.lowerBound) to \(Self.pages.upperBound)")
                }
                self.page = page
            default:
                throw .badRequest("unknown parameter '\(name)'")
            }
        }
    }

    /// The year range as a query-language clause (`date:2017..2021`), if one was given.
    var rangeClause: String? {
        switch (from, to) {
        case (nil, nil): nil
        case (let from?, nil): "date:\(from).."
        case (nil, let to?): "date:..\(to)"
        case (let from?, let to?): "date:\(min(from, to))..\(max(from, to))"
        }
    }

    /// What is searched: the filters and the range first, then the query, so that a quote the
    /// user left open (which runs to the end) cannot swallow them. Fields are required, so each
    /// filter narrows the query's hits.
    var searchedQuery: String {
        (filters + [rangeClause].compactMap { $0 } + [query]).joined(separator: " ")
    }

    var hasQuery: Bool { !query.allSatisfy(\.isWhitespace) || !filters.isEmpty || rangeClause != nil }

    /// This page's address with `change` applied, starting at the first result page unless the
    /// change sets one.
    func url(_ change: (inout SearchPageRequest) -> Void = { _ in }) -> String {
        var changed = self
        changed.page = 1
        change(&changed)
        var pairs: [(name: String, value: String)] = [("q", changed.query)]
        pairs += changed.filters.map { ("f", $0) }
        if let from = changed.from { pairs.append(("fra", String(from))) }
        if let to = changed.to { pairs.append(("til", String(to))) }
        if changed.sort != .relevance { pairs.append(("sort", changed.sort.rawValue)) }
        if changed.page != 1 { pairs.append(("side", String(changed.page))) }
        return "/?" + SearchParameters.encode(pairs)
    }
}
