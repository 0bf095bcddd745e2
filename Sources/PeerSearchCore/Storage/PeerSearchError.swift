import Ingestion
import Xapian

/// Errors a peersearch user can meet, each with a one-line description.
public enum PeerSearchError: Error, CustomStringConvertible {
    case indexMissing(path: String)
    case indexLocked(path: String)
    case indexCorrupt(path: String, detail: String)
    case indexUnusable(path: String, detail: String)
    case emptyQuery
    case malformedQuery(QuerySyntaxError)
    case watchFailed(String)
    case shardUnavailable(path: String, detail: String)
    /// An article given to `add` that cannot be read.
    case unreadableArticle(IngestionError)
    /// The archive of articles without files of their own cannot be written.
    case archive(String)
    case xapian(XapianError)

    public var description: String {
        switch self {
        case .indexMissing(let path):
            "no index at '\(path)' (create it with `peersearch index --index \(path)`)"
        case .indexLocked(let path):
            "index '\(path)' is locked by another peersearch process"
        case .indexCorrupt(let path, let detail):
            "index '\(path)' is damaged (\(detail)); rebuild it with `peersearch index --rebuild --index \(path)`"
        case .indexUnusable(let path, let detail):
            "cannot open index '\(path)': \(detail)"
        case .emptyQuery:
            "empty query: give words to search for, or a \"quoted phrase\""
        case .malformedQuery(let error):
            "malformed query: \(error)"
        case .shardUnavailable(let path, let detail):
            "shard '\(path)' is unavailable: \(detail) (search the others with --allow-partial)"
        case .unreadableArticle(let error):
            error.description
        case .archive(let detail):
            detail
        case .watchFailed(let detail):
            "cannot watch for changes: \(detail)"
        case .xapian(let error):
            "search engine error: \(error.message) (\(error.type))"
        }
    }

    /// What `error`, met opening or using the index at `path`, means to the user: the one place
    /// where Xapian's errors (and unreadable stored data) become peersearch's.
    static func translating(_ error: any Error, path: String) -> PeerSearchError {
        switch error {
        case let error as PeerSearchError: error
        case let error as XapianError: meaning(of: error, path: path)
        case let error as IngestionError: .unreadableArticle(error)
        case let error as ArchiveError: .archive(error.description)
        default: .indexCorrupt(path: path, detail: "unreadable document data (\(error))")
        }
    }

    private static func meaning(of error: XapianError, path: String) -> PeerSearchError {
        switch error.kind {
        case .databaseNotFound: .indexMissing(path: path)
        case .databaseLocked: .indexLocked(path: path)
        case .databaseCorrupt: .indexCorrupt(path: path, detail: error.message)
        case .databaseOpening: .indexUnusable(path: path, detail: error.message)
        case .network: .shardUnavailable(path: path, detail: error.message)
        default: .xapian(error)
        }
    }
}
