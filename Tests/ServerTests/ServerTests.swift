import Foundation
import Testing

/// `peersearch serve` end to end: the real binary on a loopback port over a temporary index,
/// spoken to over real HTTP.
@Suite struct ServerTests {
    @Test func searchAnswersWithTheJSONOfSearchFormatJSON() async throws {
        let server = try await ServerProcess()
        for parameters in [[("q", ServerProcess.quote)], [("q", "peer recovery"), ("limit", "1"), ("offset", "1")],
                           [("q", "peer-medarbejder"), ("fields", "id,title,score")], [("q", "\"erfaring får en anden værdi\""), ("exact", "true")]] {
            let reply = try await server.search(parameters)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            var arguments = ["search", parameters[0].1, "--index", server.indexPath, "--format", "json"]
            for (name, value) in parameters.dropFirst() {
                arguments += value == "true" ? ["--\(name)"] : ["--\(name)", value]
            }
            let cli = try ServerProcess.runToEnd(arguments, in: server.root)
            #expect(reply.text == cli.stdout.trimmingCharacters(in: .newlines), "\(parameters)")
        }
    }

    @Test func searchFindsPhrasesAndWordsAndPages() async throws {
        let server = try await ServerProcess()
        let phrase = try await server.search([("q", ServerProcess.quote)])
        #expect(phrase.hits.count == 1)
        #expect((phrase.hits.first?["path"] as? String)?.hasSuffix(ServerProcess.portrait) == true)
        #expect(phrase.hits.first?["match"] as? String == "exact")

        let words = try await server.search([("q", "peer recovery")])
        #expect(words.hits.count == 2)
        let second = try await server.search([("q", "peer recovery"), ("limit", "1"), ("offset", "1")])
        #expect(second.hits.count == 1)
        #expect(second.hits.first?["rank"] as? Int == 2)
        #expect(second.hits.first?["id"] as? Int == words.hits.last?["id"] as? Int)

        let trimmed = try await server.search([("q", "peer recovery"), ("fields", "id, title")])
        #expect(trimmed.hits.map { Set($0.keys) } == [["id", "title"], ["id", "title"]])

        // Inflected quotes are found, unless only exact hits are asked for.
        let inflected = [("q", "\"erfaring får en anden værdi\"")]
        #expect(try await server.search(inflected).hits.first?["match"] as? String == "inflected")
        #expect(try await server.search(inflected + [("exact", "true")]).hits.isEmpty)
    }

    @Test func articlesAreFoundByIdAndByPath() async throws {
        let server = try await ServerProcess()
        let id = try #require(try await server.search([("q", ServerProcess.quote)]).hits.first?["id"] as? Int)
        let byID = try await server.get("/articles/\(id)")
        #expect(byID.status == 200)
        let show = try ServerProcess.runToEnd(["show", "\(id)", "--index", server.indexPath, "--json"], in: server.root)
        #expect(byID.text == show.stdout.trimmingCharacters(in: .newlines))
        #expect((byID.json["text"] as? String)?.contains("ERFARINGER FÅR EN ANDEN VÆRDI") == true)

        let path = try #require(byID.json["path"] as? String)
        let byPath = try await server.get("/articles/" + ServerProcess.formEncode(path))
        #expect(byPath.status == 200)
        #expect(byPath.json["id"] as? Int == id)
    }

    @Test func unknownArticlesAndRoutesAre404() async throws {
        let server = try await ServerProcess()
        for target in ["/articles/9999", "/articles/no%2Fsuch.txt", "/nowhere", "/search/more"] {
            let reply = try await server.get(target)
            #expect(reply.status == 404, "\(target)")
            #expect(reply.errorStatus == 404)
            #expect(reply.errorMessage?.isEmpty == false)
        }
    }

    @Test func badQueriesAndParametersAre400() async throws {
        let server = try await ServerProcess()
        let bad: [(String, String)] = [
            ("/search", "missing query"), ("/search?q=", "empty"), ("/search?q=+++", "empty"),
            ("/search?q=peer&limit=0", "limit"), ("/search?q=peer&limit=101", "limit"), ("/search?q=peer&limit=ti", "limit"),
            ("/search?q=peer&offset=-1", "offset"), ("/search?q=peer&offset=99999999999999999999", "offset"),
            ("/search?q=peer&fields=path,colour", "unknown field 'colour'"), ("/search?q=peer&exact=ja", "exact"),
            ("/search?q=peer&q=recovery", "twice"), ("/search?query=peer", "unknown parameter 'query'"),
            ("/search?q=%E6", "percent-encoding"), ("/search?q=%28peer", "malformed query"),
        ]
        for (target, message) in bad {
            let reply = try await server.get(target)
            #expect(reply.status == 400, "\(target)")
            #expect(reply.errorStatus == 400)
            #expect(reply.errorMessage?.contains(message) == true, "\(target): \(reply.errorMessage ?? reply.text)")
        }
    }

