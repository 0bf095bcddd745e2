import Foundation
import Ingestion
import Xapian

/// Errors a peersearch user can meet, each with a one-line description.
public enum PeerSearchError: Error, CustomStringConvertible {
    case indexMissing(path: String)
    case indexLocked(path: String)
    case indexCorrupt(path: String, detail: String)
    case indexUnusable(path: String, detail: String)
    /// The disk (or quota) is full: the index is as it was after its last commit.
    case diskFull(path: String, detail: String)
    /// The index is on a read-only file system.
    case readOnly(path: String)
    /// The user may not read or write the index.
    case permissionDenied(path: String, detail: String)
    /// A Xapian database that peersearch did not make, which it never writes into.
    case notPeersearchIndex(path: String)
    /// A folder of articles given as the index.
    case articlesNotIndex(path: String)
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
            "no index at '\(path)' (looked in \(FileCollector.absolute(path)); give the index folder with --index or PEERSEARCH_INDEX, or create it with `peersearch index FOLDER --index \(path)`)"
        case .indexLocked(let path):
            "index '\(path)' is locked by another peersearch process"
        case .indexCorrupt(let path, let detail):
            "index '\(path)' is damaged (\(detail)); rebuild it from its folders: `peersearch index FOLDER… --rebuild --index \(path)` (articles kept under ids are in its archive, which a rebuild reads)"
        case .diskFull(let path, let detail):
            "cannot write index '\(path)': the disk is full (\(detail)); the index is as it was after its last commit: free some space and run the command again"
        case .readOnly(let path):
            "cannot write index '\(path)': it is on a read-only file system (searching it works; to index, give a folder on a writable one)"
        case .permissionDenied(let path, let detail):
            "no permission for index '\(path)' (\(detail)): run as the user who owns it, or give another --index"
        case .notPeersearchIndex(let path):
            "'\(path)' holds a Xapian database that peersearch did not make; peersearch does not write into it or read it as its own (give another --index folder)"
        case .articlesNotIndex(let path):
            "'\(path)' is a folder of articles, not an index: index it with `peersearch index \(path) --index INDEX`, then give --index INDEX (or PEERSEARCH_INDEX)"
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
        switch error.systemError {
        case ENOSPC, EDQUOT: return .diskFull(path: path, detail: error.message)
        case EROFS: return .readOnly(path: path)
        case EACCES, EPERM: return .permissionDenied(path: path, detail: error.message)
        default: break
        }
        return switch error.kind {
        case .databaseNotFound where IndexStore.holdsDatabaseFiles(path):
            .indexCorrupt(path: path, detail: "its revision file is missing: \(error.message)")
        case .databaseNotFound where IndexStore.holdsArticles(path): .articlesNotIndex(path: path)
        case .databaseNotFound: .indexMissing(path: path)
        case .databaseLocked: .indexLocked(path: path)
        case .databaseCorrupt: .indexCorrupt(path: path, detail: error.message)
        case .databaseOpening: .indexUnusable(path: path, detail: error.message)
        case .network: .shardUnavailable(path: path, detail: error.message)
        default: .xapian(error)
        }
    }
}
