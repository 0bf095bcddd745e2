import Foundation
import Xapian

/// Opening the index folder, and the errors a user can meet doing it.
enum IndexStore {
    /// User metadata key holding when the index last changed (ISO 8601).
    static let lastIndexedKey = "peersearch.last_indexed"

    static func openWritable(_ path: String, rebuild: Bool, waitForLock: Bool) throws(PeerSearchError) -> WritableDatabase {
        try refuseRegularFile(path)
        do {
            return try WritableDatabase(path: path, mode: rebuild ? .createOrOverwrite : .createOrOpen, waitForLock: waitForLock)
        } catch {
            throw .opening(error, path: path)
        }
    }

    /// Opens the index for reading; with `missingIsEmpty`, a missing index is nil instead of an error.
    static func openForReading(_ path: String, missingIsEmpty: Bool = false) throws(PeerSearchError) -> Database? {
        try refuseRegularFile(path)
        guard FileManager.default.fileExists(atPath: path) else {
            if missingIsEmpty { return nil }
            throw .indexMissing(path: path)
        }
        do {
            return try Database(path: path)
        } catch where error.kind == .databaseNotFound && missingIsEmpty {
            return nil
        } catch {
            throw .opening(error, path: path)
        }
    }

    private static func refuseRegularFile(_ path: String) throws(PeerSearchError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .indexUnusable(path: path, detail: "it is a file, not an index folder")
        }
    }

    static func translate(_ error: any Error, path: String) -> PeerSearchError {
        switch error {
        case let error as PeerSearchError: error
        case let error as XapianError: .opening(error, path: path)
        default: .indexCorrupt(path: path, detail: "unreadable document data (\(error))")
        }
    }
}