    @Test func writesNeedTheToken() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let article: [String: Any] = ["id": "nyt/1", "text": "Kasserolle"]
        for token in [nil, "wrong", "s3cre", "s3cret2"] {
            let upload = try await server.upload(article, token: token)
            #expect(upload.status == 401, "\(token ?? "no token")")
            #expect(upload.errorStatus == 401)
            #expect(upload.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(try await server.request("DELETE", "/articles/1", token: token).status == 401)
        }
        #expect(try await server.search([("q", "kasserolle"), ("exact", "true")]).hits.isEmpty)
        #expect(try await server.search([("q", "peer")]).hits.count == 2)

        let readOnly = try await ServerProcess()
        let refused = try await readOnly.upload(article, token: "s3cret")
        #expect(refused.status == 403)
        #expect(refused.errorMessage?.contains("PEERSEARCH_TOKEN") == true)
        #expect(try await readOnly.request("DELETE", "/articles/1", token: "s3cret").status == 403)
    }

    @Test func uploadedArticlesAreSearchableUntilDeleted() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let article: [String: Any] = ["id": "nyhedsbrev/2024-05", "text": "# Peer-nyt\n\nEn kasserolle af erfaringer.\n",
                                      "format": "md", "author": "Redaktionen", "date": "1. maj 2024"]
        let created = try await server.upload(article, token: "s3cret")
        #expect(created.status == 201)
        #expect(created.json["path"] as? String == "nyhedsbrev/2024-05")
        #expect(created.json["title"] as? String == "Peer-nyt")
        #expect(created.json["author"] as? String == "Redaktionen")
        #expect(created.json["date"] as? String == "2024-05-01")
        let id = try #require(created.json["id"] as? Int)
        #expect(created.header("Location") == "/articles/\(id)")

        let found = try await server.search([("q", "\"kasserolle af erfaringer\"")])
        #expect(found.hits.map { $0["path"] as? String } == ["nyhedsbrev/2024-05"])
        #expect(try await server.get("/articles/nyhedsbrev%2F2024-05").json["id"] as? Int == id)

        // The same id again replaces the article.
        let replaced = try await server.upload(["id": "nyhedsbrev/2024-05", "text": "Gryde", "title": "Ny titel"], token: "s3cret")
        #expect(replaced.status == 200)
        #expect(replaced.json["title"] as? String == "Ny titel")
        #expect(try await server.search([("q", "kasserolle"), ("exact", "true")]).hits.isEmpty)
        #expect(try await server.search([("q", "gryde"), ("exact", "true")]).hits.count == 1)

        // Deleting an id removes that article only, not others whose ids start with it.
        #expect(try await server.upload(["id": "nyhedsbrev/2024-05/tillaeg", "text": "Et tillæg om pander"], token: "s3cret").status == 201)
        let removed = try await server.request("DELETE", "/articles/nyhedsbrev%2F2024-05", token: "s3cret")
        #expect(removed.status == 200)
        #expect(removed.json["removed"] as? Int == 1)
        #expect(try await server.search([("q", "gryde"), ("exact", "true")]).hits.isEmpty)
        #expect(try await server.search([("q", "pander")]).hits.count == 1)
        #expect(try await server.request("DELETE", "/articles/nyhedsbrev%2F2024-05%2Ftillaeg", token: "s3cret").status == 200)
        #expect(try await server.get("/articles/nyhedsbrev%2F2024-05").status == 404)
        #expect(try await server.request("DELETE", "/articles/nyhedsbrev%2F2024-05", token: "s3cret").status == 404)

        // An indexed file's article, by document id.
        let portrait = try #require(try await server.search([("q", ServerProcess.quote)]).hits.first?["id"] as? Int)
        #expect(try await server.request("DELETE", "/articles/\(portrait)", token: "s3cret").status == 200)
        #expect(try await server.search([("q", ServerProcess.quote), ("exact", "true")]).hits.isEmpty)
        #expect(try await server.get("/health").json["documents"] as? Int == 1)
    }

    @Test func malformedUploadsAre400() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let bad: [(String, String)] = [
            (#"{"id":"a","#, "not valid JSON"), ("[]", "JSON object"), (#"{"text":"x"}"#, "no 'id'"),
            (#"{"id":"a"}"#, "no 'text'"), (#"{"id":"a","text":5}"#, "'text' must be a string"),
            (#"{"id":"  ","text":"x"}"#, "id is empty"), (#"{"id":"42","text":"x"}"#, "digits only"),
            (#"{"id":"/etc/nyt","text":"x"}"#, "relative name"), (#"{"id":"nyt/../..","text":"x"}"#, "relative name"),
            (#"{"id":"nyt//1","text":"x"}"#, "relative name"), (#"{"id":"nyt/","text":"x"}"#, "relative name"),
            (#"{"id":"a","text":"   "}"#, "empty"), (#"{"id":"a","text":"x","format":"pdf"}"#, "unknown format 'pdf'"),
            (#"{"id":"a","text":"x","date":"i går"}"#, "cannot read the date"),
        ]
        for (body, message) in bad {
            let reply = try await server.request("POST", "/articles", body: Data(body.utf8), token: "s3cret")
            #expect(reply.status == 400, "\(body)")
            #expect(reply.errorMessage?.contains(message) == true, "\(body): \(reply.errorMessage ?? reply.text)")
        }
        #expect(try await server.get("/health").json["documents"] as? Int == 2)
    }

    /// A misspelt key is refused, not dropped: the article is not added under a title from its text.
    @Test func uploadsWithAnUnknownKeyAre400NamingIt() async throws {
        let server = try await ServerProcess(token: "s3cret")
        for (body, key) in [(#"{"id":"nyt/1","text":"Gryder","titel":"Om gryder"}"#, "titel"),
                            (#"{"id":"nyt/1","text":"Gryder","author":"A","zz":1,"aa":null}"#, "aa")] {
            let reply = try await server.request("POST", "/articles", body: Data(body.utf8), token: "s3cret")
            #expect(reply.status == 400, "\(body)")
            #expect(reply.errorMessage?.hasPrefix("unknown key '\(key)'") == true, "\(body): \(reply.errorMessage ?? reply.text)")
        }
        #expect(try await server.get("/health").json["documents"] as? Int == 2)
    }

    @Test func uploadsOverTheLimitAre413() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let text = String(repeating: "peer ", count: (16 << 20) / 5 + 1)
        let reply = try await server.upload(["id": "stor", "text": text], token: "s3cret")
        #expect(reply.status == 413)
        #expect(reply.errorStatus == 413)
        #expect(reply.errorMessage?.contains("16 MiB") == true)
        // The server goes on answering, and stored nothing.
        #expect(try await server.get("/health").json["documents"] as? Int == 2)
    }

    @Test func aMissingIndexIs503() async throws {
        let server = try await ServerProcess(indexed: false)
        for target in ["/health", "/search?q=peer", "/articles/1"] {
            let reply = try await server.get(target)
            #expect(reply.status == 503, "\(target)")
            #expect(reply.errorStatus == 503)
            #expect(reply.errorMessage?.contains("no index at") == true)
        }
    }

    @Test func anIndexBuiltAnewIsSearchedAsItIsNow() async throws {
        let server = try await ServerProcess()
        #expect(try await server.search([("q", ServerProcess.quote)]).hits.count == 1)
        let other = server.root.appendingPathComponent("Other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("Kaffe\n\nKaffe om morgenen.\n".utf8).write(to: other.appendingPathComponent("kaffe.txt"))

        // Rebuilt in place, then deleted and indexed again: the kept searchers' open files are
        // the old index's, which must not answer.
        for rebuild in [["--rebuild"], []] {
            if rebuild.isEmpty { try FileManager.default.removeItem(atPath: server.indexPath) }
            let indexing = try ServerProcess.runToEnd(["index", other.path, "--index", server.indexPath] + rebuild, in: server.root)
            #expect(indexing.status == 0)
            let old = try await server.search([("q", ServerProcess.quote), ("exact", "true")])
            #expect(old.status == 200)
            #expect(old.hits.isEmpty)
            let new = try await server.search([("q", "kaffe")])
            #expect(new.status == 200)
            #expect(new.hits.count == 1)
            #expect(try await server.get("/health").json["documents"] as? Int == 1)
        }
    }

    @Test func requestsAreLogged() async throws {
        let server = try await ServerProcess()
        _ = try await server.search([("q", "peer")])
        _ = try await server.get("/articles/9999")
        #expect(try await server.stop() == 0)
        #expect(server.log.contains(/GET \/search 200 [0-9.]+ ms/))
        #expect(server.log.contains(/GET \/articles\/9999 404 [0-9.]+ ms/))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheServerWithExitStatus0(signal: Int32) async throws {
        let server = try await ServerProcess()
        #expect(try await server.get("/health").status == 200)
        #expect(try await server.stop(with: signal) == 0)
        #expect(server.log.contains("stopped"))
    }

    @Test func aBusyPortIsAnErrorWithExitStatus2() async throws {
        let server = try await ServerProcess()
        let second = try ServerProcess.runToEnd(["serve", "--index", server.indexPath, "--port", "\(server.port)"], in: server.root)
        #expect(second.status == 2)
        #expect(second.stderr.hasPrefix("peersearch: error: cannot serve on http://127.0.0.1:\(server.port)"))
    }
}
