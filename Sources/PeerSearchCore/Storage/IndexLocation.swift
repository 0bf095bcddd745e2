import Foundation

/// Where an index is, as given with `--index`: a local folder (holding one Xapian database, or
/// shards listed in a Xapian stub file), or a shard served by `xapian-tcpsrv` (`tcp://host:port`).
public enum IndexLocation: Sendable, Equatable {
    case folder(String)
    case remote(host: String, port: UInt16)

    /// The stub file that lists a sharded folder's databases (Xapian reads it when it opens the folder).
    static let stubName = "XAPIANDB"

    /// Reads `path`; a malformed `tcp://` address is an error.
    public init(_ path: String) throws(PeerSearchError) {
        guard Self.isRemote(path) else {
            self = .folder(path)
            return
        }
        let address = path.dropFirst("tcp://".count)
        guard let colon = address.lastIndex(of: ":"), colon > address.startIndex,
              let port = UInt16(address[address.index(after: colon)...]) else {
            throw .indexUnusable(path: path, detail: "a remote shard is given as tcp://host:port")
        }
        self = .remote(host: String(address[..<colon]), port: port)
    }

    /// Whether `path` names a shard served by `xapian-tcpsrv` (`tcp://host:port`).
    public static func isRemote(_ path: String) -> Bool {
        path.hasPrefix("tcp://")
    }

    /// Copies the hidden files of `folder` (such as a `.gitkeep`) into `destination`, so a new
    /// index that takes the folder's place keeps them.
    static func copyHiddenFiles(of folder: String, into destination: String) {
        let hidden = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }
        for name in hidden { try? FileManager.default.copyItem(atPath: folder + "/" + name, toPath: destination + "/" + name) }
    }

    /// The folder beside the index folder `path` named as it with `suffix` (`Index/` and
    /// `.archive` give `Index.archive`): on the same file system, so a rename between them works.
    static func folder(beside path: String, suffix: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + suffix
    }

    /// The shard folders the stub file in `folder` lists (empty for an unsharded index).
    static func shardNames(inFolder folder: String) -> [String] {
        guard let stub = try? String(contentsOfFile: folder + "/" + stubName, encoding: .utf8) else { return [] }
        return stub.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            return fields.count == 2 && fields[0] == "auto" ? String(fields[1]) : nil
        }
    }

    /// The stub file listing `names` as the shards of a folder.
    static func stub(listing names: [String]) -> String {
        "# peersearch index: \(names.count) shards\n" + names.map { "auto \($0)\n" }.joined()
    }
}
