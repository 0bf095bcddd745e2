import Foundation
import PeerSearchCore

/// The query parameters of `GET /search`, checked: `q`, `limit`, `offset`, `fields`, `exact`,
/// `sort`, `facets`, `format`, `all`.
struct SearchParameters: Sendable, Equatable {
    static let limits = 1...100
    static let offsets = 0...100_000
    static let known = ["q", "limit", "offset", "fields", "exact", "sort", "facets", "format", "all"]

    /// How results are written: JSON (`search --format json`'s document) or CSV (one row per passage).
    enum Format: String, Sendable, CaseIterable {
        case json, csv
    }

    var query: String
    var limit = 10
    var offset = 0
    /// The hit keys to keep, or nil for all.
    var fields: Set<String>?
    var exactOnly = false
    var order = SearchOrder.relevance
    var facets = false
    var format = Format.json
    /// Byte-identical articles each listed, not once with the others' paths (`search --all`).
    var all = false

    /// Reads the raw query string (`q=…&limit=…`); unknown, repeated or malformed parameters are 400s.
    init(queryString: String?) throws(APIError) {
        let parameters = try Self.decode(queryString ?? "")
        if let unknown = parameters.keys.filter({ !Self.known.contains($0) }).sorted().first {
            throw .badRequest("unknown parameter '\(unknown)' (known: \(Self.known.joined(separator: ", ")))")
        }
        guard let query = parameters["q"] else { throw .badRequest("missing query: give it as q=…") }
        guard !query.allSatisfy(\.isWhitespace) else { throw .badRequest("the query is empty") }
        self.query = query
        (limit, offset, format) = try Self.page(parameters)
        if let value = parameters["sort"] {
            guard let order = SearchOrder(rawValue: value) else {
                throw .badRequest("sort must be one of \(SearchOrder.names)")
            }
            self.order = order
        }
        if let value = parameters["facets"] {
            guard let facets = Bool(value) else { throw .badRequest("facets must be true or false") }
            self.facets = facets
        }
        if let value = parameters["fields"] {
            let fields = Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            let known = ResultJSON.hitFields.sorted().joined(separator: ",")
            guard !fields.isEmpty else { throw .badRequest("fields is empty (known: \(known))") }
            if let unknown = fields.subtracting(ResultJSON.hitFields).sorted().first {
                throw .badRequest("unknown field '\(unknown)' in fields (known: \(known))")
            }
            self.fields = fields
        }
        if let value = parameters["exact"] {
            guard let exact = Bool(value) else { throw .badRequest("exact must be true or false") }
            exactOnly = exact
        }
        all = try Self.all(parameters)
    }

    /// `all`, checked (the same for `GET /articles/{id}/similar`): false when not given.
    static func all(_ parameters: [String: String]) throws(APIError) -> Bool {
        guard let value = parameters["all"] else { return false }
        guard let all = Bool(value) else { throw .badRequest("all must be true or false") }
        return all
    }

    /// `limit`, `offset` and `format`, checked (the same for `GET /articles/{id}/similar`).
    static func page(_ parameters: [String: String]) throws(APIError) -> (limit: Int, offset: Int, format: Format) {
        var page = (limit: 10, offset: 0, format: Format.json)
        if let value = parameters["limit"] {
            guard let limit = Int(value), Self.limits.contains(limit) else {
                throw .badRequest("limit must be a whole number from \(Self.limits.lowerBound) to \(Self.limits.upperBound)")
            }
            page.limit = limit
        }
        if let value = parameters["offset"] {
            guard let offset = Int(value), Self.offsets.contains(offset) else {
                throw .badRequest("offset must be a whole number from \(Self.offsets.lowerBound) to \(Self.offsets.upperBound)")
            }
            page.offset = offset
        }
        if let value = parameters["format"] {
            guard let format = Format(rawValue: value) else { throw .badRequest("format must be json or csv") }
            page.format = format
        }
        return page
    }

    /// Form-decodes a query string (`+` is a space, `%XX` a byte of UTF-8); each name at most once.
    static func decode(_ queryString: String) throws(APIError) -> [String: String] {
        var parameters: [String: String] = [:]
        for (name, value) in try pairs(queryString) {
            guard parameters.updateValue(value, forKey: name) == nil else { throw .badRequest("parameter '\(name)' given twice") }
        }
        return parameters
    }

    /// Form-decodes a query string into its name-value pairs, in order (a name may repeat).
    static func pairs(_ queryString: String) throws(APIError) -> [(name: String, value: String)] {
        var pairs: [(String, String)] = []
        for pair in queryString.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = formDecode(parts[0]), let value = formDecode(parts.count > 1 ? parts[1] : "") else {
                throw .badRequest("malformed percent-encoding in '\(pair)'")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Form-encodes name-value pairs into a query string, as `pairs` reads them.
    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\(formEncode($0.name))=\(formEncode($0.value))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static func formDecode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
