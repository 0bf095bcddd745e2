import Foundation
@testable import PeerSearchServer
import Testing

/// The search page over HTTP, as the server renders it (the browser tests drive it in
/// Chromium): what an approximate hit says differed, the security headers, the pages' answers
/// to bad addresses (pages too, in Danish, never a crash), and the original file of an article,
/// which only ever is that article's.
@Suite struct WebPageTests {
    func html(_ reply: ServerProcess.Reply) -> String { String(decoding: reply.body, as: UTF8.self) }

    @Test func anApproximateQuoteSaysWhichWordDiffered() async throws {
        let server = try await ServerProcess()
        let changed = try await server.get("/?q=" + ServerProcess.formEncode("\"erfaringer fik en anden værdi\""))
        #expect(changed.status == 200)
        #expect(html(changed).contains("omtrentlig – artiklen har «får» for «fik»"), "\(html(changed))")
        let extra = try await server.get("/?q=" + ServerProcess.formEncode("\"erfaringer får en helt anden værdi\""))
        #expect(html(extra).contains("omtrentlig – artiklen har ikke «helt»"))
        // A misspelt word that finds nothing: its suggestion is searched, and the page says so.
        let misspelt = try await server.get("/?q=bostedslder")
        #expect(html(misspelt).contains("Viser resultater for »bostedsleder«. Søg i stedet efter <a href=\"/?q=%2Bbostedslder\">»bostedslder«</a>."),
                "\(html(misspelt))")
        #expect(html(misspelt).contains("<li class=\"hit\""))
        let exact = try await server.get("/?q=" + ServerProcess.formEncode(ServerProcess.quote))
        #expect(html(exact).contains("<p class=\"match match-exact\">præcis</p>"))
        #expect(html(exact).contains("<mark>ERFARINGER FÅR EN ANDEN VÆRDI</mark>"))
        // On the article page each occurrence has one anchor, on its first piece.
        let article = try await server.get("/artikel/1?q=" + ServerProcess.formEncode(ServerProcess.quote))
        #expect(html(article).contains("id=\"f1\"") && !html(article).contains("id=\"f\""))
    }

    @Test func pagesCarryTheirSecurityHeadersAndBadAddressesArePages() async throws {
        let server = try await ServerProcess()
        for target in ["/", "/?q=peer", "/hjaelp", "/static/style.css", "/static/app.js"] {
            let reply = try await server.get(target)
            #expect(reply.status == 200, "\(target)")
            #expect(reply.header("Content-Security-Policy")?.contains("script-src 'self'") == true, "\(target)")
            #expect(reply.header("X-Content-Type-Options") == "nosniff", "\(target)")
        }
        for (target, status, text) in [("/?q=peer&side=0", 400, "side must be a page number"), ("/?q=peer&sort=random", 400, "sort must be"),
                                       ("/?q=peer&nope=1", 400, "unknown parameter &#39;nope&#39;"), ("/?q=(peer", 400, "malformed query"),
                                       ("/?q=peer&fra=20x1", 400, "must be a year"), ("/artikel/abc", 404, "Artiklen findes ikke"),
                                       ("/artikel/99999", 404, "Artiklen findes ikke"), ("/artikel/99999/original", 404, "Artiklen findes ikke"),
                                       ("/static/..%2F..%2Fetc%2Fpasswd", 404, "ingen fil"), ("/tilfoej", 403, "PEERSEARCH_TOKEN")] {
            let reply = try await server.get(target)
            #expect(reply.status == status, "\(target)")
            #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true, "\(target)")
            #expect(html(reply).contains(text), "\(target): \(html(reply))")
        }
        let long = try await server.get("/?q=" + String(repeating: "a+", count: 600))
        #expect(long.status == 400)
    }

    @Test func aResultPagePastTheLastIsAPageNotACrash() async throws {
        // 15 hits make two result pages; page 7 is an old address.
        let articles = Dictionary(uniqueKeysWithValues: (1...15).map { ("kaffe-\($0).txt", "Kaffe nummer \($0)\n\nOm kaffe og kage.\n") })
        let server = try await ServerProcess(corpora: [articles])
        let past = try await server.get("/?q=kaffe&side=7")
        #expect(past.status == 200)
        #expect(html(past).contains("Ingen resultater på denne side; søgningen har 15"), "\(html(past))")
        #expect(html(past).contains("Siden ligger efter den sidste side med resultater."))
        #expect(html(past).contains("<a href=\"/?q=kaffe&amp;side=2\">2</a>"), "\(html(past))")
        #expect(try await server.get("/health").status == 200)
    }

    @Test func theOriginalIsTheArticlesOwnFile() async throws {
        let server = try await ServerProcess(token: "s3cret")
        let hit = try #require(try await server.search([("q", ServerProcess.quote)]).hits.first)
        let id = try #require(hit["id"] as? Int)
        let original = try await server.get("/artikel/\(id)/original")
        #expect(original.status == 200)
        #expect(original.header("Content-Disposition") == "attachment; filename*=UTF-8''2021-moed-en-peer-anders-lindberg%2Etxt"
            || original.header("Content-Disposition")?.hasPrefix("attachment; filename*=UTF-8''2021") == true)
        let file = server.root.appendingPathComponent("Corpus").appendingPathComponent(ServerProcess.portrait)
        #expect(original.body == (try Data(contentsOf: file)))
        // An upload's original is the file kept in the archive.
        let pdf = FileUploadTests.form([FileUploadTests.field("id", "nyt/pdf"),
                                        ("file", "seed.pdf", "application/pdf", try FileUploadTests.fixture("seed.pdf"))])
        let created = try await server.request("POST", "/articles", body: pdf.body, contentType: pdf.contentType, token: "s3cret")
        let uploaded = try #require(created.json["id"] as? Int)
        let kept = try await server.get("/artikel/\(uploaded)/original")
        #expect(kept.status == 200 && kept.header("Content-Type") == "application/pdf")
        #expect(kept.body == (try FileUploadTests.fixture("seed.pdf")))
    }

    @Test func theServedTemplatesAndFilesAreTheRepositorys() throws {
        let web = ServerProcess.packageRoot.appendingPathComponent("Sources/PeerSearchServer/Web")
        let stale = "differs from the file: run scripts/embed-web.sh"
        let templates = try FileManager.default.contentsOfDirectory(atPath: web.appendingPathComponent("templates").path)
        #expect(Set(templates.map { ($0 as NSString).deletingPathExtension }) == Set(WebAssets.templates.keys))
        for name in templates {
            let file = try String(contentsOf: web.appendingPathComponent("templates").appendingPathComponent(name), encoding: .utf8)
            #expect(WebAssets.templates[(name as NSString).deletingPathExtension] == file, "\(name) \(stale)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: web.appendingPathComponent("static").path)
        #expect(Set(files) == Set(WebAssets.staticFiles.keys))
        for name in files {
            let file = try String(contentsOf: web.appendingPathComponent("static").appendingPathComponent(name), encoding: .utf8)
            #expect(WebAssets.staticFiles[name] == file, "\(name) \(stale)")
        }
        // No template writes a value unescaped.
        #expect(!WebAssets.templates.values.contains { $0.contains("{{{") || $0.contains("{{&") })
    }
}
