import Foundation
import Testing

/// Article ids and document ids can never be confused: `/articles/+2888` is the upload kept
/// under `+2888`, never document 2888 (which a DELETE once removed for good).
@Suite struct ArticleIDTests {
    @Test func aSignedNumberIsAnUploadIdNotADocumentId() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let victim = try await server.upload(["id": "nyhedsbrev/maj", "text": "Om kasseroller i netværket"], token: "s3cret")
        let victimID = try #require(victim.json["id"] as? Int)
        let signed = try await server.upload(["id": "+\(victimID)", "text": "Om pander i netværket"], token: "s3cret")
        #expect(signed.status == 201)

        #expect(try await server.get("/articles/%2B\(victimID)").json["path"] as? String == "+\(victimID)")
        let removed = try await server.request("DELETE", "/articles/%2B\(victimID)", token: "s3cret")
        #expect(removed.status == 200)
        #expect(removed.json["path"] as? String == "+\(victimID)")
        #expect(try await server.get("/articles/\(victimID)").json["path"] as? String == "nyhedsbrev/maj")
        #expect(try await server.search([("q", "kasseroller")]).hits.count == 1)
        #expect(try await server.search([("q", "pander"), ("exact", "true")]).hits.isEmpty)
        // With blanks or a sign, a number is no document id either.
        #expect(try await server.get("/articles/%20\(victimID)").status == 404)
    }

    @Test func idsWithControlCharactersAreRefused() async throws {
        let server = try await ServerProcess(token: "s3cret")
        for id in ["nyt\u{1B}[2J", "nyt\tmaj", "nyt\u{7F}"] {
            let reply = try await server.upload(["id": id, "text": "Om peer-støtte"], token: "s3cret")
            #expect(reply.status == 400, "\(id.debugDescription)")
            #expect(reply.errorMessage?.contains("control character") == true, "\(reply.text)")
        }
        #expect(try await server.get("/health").json["documents"] as? Int == 2)
    }
}
