import CRenameExchange
import Foundation
import Xapian

/// A new index is compacted before its first run lets go of it: Xapian's `compact` with full
/// blocks (`xapian-compact --fuller`) writes a copy a third smaller than the database the run's
/// commits grew (measured at 20× the shared corpus: 741 MB → 466 MB, in 6 s), which every later
/// search reads faster from. The copy takes the index's place in one rename that exchanges the
/// two folders, while the run still holds the index's write lock; a run killed before that
/// leaves the index as its commits made it, and what it left beside it is cleared by the next.
/// Later runs add to the compacted database as usual.
///
/// A new one-database index is written as `parallelShards` shards at once (storing documents
/// is most of an index run's work, all of it inside Xapian, one thread per database), and the
/// compaction merges them into one database, as Xapian's documentation builds large indexes
/// (`xapian-compact` of several databases). A first run killed before that leaves a sharded
/// index, which later runs keep (`index --rebuild` makes it one database). An index asked to be
/// sharded keeps its shards as written.
enum IndexCompaction {
    /// How many shards a new one-database index is written as: one per core, up to 4.
    static let parallelShards = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

    /// Whether the index folder `folder` holds no database yet, so that this run makes it new
    /// (a damaged one, its database files without their revision file, is not new: opening it
    /// says it is damaged).
    static func isNew(_ folder: String) -> Bool {
        IndexLocation.shardNames(inFolder: folder).isEmpty && !FileManager.default.fileExists(atPath: folder + "/iamglass")
            && !IndexStore.holdsDatabaseFiles(folder)
    }

    /// Removes what a run killed while compacting the index in `folder` left beside it (call with
    /// the index's write lock held).
    static func clearLeftovers(of folder: String) {
        let output = IndexLocation.folder(beside: folder, suffix: ".compacting")
        if FileManager.default.fileExists(atPath: output) { try? FileManager.default.removeItem(atPath: output) }
    }

    /// Commits the databases of `writer` (open on `folder`), compacts them into a folder beside
    /// it and exchanges the two: returns the folder now holding the old databases, to remove
    /// once `writer` is closed. A sharded index is compacted only when `mergingShards` (into one
    /// database). Nil when nothing was compacted: a sharded index, an empty one-database index,
    /// a file system that cannot exchange folders, or a compaction that failed (no room on the
    /// disk, say), which leaves the index as it was, whole.
    static func compactInPlace(_ writer: ShardedWriter, folder: String, mergingShards: Bool) throws -> String? {
        let shards = writer.shards
        guard shards.count == 1 || mergingShards else { return nil }
        try writer.commit()
        // An empty index written as shards is merged all the same, so it is one database.
        guard try mergingShards || shards[0].documentCount() > 0 else { return nil }
        let output = IndexLocation.folder(beside: folder, suffix: ".compacting")
        do {
            // The folder opens as one database whether it holds one or lists shards.
            try Database(path: folder).compact(into: output)
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            return nil
        }
        IndexLocation.copyHiddenFiles(of: folder, into: output)
        guard rename_exchange(output, folder) == 0 else {
            try? FileManager.default.removeItem(atPath: output)
            return nil
        }
        return output
    }
}
