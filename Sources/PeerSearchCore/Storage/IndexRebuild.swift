import CRenameExchange
import Foundation
import Xapian

/// `index --rebuild` without a moment of risk: the new index is built in a folder beside the old
/// one (`Index.rebuilding`) while the old one stays searchable and locked against other writers,
/// and it replaces the old one only when complete, in one rename that exchanges the two folders.
/// A run killed at any moment leaves the old index or the new one, whole; the staging folder of
/// such a run is removed by the next rebuild. A running `serve` moves to the new index (it
/// follows the database's UUID).
final class IndexRebuild {
    /// The index being rebuilt.
    let path: String
    /// Where the new index is built.
    let staging: String
    /// The old index's shard count (1 for one database), which the new one keeps unless told.
    let existingShardCount: Int
    /// The old index's databases, opened for writing to hold their locks until the swap.
    private var locks: [WritableDatabase]

    /// Prepares a rebuild of the index at `path`: refuses a folder that holds more than an index,
    /// takes the old index's write lock (waiting for another writer with `waitForLock`), and
    /// clears the staging folder.
    init(path: String, waitForLock: Bool) throws(PeerSearchError) {
        self.path = path
        staging = IndexLocation.folder(beside: path, suffix: ".rebuilding")
        let shardNames = IndexLocation.shardNames(inFolder: path)
        existingShardCount = max(shardNames.count, 1)
        if let foreign = Self.foreignFile(in: path) {
            throw .indexUnusable(path: path, detail: "it holds '\(foreign)', which is not part of an index; a rebuild replaces the whole folder, so move it out first")
        }
        locks = []
        for database in shardNames.isEmpty ? [path] : shardNames.map({ path + "/" + $0 }) {
            do {
                locks.append(try WritableDatabase(path: database, mode: .open, waitForLock: waitForLock))
            } catch where error.kind == .databaseLocked {
                throw .indexLocked(path: path)
            } catch {
                // Missing or damaged: nothing to keep safe from other writers (they cannot open it either).
            }
        }
        do {
            if FileManager.default.fileExists(atPath: staging) { try FileManager.default.removeItem(atPath: staging) }
        } catch {
            throw .indexUnusable(path: path, detail: "cannot clear '\(staging)' for the rebuild: \(error.localizedDescription)")
        }
    }

    /// Puts the complete new index in the old one's place and removes the old one. Hidden files
    /// the old folder held (a `.gitkeep`) are carried over.
    func swapIn() throws(PeerSearchError) {
        defer { locks = [] }
        IndexLocation.copyHiddenFiles(of: path, into: staging)
        guard FileManager.default.fileExists(atPath: path) else {
            guard rename(staging, path) == 0 else { throw failure("cannot move the new index into place") }
            return
        }
        if rename_exchange(staging, path) != 0 {
            // A file system that cannot exchange (errno EINVAL): two renames, the old index kept
            // beside until the new one is in place.
            guard errno == EINVAL || errno == ENOSYS else { throw failure("cannot swap the new index in") }
            let replaced = Self.replacedPath(of: path)
            try? FileManager.default.removeItem(atPath: replaced)
            guard rename(path, replaced) == 0 else { throw failure("cannot move the old index aside") }
            guard rename(staging, path) == 0 else {
                let error = failure("cannot move the new index into place")
                _ = rename(replaced, path)
                throw error
            }
            _ = rename(replaced, staging)
        }
        locks = []
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Puts the old index back where a swap by two renames was cut off between them (the index
    /// missing, `Index.replaced` there); a no-op otherwise.
    static func restoreInterruptedSwap(of path: String) {
        let replaced = replacedPath(of: path)
        guard !FileManager.default.fileExists(atPath: path), FileManager.default.fileExists(atPath: replaced) else { return }
        _ = rename(replaced, path)
    }

    /// Removes a staging folder left by a rebuild that failed.
    func abandon() {
        locks = []
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func failure(_ what: String) -> PeerSearchError {
        .indexUnusable(path: path, detail: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Where the old index waits, beside it, while a swap by two renames is under way.
    private static func replacedPath(of path: String) -> String {
        IndexLocation.folder(beside: path, suffix: ".replaced")
    }

    /// The first entry of `folder` that is not part of a Xapian index (database files, lock, stub,
    /// shard folders) nor hidden, or nil.
    static func foreignFile(in folder: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().first { name in
            !(name.hasPrefix(".") || name == IndexLocation.stubName || name.hasPrefix("iamglass") || name == "flintlock" || name.hasSuffix(".glass")
              || name.hasSuffix(".tmp") || (name.hasPrefix("shard-") && Int(name.dropFirst(6)) != nil))
        }
    }
}
