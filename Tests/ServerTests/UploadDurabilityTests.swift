import Foundation
import Testing

/// An upload the server acknowledged is never lost: not when the server is killed with SIGKILL
/// among uploads, and not when the index is rebuilt afterwards (uploads are kept as files).
@Suite struct UploadDurabilityTests {
    /// The ids acknowledged so far, shared by the uploading clients.
    actor Acknowledged {
        private(set) var ids: [String] = []
        func add(_ id: String) { ids.append(id) }
    }

    @Test func killedAmongUploadsEveryAcknowledgedOneIsThereAndARebuildKeepsThem() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let acknowledged = Acknowledged()
        let clients = 6, perClient = 40
        let pid = server.processIdentifier
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<clients {
                group.addTask {
                    for number in 0..<perClient {
                        let id = "oploadet/\(client)-\(number)"
                        let article: [String: Any] = ["id": id, "text": "Oplæg \(client)-\(number)\n\nOm kasseroller nummer k\(client)x\(number).\n"]
                        guard let reply = try? await server.upload(article, token: "s3cret"), reply.status == 201 else { return }
                        await acknowledged.add(id)
                    }
                }
            }
            // Killed while uploads are under way: after the tenth is acknowledged.
            group.addTask {
                while await acknowledged.ids.count < 10 { try? await Task.sleep(for: .milliseconds(5)) }
                kill(pid, SIGKILL)
            }
        }
        let ids = await acknowledged.ids
        #expect(ids.count >= 10 && ids.count < clients * perClient, "\(ids.count) acknowledged")

        try await server.restart()
        for id in ids {
            let found = try await server.get("/articles/" + id.replacingOccurrences(of: "/", with: "%2F"))
            #expect(found.status == 200, "\(id) after the restart")
        }
        let rebuild = try ServerProcess.runToEnd(
            ["index", server.root.appendingPathComponent("Corpus").path, "--index", server.indexPath, "--rebuild"], in: server.root)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        for id in ids {
            let found = try await server.get("/articles/" + id.replacingOccurrences(of: "/", with: "%2F"))
            #expect(found.status == 200, "\(id) after the rebuild")
            let number = id.dropFirst("oploadet/".count).replacingOccurrences(of: "-", with: "x")
            #expect(try await server.search([("q", "k\(number)")]).hits.count == 1, "\(id) searchable after the rebuild")
        }
        // Each upload is a file in the archive beside the index.
        let archive = server.root.appendingPathComponent("Index.archive/oploadet")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: archive.path))
        #expect(ids.allSatisfy { files.contains(($0 as NSString).lastPathComponent + ".txt") })
    }

    @Test func aDeletedUploadLosesItsFileAndStaysGoneAfterARebuild() async throws {
        let server = try await ServerProcess(token: "s3cret")
        #expect(try await server.upload(["id": "nyt/maj", "text": "Om pander", "author": "Redaktionen"], token: "s3cret").status == 201)
        let file = server.root.appendingPathComponent("Index.archive/nyt/maj.txt")
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try await server.request("DELETE", "/articles/nyt%2Fmaj", token: "s3cret").status == 200)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let rebuild = try ServerProcess.runToEnd(
            ["index", server.root.appendingPathComponent("Corpus").path, "--index", server.indexPath, "--rebuild"], in: server.root)
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(try await server.get("/articles/nyt%2Fmaj").status == 404)
        #expect(try await server.get("/health").json["documents"] as? Int == 2)
    }
}
