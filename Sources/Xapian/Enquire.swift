internal import CXapianShim

/// Runs a query against a database and returns ranked results.
public final class Enquire {
    private let handle: OpaquePointer
    private let database: Database  // Kept alive for as long as the enquire uses it.
    /// The match spies the enquire reports to; they outlive it (freed after it, in deinit order).
    private var spies: [ValueCounts] = []

    public init(database: Database) throws(XapianError) {
        self.database = database
        handle = try checkedHandle { xs_enquire_new(database.handle, $0) }
    }

    deinit {
        xs_enquire_free(handle)
    }

    public func setQuery(_ query: Query) throws(XapianError) {
        _ = try checked { xs_enquire_set_query(handle, query.handle, $0) }
    }

    /// Ranks with BM25; the defaults are Xapian's.
    public func useBM25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormalizedLength: Double = 0.5) throws(XapianError) {
        _ = try checked { xs_enquire_set_bm25(handle, k1, k2, k3, b, minNormalizedLength, $0) }
    }

    /// After `seconds` of matching, Xapian checks no further documents: the best found so far
    /// are returned, and the counts are estimates (`Enquire::set_time_limit`). 0 means no limit.
    public func setTimeLimit(seconds: Double) throws(XapianError) {
        _ = try checked { xs_enquire_set_time_limit(handle, seconds, $0) }
    }

    /// How matches are ordered.
    public enum Order: Sendable {
        /// Best first (the default).
        case relevance
        /// By the value in `slot` (byte order), largest first when `descending`, then by
        /// relevance; documents with no value there come last either way.
        case value(slot: UInt32, descending: Bool)
    }

    public func setOrder(_ order: Order) throws(XapianError) {
        switch order {
        case .relevance:
            _ = try checked { xs_enquire_set_sort_by_relevance(handle, $0) }
        case .value(let slot, let descending):
            _ = try checked { xs_enquire_set_sort_by_value(handle, slot, descending ? 1 : 0, $0) }
        }
    }

    /// Keeps at most `maximum` matches with each value in `slot`, the best ranked in the order
    /// set (`Enquire::set_collapse_key`); matches with no value there are never collapsed. The
    /// match counts then count the matches kept.
    public func collapse(onSlot slot: UInt32, maximum: Int = 1) throws(XapianError) {
        _ = try checked { xs_enquire_set_collapse_key(handle, slot, UInt32(clamping: max(maximum, 1)), $0) }
    }

    /// Counts the values in `slot` of the matches the next `matches` call examines; read the
    /// counts after it.
    public func countValues(inSlot slot: UInt32) throws(XapianError) -> ValueCounts {
        let counts = ValueCounts(handle: try checkedHandle { xs_enquire_add_value_counts(handle, slot, $0) })
        spies.append(counts)
        return counts
    }

    /// Xapian's query expansion (`get_eset`) from the relevant documents: up to `maxTerms`
    /// plain words (no prefixed term, none without a letter, none in `skipping`), best first.
    public func expansionTerms(relevantTo documentIDs: [UInt32], maxTerms: Int,
                               skipping: Set<String> = []) throws(XapianError) -> [String] {
        let skip = skipping.sorted().joined(separator: "\0")
        let bytes = try documentIDs.withUnsafeBufferPointer { ids throws(XapianError) in
            try checkedBytes { terms, length, error in
                skip.withBytes { skipBytes, skipLength in
                    xs_enquire_eset(handle, ids.baseAddress, ids.count, UInt32(maxTerms),
                                    skipBytes, skipLength, terms, length, error)
                }
            }
        }
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Results `first ..< first + maxItems`; `checkAtLeast` makes the match count exact up to that many.
    public func matches(first: Int = 0, maxItems: Int, checkAtLeast: Int = 0) throws(XapianError) -> MatchSet {
        MatchSet(handle: try checkedHandle { xs_enquire_mset(handle, UInt32(first), UInt32(maxItems), UInt32(checkAtLeast), $0) })
    }
}

/// One page of ranked results (Xapian's MSet).
public final class MatchSet {
    private let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        xs_mset_free(handle)
    }

    /// One ranked result.
    public struct Item {
        public let documentID: UInt32
        public let weight: Double
    }

    /// How many documents match: bounds and Xapian's estimate.
    public struct Counts: Sendable {
        public let lowerBound: Int
        public let estimated: Int
        public let upperBound: Int
        public var isExact: Bool { lowerBound == upperBound }
    }

    /// How many documents this page holds.
    public var count: Int {
        get throws(XapianError) {
            var size: UInt32 = 0
            _ = try checked { xs_mset_size(handle, &size, $0) }
            return Int(size)
        }
    }

    public var matchCounts: Counts {
        get throws(XapianError) {
            var lower: UInt32 = 0, estimated: UInt32 = 0, upper: UInt32 = 0
            _ = try checked { xs_mset_counts(handle, &lower, &estimated, &upper, $0) }
            return Counts(lowerBound: Int(lower), estimated: Int(estimated), upperBound: Int(upper))
        }
    }

    /// How many documents match before collapsing (`Enquire.collapse(onSlot:)`); the same as
    /// `matchCounts` without it.
    public var uncollapsedMatchCounts: Counts {
        get throws(XapianError) {
            var lower: UInt32 = 0, estimated: UInt32 = 0, upper: UInt32 = 0
            _ = try checked { xs_mset_uncollapsed_counts(handle, &lower, &estimated, &upper, $0) }
            return Counts(lowerBound: Int(lower), estimated: Int(estimated), upperBound: Int(upper))
        }
    }

    public func item(at index: Int) throws(XapianError) -> Item {
        var docid: UInt32 = 0
        var weight = 0.0
        _ = try checked { xs_mset_item(handle, UInt32(index), &docid, &weight, $0) }
        return Item(documentID: docid, weight: weight)
    }

    public func document(at index: Int) throws(XapianError) -> Document {
        Document(handle: try checkedHandle { xs_mset_document(handle, UInt32(index), $0) })
    }

    /// All items of this page, best first.
    public func items() throws(XapianError) -> [Item] {
        var items: [Item] = []
        for index in 0..<(try count) { items.append(try item(at: index)) }
        return items
    }
}
