import Foundation
import Testing

/// Real JSON output, validated against `schema/search-result.schema.json` with Python's
/// `jsonschema` (scripts/test.sh installs it when missing).
@Suite struct SchemaTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        try workspace.indexCorpus()
    }

    /// Validates each document (json) or hit line (jsonl) with jsonschema; returns its complaints.
    private func validate(_ documents: [String], against definition: String) throws -> String {
        let schema = CommandRunner.packageRoot.appendingPathComponent("schema/search-result.schema.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            if sys.argv[2] != "#":
                schema = {**schema, "$ref": sys.argv[2], "required": [], "properties": {}, "additionalProperties": True}
            validator = jsonschema.Draft202012Validator(schema)
            problems = [e.message for line in sys.stdin if line.strip() for e in validator.iter_errors(json.loads(line))]
            print("\\n".join(problems))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, definition]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(documents.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let problems = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema is needed")
        return problems.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func searchOutputMatchesTheSchema() throws {
        let queries = ["\"erfaringer får en anden værdi\"", "\"erfaring får en anden værdi\"", "\"erfaringer en får anden værdi\"",
                       "peer recovery", "rekovery", "title:bostedsleder date:2016..2017", "kasserolle"]
        var documents: [String] = [], lines: [String] = []
        for query in queries {
            documents.append(try workspace.search(query, "--format", "json").stdout)
            lines += try workspace.search(query, "--format", "jsonl").stdout.split(separator: "\n").map(String.init)
        }
        #expect(lines.count >= 5)
        #expect(try validate(documents, against: "#") == "")
        #expect(try validate(lines, against: "#/$defs/hit") == "")
    }

    @Test func passagesReadByOCROrCitedByPageMatchTheSchema() throws {
        for name in ["seed-scanned.pdf", "seed.pdf"] {
            try FileManager.default.copyItem(at: DocumentFormatTests.fixtures.appendingPathComponent(name),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        try workspace.indexCorpus()
        let document = try workspace.search("\"erfaringer får en anden værdi\"", "--format", "json").stdout
        #expect(document.contains(#""source_text":"ocr""#) && document.contains(#""page":2"#))
        #expect(try validate([document], against: "#") == "")
        let broken = document.replacingOccurrences(of: #""source_text":"ocr""#, with: #""source_text":"scan""#)
        #expect(try validate([broken], against: "#") != "")
    }

    @Test func theSchemaRejectsWhatItShould() throws {
        let broken = #"{"schema_version":1,"query":"x","total":1,"suggestion":null,"hits":[{"rank":1}]}"#
        #expect(try validate([broken], against: "#") != "")
    }
}
