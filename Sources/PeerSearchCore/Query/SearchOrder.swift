/// How a search orders its hits: by relevance (BM25, the default), or by the article's date,
/// newest or oldest first (Xapian's value sort on the date slot, then relevance); articles
/// without a date come last either way.
public enum SearchOrder: String, CaseIterable, Sendable {
    case relevance, newest, oldest

    /// The words `--sort` and `sort=` take, for messages.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
