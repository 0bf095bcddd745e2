import Foundation
import Ingestion
import PeerSearchServer
import Testing

/// `schema/openapi.yaml` against the server: the document is valid OpenAPI 3.1 and self-contained
/// (no `$ref` outside it, which client generators do not follow), names exactly the endpoints the
/// server routes, is what `GET /openapi.yaml` serves (with the search-result schema generated from
/// it), and real responses validate against its response schemas. The checks run in Python
/// (PyYAML, jsonschema, openapi-spec-validator). Tests/ClientConformance drives the server with a
/// client generated from it (scripts/test-client-conformance.sh).
@Suite struct OpenAPITests {
    static let documentURL = ServerProcess.packageRoot.appendingPathComponent("schema/openapi.yaml")
    static let searchResultSchemaURL = ServerProcess.packageRoot.appendingPathComponent("schema/search-result.schema.json")

    /// A response as the server gave it, for the document's `method path` operation.
    struct Exchange {
        var method: String
        var path: String
        var reply: ServerProcess.Reply
    }

    @Test func theServedDocumentsAreTheRepositoryFiles() async throws {
        let server = try await ServerProcess()
        for (target, file, type) in [("/openapi.yaml", Self.documentURL, "application/yaml"),
                                     ("/search-result.schema.json", Self.searchResultSchemaURL, "application/schema+json")] {
            let reply = try await server.get(target)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type")?.hasPrefix(type) == true)
            #expect(reply.body == (try Data(contentsOf: file)), "\(target) differs from the file: run scripts/embed-openapi.sh")
        }
    }

    @Test func theSearchResultSchemaIsGeneratedFromTheDocument() throws {
        let check = Process()
        check.executableURL = ServerProcess.packageRoot.appendingPathComponent("scripts/embed-openapi.sh")
        check.arguments = ["--check"]
        let errors = Pipe()
        check.standardError = errors
        try check.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(message)")
    }

