internal import CXapianShim

/// How often each value of one slot occurs among the matches of a search (Xapian's
/// `ValueCountMatchSpy`), for facets. Made by `Enquire.countValues(inSlot:)` before the search;
/// read after it.
public final class ValueCounts {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        xs_value_counts_free(handle)
    }

    /// How many matching documents were examined (all of them when the search was asked to
    /// check at least as many as the database holds).
    public var documentsExamined: Int {
        get throws(XapianError) {
            var total: UInt32 = 0
            _ = try checked { xs_value_counts_total(handle, &total, $0) }
            return Int(total)
        }
    }

    /// Each value seen (documents without a value in the slot are not counted) with how many
    /// examined documents had it, in byte order of the values.
    public func counts() throws(XapianError) -> [(value: String, count: Int)] {
        let list = TermList(handle: try checkedHandle { xs_value_counts_values(handle, $0) })
        var counts: [(value: String, count: Int)] = []
        while let value = try list.next() {
            var frequency: UInt32 = 0
            _ = try checked { xs_termlist_termfreq(list.handle, &frequency, $0) }
            counts.append((value, Int(frequency)))
        }
        return counts
    }
}
