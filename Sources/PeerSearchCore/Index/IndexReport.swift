import Foundation

/// What an index run did (or, with `dryRun`, would do).
public struct IndexReport: Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    public var skipped: [SkippedFile] = []
    /// Files that no reader takes (found in folders; a file named on its own is `skipped`).
    public var unsupported: [UnsupportedFile] = []
    /// Indexed files with something worth saying (e.g. a Windows-1252 fallback).
    public var notes: [SkippedFile] = []
    /// Things about the whole run worth saying.
    public var warnings: [String] = []
    /// Files that would be added, updated and removed (filled by dry runs).
    public var planned: [PlannedChange] = []

    /// `12 new, 3 updated, 1 removed, 2 skipped (40 unchanged)`, with `, 4 unsupported` after
    /// the skipped files when there are any.
    public var summary: String {
        let unsupportedCount = unsupported.isEmpty ? "" : ", \(unsupported.count) unsupported"
        return "\(added) new, \(updated) updated, \(removed) removed, \(skipped.count) skipped\(unsupportedCount) (\(unchanged) unchanged)"
    }

    public var changedAnything: Bool { added + updated + removed > 0 }
}

/// A change a dry run found.
public struct PlannedChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case add, update, remove }
    public var kind: Kind
    public var path: String
}

/// Where a run has got to, for progress bars.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
}

/// A file that was not indexed, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// A file in a folder that no reader takes.
public struct UnsupportedFile: Sendable, Equatable {
    public var path: String

    /// `.xlsx`, or `no extension`: what the user is told the file is.
    public var kind: String {
        let pathExtension = (path as NSString).pathExtension
        return pathExtension.isEmpty ? "no extension" : "." + pathExtension
    }
}
