internal import CXapianShim

/// Runs a query against a database and returns ranked results.
public final class Enquire {
    private let handle: OpaquePointer
    private let database: Database  // Kept alive for as long as the enquire uses it.

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
