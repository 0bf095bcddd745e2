internal import CXapianShim

/// A Snowball stemmer from Xapian, e.g. `Stemmer(language: "danish")`.
public final class Stemmer {
    private let handle: OpaquePointer

    /// Throws `.invalidArgument` for a language Xapian does not know.
    public init(language: String) throws(XapianError) {
        handle = try checkedHandle { xs_stem_new(language, $0) }
    }

    deinit {
        xs_stem_free(handle)
    }

    /// The stem of `word` (which should already be lowercase).
    public func stem(_ word: String) throws(XapianError) -> String {
        try checkedString { out, length, error in word.withBytes { xs_stem_apply(handle, $0, $1, out, length, error) } }
    }
}
