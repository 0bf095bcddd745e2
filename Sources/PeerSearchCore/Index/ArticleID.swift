/// The name an article without a file of its own is kept under (an upload, `index --stdin`),
/// such as `nyhedsbrev/2024-05`. One rule for the CLI and the server, so that such an id can never
/// be mistaken for anything else the index is asked by: not for a document id (digits alone),
/// not for an indexed file or folder (an absolute path, `.` or `..`), and nothing a terminal or
/// a log would act on (control characters).
public enum ArticleID {
    /// `id` if it is a valid article id, else an error that says why not.
    public static func validated(_ id: String) throws(ArticleIDError) -> String {
        guard !id.allSatisfy(\.isWhitespace) else { throw ArticleIDError("the id is empty") }
        guard !isDocumentNumber(id) else {
            throw ArticleIDError("the id '\(id)' is digits only, which would read as a document id")
        }
        guard !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ArticleIDError("the id has a control character (a line break, a tab, …)")
        }
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ArticleIDError("the id '\(id)' must be a relative name such as nyhedsbrev/2024-05 (no leading /, //, . or ..)")
        }
        return id
    }

    /// Whether `reference` is a document id as `peersearch show` and `/articles/ID` take it:
    /// ASCII digits only (no sign, no blanks: `+2888` is not 2888).
    public static func isDocumentNumber(_ reference: String) -> Bool {
        !reference.isEmpty && reference.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

/// Why a name cannot be an article id.
public struct ArticleIDError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
