internal import CXapianShim

/// An immutable Xapian query tree.
public final class Query: CustomStringConvertible {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        xs_query_free(handle)
    }

    /// How subqueries combine.
    public enum Operator: Sendable {
        case and, or, andNot, andMaybe, filter, synonym, max
        /// The terms within `window` positions of each other, in any order.
        case near(window: Int)
        /// The terms in order within `window` positions (window = count for an exact phrase).
        case phrase(window: Int)

        var shimValue: (xs_query_op, UInt32) {
            switch self {
            case .and: (XS_OP_AND, 0)
            case .or: (XS_OP_OR, 0)
            case .andNot: (XS_OP_AND_NOT, 0)
            case .andMaybe: (XS_OP_AND_MAYBE, 0)
            case .filter: (XS_OP_FILTER, 0)
            case .synonym: (XS_OP_SYNONYM, 0)
            case .max: (XS_OP_MAX, 0)
            case .near(let window): (XS_OP_NEAR, UInt32(window))
            case .phrase(let window): (XS_OP_PHRASE, UInt32(window))
            }
        }
    }

    /// A single term; `position` is the query position (used for phrase bookkeeping only).
    public convenience init(term: String, wqf: UInt32 = 1, position: UInt32 = 0) throws(XapianError) {
        self.init(handle: try checkedHandle { error in term.withBytes { xs_query_term($0, $1, wqf, position, error) } })
    }

    /// Combines `subqueries` with `op`.
    public convenience init(_ op: Operator, _ subqueries: [Query]) throws(XapianError) {
        let (shimOp, window) = op.shimValue
        let handles: [OpaquePointer?] = subqueries.map { $0.handle }
        let combined = try checkedHandle { error in
            handles.withUnsafeBufferPointer { xs_query_combine(shimOp, $0.baseAddress, $0.count, window, error) }
        }
        self.init(handle: combined)
        withExtendedLifetime(subqueries) {}
    }

    /// Every term that starts with `prefix` (the `prefix*` wildcard).
    public convenience init(wildcard prefix: String, maxExpansion: UInt32 = 0) throws(XapianError) {
        self.init(handle: try checkedHandle { error in prefix.withBytes { xs_query_wildcard($0, $1, maxExpansion, error) } })
    }

    /// Documents whose value in `slot` is within `lower...upper` (nil = open end), compared as bytes.
    public convenience init(valueSlot slot: UInt32, from lower: String?, to upper: String?) throws(XapianError) {
        let low = lower ?? "", high = upper ?? ""
        let range = try checkedHandle { error in
            low.withBytes { lowBytes, lowLength in
                high.withBytes { xs_query_value_range(slot, lowBytes, lowLength, $0, $1, error) }
            }
        }
        self.init(handle: range)
    }

    /// Matches every document.
    public static func matchAll() throws(XapianError) -> Query {
        Query(handle: try checkedHandle { xs_query_match_all($0) })
    }

    /// Matches no document.
    public static func matchNothing() throws(XapianError) -> Query {
        Query(handle: try checkedHandle { xs_query_match_nothing($0) })
    }

    /// This query with every weight multiplied by `factor`.
    public func scaled(by factor: Double) throws(XapianError) -> Query {
        Query(handle: try checkedHandle { xs_query_scale(handle, factor, $0) })
    }

    public var description: String {
        (try? checkedString { out, length, error in xs_query_description(handle, out, length, error) }) ?? "Query(?)"
    }
}
