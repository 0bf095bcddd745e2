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

    /// Opens one shard for reading: a local index folder, or `tcp://host:port` (xapian-tcpsrv).
    static func openShard(_ path: String) throws -> Database {
        guard Searcher.isRemote(path) else {
            guard let database = try openForReading(path) else { throw PeerSearchError.indexMissing(path: path) }
            return database
        }
        let address = path.dropFirst("tcp://".count)
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]),
              colon > address.startIndex else {
            throw PeerSearchError.indexUnusable(path: path, detail: "a remote shard is given as tcp://host:port")
        }
        do {
            return try Database(remoteHost: String(address[..<colon]), port: port, timeoutMilliseconds: remoteTimeoutMilliseconds)
        } catch {
            throw PeerSearchError.shardUnavailable(path: path, detail: error.message)
        }
    }

    /// How long to wait for a remote shard.
    static let remoteTimeoutMilliseconds: UInt32 = 5_000

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
