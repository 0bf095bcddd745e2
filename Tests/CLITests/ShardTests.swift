import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Sharded indexes, local and served by Xapian's own `xapian-tcpsrv`: the same results as one index.
@Suite struct ShardTests {
    let workspace: Workspace
    let single: String
    let sharded: String

    static let queries = ["\"erfaringer får en anden værdi\"", "peer recovery", "medarbejdere", "\"peer-medarbejderne\"",
                          "title:artikel", "kommune AND erfaringer", "spejling OR rummelighed"]

    init() throws {
        workspace = try Workspace()
        // Enough articles that both shards hold several, with overlapping words.
        let topics = ["spejling", "rummelighed", "recovery", "kommune", "erfaringer", "peer-medarbejder", "fællesskab"]
        for number in 0..<30 {
            let words = (0..<4).map { topics[(number * 3 + $0 * 5) % topics.count] }
            try workspace.write("artikel-\(number).txt",
                                Array("Artikel \(number) om \(words[0])\n\n\(words.joined(separator: " og ")) i kommune \(number).\n".utf8))
        }
        single = workspace.root.appendingPathComponent("Single").path
        sharded = workspace.root.appendingPathComponent("Sharded").path
        #expect(try workspace.peersearch("index", workspace.corpus.path, "--index", single).status == 0)
        #expect(try workspace.peersearch("index", workspace.corpus.path, "--index", sharded, "--shards", "2").status == 0)
    }

    private func ranked(_ query: String, _ indexes: [String], _ extra: [String] = []) throws -> [String] {
        let output = try workspace.runner.run(["search", query, "--format", "json", "--limit", "50", "--fields", "path"]
                                              + indexes.flatMap { ["--index", $0] } + extra)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        return object.hitFileNames
    }

    /// Order up to score ties: compare sets within runs of equal scores by comparing sorted pairs.
    private func sameResults(_ query: String, _ left: [String], _ right: [String]) throws {
        let a = try workspace.runner.run(["search", query, "--format", "jsonl", "--limit", "50", "--fields", "path,score"]
                                         + left.flatMap { ["--index", $0] }).stdout
        let b = try workspace.runner.run(["search", query, "--format", "jsonl", "--limit", "50", "--fields", "path,score"]
                                         + right.flatMap { ["--index", $0] }).stdout
        func pairs(_ lines: String) -> [String] {
            lines.split(separator: "\n").compactMap { line -> String? in
                guard let hit = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let path = hit["path"] as? String, let score = hit["score"] as? Double else { return nil }
                return String(format: "%.6f %@", score, (path as NSString).lastPathComponent)
            }
        }
        #expect(!pairs(a).isEmpty, "\(query)")
        #expect(pairs(a).sorted() == pairs(b).sorted(), "\(query)")
        #expect(pairs(a).map { $0.prefix(8) } == pairs(b).map { $0.prefix(8) }, "\(query): scores in the same order")
    }

    @Test func aShardedFolderIsAStubOverShardsAndSearchesLikeOneIndex() throws {
        let stub = try String(contentsOfFile: sharded + "/XAPIANDB", encoding: .utf8)
        #expect(stub.contains("auto shard-0") && stub.contains("auto shard-1"))
        for query in Self.queries { try sameResults(query, [single], [sharded]) }
        #expect(try workspace.peersearch("index", workspace.corpus.path, "--index", sharded).stdout
            == "0 new, 0 updated, 0 removed, 0 skipped (32 unchanged)\n")
        let refused = try workspace.peersearch("index", workspace.corpus.path, "--index", single, "--shards", "3")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("it is not sharded; rebuild it with --rebuild --shards 3"))
        #expect(try workspace.peersearch("index", workspace.corpus.path, "--index", single, "--shards", "3", "--rebuild").status == 0)
        for query in Self.queries { try sameResults(query, [single], [sharded]) }
    }

    @Test func remoteShardsServedByXapianTcpsrvGiveTheSameResults() throws {
        let servers = try (0..<2).map { try TCPServer(shard: sharded + "/shard-\($0)") }
        defer { servers.forEach { $0.stop() } }
        let remote = servers.map(\.address)
        for query in Self.queries { try sameResults(query, [single], remote) }
        // A local shard and a remote one mix.
        try sameResults("peer recovery", [single], [sharded + "/shard-0", remote[1]])
    }

    @Test func aShardThatIsDownIsAClearErrorOrAPartialResult() throws {
        let server = try TCPServer(shard: sharded + "/shard-0")
        defer { server.stop() }
        let down = "tcp://127.0.0.1:\(try TCPServer.freePort())"
        let failed = try workspace.runner.run(["search", "peer", "--index", server.address, "--index", down])
        #expect(failed.status == 2)
        #expect(failed.stderrLines == ["peersearch: error: shard '\(down)' is unavailable: Couldn't connect (Connection refused) (search the others with --allow-partial)"])
        let partial = try workspace.runner.run(["search", "peer", "--index", server.address, "--index", down,
                                                "--allow-partial", "--format", "json"])
        #expect(partial.status == 0)
        #expect(partial.stderr.contains("warning: shard '\(down)' is unavailable; results are partial"))
        let object = try JSONSerialization.jsonObject(with: Data(partial.stdout.utf8)) as? [String: Any]
        #expect(object?["unavailable_shards"] as? [String] == [down])
        #expect(!(object?.hits.isEmpty ?? true))
    }
}

/// A `xapian-tcpsrv` serving one shard on a free loopback port.
final class TCPServer {
    let process = Process()
    let address: String

    init(shard: String) throws {
        let port = try Self.freePort()
        address = "tcp://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-tcpsrv")
        process.arguments = ["--interface", "127.0.0.1", "--port", String(port), shard]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(eventually(within: 10) { Self.accepts(port: port) }, "xapian-tcpsrv did not start")
    }

    /// xapian-tcpsrv does not stop on SIGTERM: it is killed.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    static func accepts(port: UInt16) -> Bool {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
