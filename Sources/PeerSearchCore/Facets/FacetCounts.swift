import Xapian

/// One value of a facet: how many matching articles have it, and the query-language filter that
/// keeps exactly those (add it to the query to narrow the search to them).
public struct FacetValue: Codable, Sendable, Equatable {
    public var value: String
    public var count: Int
    public var filter: String
}

/// Counts a search's matches by each `FacetField`, with one Xapian `ValueCountMatchSpy` per
/// slot: made before the search (which must examine every match for the counts to be whole),
/// read after it.
struct FacetCounter {
    /// At most this many values are listed per facet (the most frequent; years all, up to this).
    static let maximumValues = 100

    private let spies: [(field: FacetField, counts: ValueCounts)]

    init(enquire: Enquire) throws(XapianError) {
        var spies: [(field: FacetField, counts: ValueCounts)] = []
        for field in FacetField.allCases {
            spies.append((field, try enquire.countValues(inSlot: field.slot)))
        }
        self.spies = spies
    }

    /// What the search counted.
    struct Counted {
        var facets: [String: [FacetValue]]
        /// How many matches were examined (all of them, unless the time limit cut the search).
        var examined: Int
        /// How many of those have no format value: articles indexed before facet values were
        /// stored (every article has a format).
        var withoutValues: Int
    }

    /// The counts, each facet's values most frequent first (years in order, newest first).
    func counted() throws(XapianError) -> Counted {
        var facets: [String: [FacetValue]] = [:]
        var examined = 0, withFormat = 0
        for (field, spy) in spies {
            var totals: [String: Int] = [:]
            for (stored, count) in try spy.counts() {
                guard let value = field.value(ofStored: stored) else { continue }
                totals[value, default: 0] += count
            }
            let ordered = field == .year
                ? totals.sorted { $0.key > $1.key }
                : totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            facets[field.rawValue] = ordered.prefix(Self.maximumValues).map {
                FacetValue(value: $0.key, count: $0.value, filter: field.filter(for: $0.key))
            }
            if field == .format {
                examined = try spy.documentsExamined
                withFormat = totals.values.reduce(0, +)
            }
        }
        return Counted(facets: facets, examined: examined, withoutValues: examined - withFormat)
    }
}
