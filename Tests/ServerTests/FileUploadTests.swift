import Foundation
import Testing

/// Files in any format through `POST /articles`: a `multipart/form-data` form (what a web page's
/// upload form sends) and a raw body with its `Content-Type`, against the real server. The
/// uploaded PDF is cited by page, survives a rebuild (its bytes are kept in the archive), and
/// every malformed form is a JSON 400 or 415, never a crash.
@Suite struct FileUploadTests {
    static let fixtures = ServerProcess.packageRoot.appendingPathComponent("Tests/Fixtures/formats")
    static let token = "s3cret"

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// A form body of these parts (name, file name, content type, bytes), and its content type.
    static func form(_ parts: [(name: String, fileName: String?, type: String?, bytes: Data)],
                     boundary: String = "peersearch-test-\(UUID().uuidString)") -> (body: Data, contentType: String) {
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"".utf8))
            if let fileName = part.fileName { body.append(Data("; filename=\"\(fileName)\"".utf8)) }
            body.append(Data("\r\n".utf8))
            if let type = part.type { body.append(Data("Content-Type: \(type)\r\n".utf8)) }
            body.append(Data("\r\n".utf8))
            body.append(part.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    static func field(_ name: String, _ value: String) -> (name: String, fileName: String?, type: String?, bytes: Data) {
        (name, nil, nil, Data(value.utf8))
    }

    @Test func aPDFSentAsAFormIsSearchableByPageAndSurvivesARebuild() async throws {
        let server = try await ServerProcess(token: Self.token)
        let (body, contentType) = Self.form([
            Self.field("id", "nyhedsbrev/2021-09"),
            ("file", "Peer-nyt september.pdf", "application/pdf", try Self.fixture("seed.pdf")),
            Self.field("source", "Peer-nyt"),
            Self.field("date", "1. september 2021"),
        ])
        let created = try await server.request("POST", "/articles", body: body, contentType: contentType, token: Self.token)
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        #expect(created.json["format"] as? String == "pdf")
        #expect(created.json["title"] as? String == "Når ens erfaringer får en anden værdi")
        #expect(created.json["source"] as? String == "Peer-nyt")
        #expect(created.json["date"] as? String == "2021-09-01")

        let found = try await server.search([("q", ServerProcess.quote)])
        let pdf = try #require(found.hits.first { $0["path"] as? String == "nyhedsbrev/2021-09" })
        let passages = pdf["passages"] as? [[String: Any]] ?? []
        #expect(passages.contains { $0["page"] as? Int == 2 && $0["line"] as? Int == 40 }, "\(passages)")

        // The PDF's own bytes are kept beside the index, so a rebuild reads it again.
        try await server.stop()
        let rebuilt = try ServerProcess.runToEnd(["index", "--rebuild", "--index", server.indexPath,
                                                  server.root.appendingPathComponent("Corpus").path], in: server.root)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        try await server.restart()
        let again = try await server.search([("q", ServerProcess.quote)])
        #expect(again.hits.contains { $0["path"] as? String == "nyhedsbrev/2021-09" })
    }

    @Test func aFileSentAsTheBodyIsReadByItsContentTypeOrItsBytes() async throws {
        let server = try await ServerProcess(token: Self.token)
        let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        let docx = try await server.request("POST", "/articles?id=word%2Fseed&author=Redaktionen", body: try Self.fixture("seed.docx"),
                                            contentType: docxType, token: Self.token)
        #expect(docx.status == 201, "\(String(decoding: docx.body, as: UTF8.self))")
        #expect(docx.json["format"] as? String == "docx")
        #expect(docx.json["author"] as? String == "Redaktionen")
        // application/octet-stream: the format is told by the bytes (%PDF).
        let pdf = try await server.request("POST", "/articles?id=ukendt", body: try Self.fixture("seed.pdf"),
                                           contentType: "application/octet-stream", token: Self.token)
        #expect(pdf.status == 201)
        #expect(pdf.json["format"] as? String == "pdf")
        let paths = Set(try await server.search([("q", ServerProcess.quote)]).hits.compactMap { $0["path"] as? String })
        #expect(paths.isSuperset(of: ["word/seed", "ukendt"]), "\(paths)")

        // Pasted text in a form is a text article.
        let (body, contentType) = Self.form([Self.field("id", "indsendt"), Self.field("text", "Et indlæg om kasseroller"),
                                             Self.field("title", "Indsendt")])
        let pasted = try await server.request("POST", "/articles", body: body, contentType: contentType, token: Self.token)
        #expect(pasted.status == 201)
        #expect(pasted.json["format"] as? String == "txt" && pasted.json["title"] as? String == "Indsendt")
        #expect(try await server.search([("q", "kasseroller")]).hits.count == 1)
    }

    @Test func malformedUploadsAreJSONErrors() async throws {
        let server = try await ServerProcess(token: Self.token)
        let pdf = try Self.fixture("seed.pdf")
        let good = Self.form([Self.field("id", "x"), ("file", "x.pdf", "application/pdf", pdf)], boundary: "grænse")
        let cases: [(what: String, body: Data, contentType: String, target: String, status: Int, message: String)] = [
            ("no boundary", good.body, "multipart/form-data", "/articles", 400, "boundary of 1 to 70 characters"),
            ("empty boundary", good.body, "multipart/form-data; boundary=", "/articles", 400, "boundary of 1 to 70 characters"),
            ("wrong boundary", good.body, "multipart/form-data; boundary=other", "/articles", 400, "no parts"),
            ("cut short", good.body.prefix(good.body.count / 2), good.contentType, "/articles", 400, "ends inside a part"),
            ("cut after a boundary", Self.cutAfterSecondBoundary(good.body), good.contentType, "/articles", 400, "ends inside a part"),
            // multipart-kit traps on a header name byte over 0x7F (found by fuzzing).
            ("non-ASCII header name", Data("--b\r\nContent-".utf8) + Data([0xA4]) + Data("isposition: form-data; name=\"id\"\r\n\r\nx\r\n--b--\r\n".utf8),
             "multipart/form-data; boundary=b", "/articles", 400, "a header name that is not ASCII"),
            // The same, after a header value that holds a bare LF: the parser ends lines at CR LF only.
            ("non-ASCII header name after a bare LF",
             Data("--b\r\nContent-Type: text/markdown\n\r\n#".utf8) + Data([0xE9]) + Data("Peer\r\n\r\nx\r\n--b--\r\n".utf8),
             "multipart/form-data; boundary=b", "/articles", 400, "a header name that is not ASCII"),
            ("unknown field", Self.form([Self.field("id", "x"), Self.field("evil", "1")]).body, "", "/articles", 400,
             "unknown form field 'evil'"),
            ("no id", Self.form([("file", "x.pdf", nil, pdf)]).body, "", "/articles", 400, "has no 'id'"),
            ("digits id", Self.form([Self.field("id", "2888"), ("file", "x.pdf", nil, pdf)]).body, "", "/articles", 400, "digits"),
            ("no file", Self.form([Self.field("id", "x")]).body, "", "/articles", 400, "neither a 'file' nor a 'text'"),
            ("both", Self.form([Self.field("id", "x"), Self.field("text", "a"), ("file", "x.pdf", nil, pdf)]).body, "",
             "/articles", 400, "both a 'file' and a 'text'"),
            ("twice", Self.form([Self.field("id", "x"), Self.field("id", "y")]).body, "", "/articles", 400, "given twice"),
            ("unknown format", Self.form([Self.field("id", "x"), ("file", "x.gif", "image/gif", Data("GIF89a".utf8))]).body, "",
             "/articles", 415, "cannot tell the format of the upload 'x.gif' as image/gif"),
            ("raw without id", pdf, "application/pdf", "/articles", 400, "needs its id in the query string"),
            ("raw unknown type", Data("GIF89a....".utf8), "image/gif", "/articles?id=x", 415, "cannot tell the format"),
            ("raw unknown parameter", pdf, "application/pdf", "/articles?id=x&owner=me", 400, "unknown parameter 'owner'"),
            ("not a PDF", Data("no pdf here".utf8), "application/pdf", "/articles?id=x", 400, "article:"),
        ]
        for test in cases {
            // "" stands for the form's own content type.
            let contentType = test.contentType.isEmpty ? Self.boundaryType(of: test.body) : test.contentType
            let reply = try await server.request("POST", test.target, body: test.body, contentType: contentType, token: Self.token)
            #expect(reply.status == test.status, "\(test.what): \(String(decoding: reply.body, as: UTF8.self))")
            #expect(reply.errorStatus == test.status, "\(test.what)")
            #expect(reply.errorMessage?.contains(test.message) == true, "\(test.what): \(reply.errorMessage ?? "no message")")
        }
        // Nothing of it was kept, and the server still answers.
        #expect(try await server.get("/articles/x").status == 404)
        #expect(try await server.get("/health").status == 200)
    }

    /// A form body cut right after its second boundary line: the first part whole, no closing
    /// boundary.
    static func cutAfterSecondBoundary(_ body: Data) -> Data {
        let firstLine = Data(body.prefix { $0 != 0x0D }) + Data("\r\n".utf8)
        let second = body.range(of: firstLine, in: firstLine.count..<body.count)!
        return body.prefix(upTo: second.upperBound)
    }

    /// The content type of a body `form` made: its first line is `--boundary`.
    static func boundaryType(of body: Data) -> String {
        let firstLine = String(decoding: body.prefix { $0 != 0x0D }, as: UTF8.self)
        return "multipart/form-data; boundary=\(firstLine.dropFirst(2))"
    }
}