    @Test func theDocumentNamesExactlyTheServersEndpoints() throws {
        let problems = try check(exchanges: [])
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func theDocumentListsEveryFormatPeersearchReads() throws {
        let document = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let format = try #require(document.range(of: "\n    ArticleFormat:\n"))
        let enumLine = try #require(document[format.upperBound...].split(separator: "\n").first { $0.contains("enum:") })
        let listed = enumLine.split(separator: "[").last?.split(separator: "]").first?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(listed == ArticleFormat.allCases.map(\.rawValue))
    }

    @Test func realResponsesMatchTheDocument() async throws {
        let token = "s3cret"
        let server = try await ServerProcess(token: token)
        var exchanges: [Exchange] = []
        func record(_ method: String, _ path: String, _ reply: ServerProcess.Reply) {
            exchanges.append(Exchange(method: method, path: path, reply: reply))
        }
        record("GET", "/health", try await server.get("/health"))
        for parameters in [[("q", "peer"), ("fields", "path,title,score")], [("q", "peer"), ("fields", "titel")],
                           [("q", ServerProcess.quote)], [("q", "peer recovery"), ("limit", "1"), ("offset", "1")],
                           [("q", "\"erfaring får en anden værdi\"")], [("q", "kasserolle")], [("q", "rekovery")],
                           [("q", "")], [("q", "peer"), ("limit", "0")], [("q", "(peer")],
                           [("q", "peer"), ("facets", "true"), ("sort", "newest")], [("q", "peer"), ("format", "csv")],
                           [("q", "peer"), ("sort", "random")]] {
            record("GET", "/search", try await server.search(parameters))
        }
        record("GET", "/articles/{id}", try await server.get("/articles/1"))
        record("GET", "/articles/{id}", try await server.get("/articles/9999"))
        // `%FF` decodes to no UTF-8: 400, which both operations list.
        for (method, reply) in [("GET", try await server.get("/articles/%FF")),
                                ("DELETE", try await server.request("DELETE", "/articles/%FF", token: token))] {
            #expect(reply.status == 400, "\(method) /articles/%FF")
            record(method, "/articles/{id}", reply)
        }
        record("GET", "/articles/{id}/similar", try await server.get("/articles/1/similar"))
        record("GET", "/articles/{id}/similar", try await server.get("/articles/1/similar?format=csv"))
        record("GET", "/articles/{id}/similar", try await server.get("/articles/9999/similar"))
        record("GET", "/articles/{id}/similar", try await server.get("/articles/1/similar?limit=0"))
        let article: [String: Any] = ["id": "nyt/1", "text": "<title>Nyt</title><p>Kasserolle</p>", "format": "html"]
        record("POST", "/articles", try await server.upload(article, token: nil))
        record("POST", "/articles", try await server.upload(article, token: token))
        record("POST", "/articles", try await server.upload(article, token: token))
        record("POST", "/articles", try await server.upload(["id": "nyt/2"], token: token))
        record("POST", "/articles", try await server.upload(["id": "nyt/2", "text": "Gryder", "titel": "Om gryder"], token: token))
        record("POST", "/articles", try await server.upload(["id": "nyt/3", "text": String(repeating: "x", count: 16 << 20)], token: token))
        let pdf = FileUploadTests.form([FileUploadTests.field("id", "nyt/pdf"),
                                        ("file", "seed.pdf", "application/pdf", try FileUploadTests.fixture("seed.pdf"))])
        record("POST", "/articles", try await server.request("POST", "/articles", body: pdf.body, contentType: pdf.contentType, token: token))
        record("GET", "/articles/{id}", try await server.get("/articles/nyt%2Fpdf"))
        record("POST", "/articles", try await server.request("POST", "/articles?id=nyt/gif", body: Data("GIF89a".utf8),
                                                             contentType: "image/gif", token: token))
        record("DELETE", "/articles/{id}", try await server.request("DELETE", "/articles/nyt%2F1", token: token))
        record("DELETE", "/articles/{id}", try await server.request("DELETE", "/articles/nyt%2F1", token: token))
        record("DELETE", "/articles/{id}", try await server.request("DELETE", "/articles/1"))
        record("GET", "/openapi.yaml", try await server.get("/openapi.yaml"))
        record("GET", "/search-result.schema.json", try await server.get("/search-result.schema.json"))

        let readOnly = try await ServerProcess()
        record("POST", "/articles", try await readOnly.upload(article, token: token))
        record("DELETE", "/articles/{id}", try await readOnly.request("DELETE", "/articles/1", token: token))

        let several = try await ServerProcess(corpora: SeveralIndexesTests.corpora, token: token)
        record("GET", "/health", try await several.get("/health"))
        record("GET", "/search", try await several.search([("q", "kaffe")]))
        record("POST", "/articles", try await several.upload(article, token: token))
        record("DELETE", "/articles/{id}", try await several.request("DELETE", "/articles/1", token: token))

        let missing = try await ServerProcess(indexed: false)
        record("GET", "/health", try await missing.get("/health"))
        record("GET", "/search", try await missing.search([("q", "peer")]))
        record("GET", "/articles/{id}", try await missing.get("/articles/1"))

        let statuses = Set(exchanges.map(\.reply.status))
        #expect(statuses == [200, 201, 400, 401, 403, 404, 405, 413, 415, 503])
        let problems = try check(exchanges: exchanges)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Runs the Python checks on the document, `Endpoint.allCases` and `exchanges`; returns the problems found.
    private func check(exchanges: [Exchange]) throws -> String {
        let given: [String: Any] = [
            "endpoints": Endpoint.allCases.map { [$0.method, $0.path, $0.rawValue] },
            "exchanges": exchanges.map { exchange in
                ["method": exchange.method, "path": exchange.path, "status": exchange.reply.status,
                 "content_type": exchange.reply.header("Content-Type") ?? "", "body": exchange.reply.text] as [String: Any]
            },
        ]
        let script = #"""
            import json, pathlib, sys, yaml, jsonschema
            from openapi_spec_validator import validate
            path = pathlib.Path(sys.argv[1]).resolve()
            document = yaml.safe_load(open(path))
            validate(document, base_uri=path.as_uri())
            given = json.load(sys.stdin)
            problems = []

            def references(node):
                if isinstance(node, dict):
                    yield from ([node["$ref"]] if isinstance(node.get("$ref"), str) else [])
                    for value in node.values():
                        yield from references(value)
                elif isinstance(node, list):
                    for value in node:
                        yield from references(value)
            problems += [f"$ref outside the document: {r}" for r in references(document) if not r.startswith("#/")]
            methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
            documented = {(m.upper(), p, op.get("operationId")) for p, item in document["paths"].items()
                          for m, op in item.items() if m in methods}
            routed = {tuple(e) for e in given["endpoints"]}
            problems += [f"routed but not documented: {e}" for e in sorted(routed - documented)]
            problems += [f"documented but not routed: {e}" for e in sorted(documented - routed)]

            def resolve(node):
                while "$ref" in node:
                    target = document
                    for part in node["$ref"].lstrip("#/").split("/"):
                        target = target[part.replace("~1", "/").replace("~0", "~")]
                    node = target
                return node

            for x in given["exchanges"]:
                where = f'{x["method"]} {x["path"]} {x["status"]}'
                operation = document["paths"].get(x["path"], {}).get(x["method"].lower())
                response = operation and operation["responses"].get(str(x["status"]))
                if not response:
                    problems.append(f"{where}: status not documented")
                    continue
                content = resolve(response).get("content", {})
                media = next((m for m in content if x["content_type"].startswith(m)), None)
                if media is None:
                    problems.append(f'{where}: content type {x["content_type"]} not documented')
                    continue
                if media != "application/json":
                    continue
                schema = {**document, "$id": path.as_uri(), "allOf": [content[media]["schema"]]}
                validator = jsonschema.Draft202012Validator(schema)
                for error in validator.iter_errors(json.loads(x["body"])):
                    problems.append(f"{where}: {error.message} at {list(error.absolute_path)}")
            print("\n".join(problems))
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.documentURL.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: given))
        try input.fileHandleForWriting.close()
        let problems = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with PyYAML, jsonschema and openapi-spec-validator is needed: \(failure)")
        return problems.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
