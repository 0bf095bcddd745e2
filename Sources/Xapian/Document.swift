internal import CXapianShim

/// A Xapian document: terms (with positions), values and opaque data.
public final class Document {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// An empty document.
    public convenience init() throws(XapianError) {
        self.init(handle: try checkedHandle { xs_document_new($0) })
    }

    deinit {
        xs_document_free(handle)
    }

    /// The document id (0 for a document not read from a database).
    public var id: UInt32 { xs_document_docid(handle) }

    /// Adds `term` at `position` (1-based), raising its within-document frequency by `wdfIncrement`.
    public func addPosting(_ term: String, position: UInt32, wdfIncrement: UInt32 = 1) throws(XapianError) {
        _ = try checked { error in term.withBytes { xs_document_add_posting(handle, $0, $1, position, wdfIncrement, error) } }
    }

    /// Adds `term` without a position.
    public func addTerm(_ term: String, wdfIncrement: UInt32 = 1) throws(XapianError) {
        _ = try checked { error in term.withBytes { xs_document_add_term(handle, $0, $1, wdfIncrement, error) } }
    }

    /// Adds a term used only for filtering (no weight).
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        _ = try checked { error in term.withBytes { xs_document_add_boolean_term(handle, $0, $1, error) } }
    }

    public func setValue(_ value: String, slot: UInt32) throws(XapianError) {
        _ = try checked { error in value.withBytes { xs_document_add_value(handle, slot, $0, $1, error) } }
    }

    public func value(slot: UInt32) throws(XapianError) -> String {
        try checkedString { out, length, error in xs_document_value(handle, slot, out, length, error) }
    }

    public func setData(_ data: [UInt8]) throws(XapianError) {
        _ = try checked { error in
            data.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return xs_document_set_data(handle, "", 0, error) }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    xs_document_set_data(handle, $0, bytes.count, error)
                }
            }
        }
    }

    public func data() throws(XapianError) -> [UInt8] {
        try checkedBytes { out, length, error in xs_document_data(handle, out, length, error) }
    }

    /// The document's terms, in byte order.
    public func terms() throws(XapianError) -> [String] {
        try TermList(handle: try checkedHandle { xs_document_termlist(handle, $0) }).collect()
    }
}
