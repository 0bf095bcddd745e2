import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `peersearch serve` with `--index` more than once: one ranking over every index, as
/// `peersearch search` gives it, and no writes.
@Suite struct SeveralIndexesTests {
    /// Two small archives, indexed apart. `kaffe` is in three articles: the most often in one of
    /// the second archive, so a single ranking puts it between (above) those of the first.
    static let corpora = [
        ["kaffe-morgen.txt": "Kaffe om morgenen\n\nVi drikker kaffe og mere kaffe, før dagen går i gang.\n",
         "te-aften.txt": "Te om aftenen\n\nEn kop te, og kun en enkelt kaffe.\n"],
        ["kaffe-kontor.txt": "Kaffe på kontoret\n\nKaffe, kaffe, kaffe: kontoret kører på kaffe.\n",
         "vand.txt": "Vand\n\nKun vand i dag.\n"],
    ]

    @Test func searchRanksTheHitsOfEveryIndexTogether() async throws {
        let server = try await ServerProcess(corpora: Self.corpora)
        let reply = try await server.search([("q", "kaffe")])
        #expect(reply.status == 200)
        let paths = reply.hits.compactMap { $0["path"] as? String }.map(URL.init(fileURLWithPath:))
        #expect(paths.map(\.lastPathComponent) == ["kaffe-kontor.txt", "kaffe-morgen.txt", "te-aften.txt"])
        #expect(paths.map { $0.deletingLastPathComponent().lastPathComponent } == ["Corpus-2", "Corpus-1", "Corpus-1"])
        #expect(reply.hits.compactMap { $0["rank"] as? Int } == [1, 2, 3])
        let scores = reply.hits.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect(reply.json["total"] as? Int == 3)

        // The same bytes as `search` over the same indexes, for words and for a phrase.
        for query in ["kaffe", "\"kaffe og mere kaffe\"", "kontoret OR morgenen"] {
            let served = try await server.search([("q", query)])
            let cli = try ServerProcess.runToEnd(["search", query, "--format", "json"] + server.indexPaths.flatMap { ["--index", $0] },
                                                 in: server.root)
            #expect(served.status == 200)
            #expect(!served.hits.isEmpty, "\(query)")
            #expect(served.text == cli.stdout.trimmingCharacters(in: .newlines), "\(query)")
        }

        // A hit's id finds its article, whichever index holds it.
        for hit in reply.hits {
            let id = try #require(hit["id"] as? Int)
            #expect(try await server.get("/articles/\(id)").json["path"] as? String == hit["path"] as? String)
        }
        let health = try await server.get("/health")
        #expect(health.json["documents"] as? Int == 4)
        #expect(health.json["unavailable_shards"] as? [String] == [])
    }

    @Test func writesAreRefusedWith405() async throws {
        let server = try await ServerProcess(corpora: Self.corpora, token: "s3cret")
        let upload = try await server.upload(["id": "nyt/1", "text": "Kaffe og kage"], token: "s3cret")
        #expect(upload.status == 405)
        #expect(upload.errorStatus == 405)
        #expect(upload.errorMessage == "this server searches 2 indexes; uploads and deletes need a server over one local index folder")
        #expect(upload.header("Allow") == "")
        let id = try #require(try await server.search([("q", "vand")]).hits.first?["id"] as? Int)
        let removal = try await server.request("DELETE", "/articles/\(id)", token: "s3cret")
        #expect(removal.status == 405)
        #expect(removal.header("Allow") == "GET, HEAD")
        #expect(try await server.get("/health").json["documents"] as? Int == 4)
        #expect(try await server.search([("q", "kage"), ("exact", "true")]).hits.isEmpty)
    }

    @Test func anIndexThatCannotBeOpenedFailsSearchesUnlessPartialResultsAreAllowed() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-no-index-\(UUID().uuidString)").path
        let strict = try await ServerProcess(corpora: [Self.corpora[0]], extraArguments: ["--index", missing])
        let refused = try await strict.search([("q", "kaffe")])
        #expect(refused.status == 503)
        #expect(refused.errorMessage?.contains("no index at '\(missing)'") == true)
        #expect(try await strict.get("/health").status == 503)

        let partial = try await ServerProcess(corpora: [Self.corpora[0]], extraArguments: ["--index", missing, "--allow-partial"])
        let reply = try await partial.search([("q", "kaffe")])
        #expect(reply.status == 200)
        #expect(reply.hits.count == 2)
        #expect(reply.json["unavailable_shards"] as? [String] == [missing])
        let health = try await partial.get("/health")
        #expect(health.status == 200)
        #expect(health.json["documents"] as? Int == 2)
        #expect(health.json["unavailable_shards"] as? [String] == [missing])
    }

    @Test func aShardThatDoesNotAnswerIsNotWaitedForOnEverySearch() async throws {
        let silent = try SilentListener()
        let server = try await ServerProcess(corpora: [Self.corpora[0]], extraArguments: ["--index", silent.address, "--allow-partial"])
        let clock = ContinuousClock()
        var replies: [ServerProcess.Reply] = []
        var durations: [Duration] = []
        for _ in 0..<2 {
            let start = clock.now
            replies.append(try await server.search([("q", "kaffe")]))
            durations.append(clock.now - start)
        }
        for reply in replies {
            #expect(reply.status == 200)
            #expect(reply.hits.count == 2)
            #expect(reply.json["unavailable_shards"] as? [String] == [silent.address])
        }
        // The first search waits out the connection timeout (5 s); the next leaves the shard out
        // at once, as unavailable, until it is tried again 30 s later: well under the 5 s it
        // would wait again (the margin is for a loaded machine: 2.65 s was seen under load 14).
        #expect(durations[0] >= .seconds(4))
        #expect(durations[1] < .seconds(4))
    }
}

/// A loopback port that takes connections and never says anything, like a shard whose machine
/// hangs: Xapian's remote backend waits for its greeting until the timeout.
private final class SilentListener {
    private let socket: Int32
    let address: String

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { general in
                bind(socket, general, length) == 0 && listen(socket, 16) == 0 && getsockname(socket, general, &length) == 0
            }
        }
        guard socket >= 0, bound else {
            if socket >= 0 { close(socket) }
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.socket = socket
        self.address = "tcp://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
    }

    deinit {
        close(socket)
    }
}
