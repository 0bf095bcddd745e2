import Foundation
import Testing

/// Word, OpenDocument (and the other document formats) indexed end to end: the seed article in
/// each format is found by its quote, with its own title, while broken files of the same
/// formats are each one `skipped:` line.
@Suite struct DocumentFormatTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/formats")

    @Test func theSeedArticleIsFoundInEveryFormatAndBrokenFilesAreSkipped() throws {
        for name in ["seed.docx", "seed.odt"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        let docx = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("seed.docx")))
        try workspace.write("halv.docx", Array(docx.prefix(docx.count / 2)))
        try workspace.write("tekst.odt", Array("Når ens erfaringer får en anden værdi".utf8))

        let output = try workspace.indexCorpus()
        #expect(output.status == 0)
        #expect(output.stdout == "4 new, 0 updated, 0 removed, 2 skipped (0 unchanged)\n")
        let skipped = output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.contains("halv.docx: truncated or damaged zip container") })
        #expect(skipped.contains { $0.contains("tekst.odt: truncated or damaged zip container") })

        let hits = try workspace.searchJSON("\"erfaringer får en anden værdi\"").hits
        var titles: [String: String] = [:]
        for hit in hits {
            titles[((hit["path"] as? String ?? "") as NSString).lastPathComponent] = hit["title"] as? String
        }
        #expect(titles[Workspace.portrait] == "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI")
        #expect(titles["seed.docx"] == "Når ens erfaringer får en anden værdi")
        #expect(titles["seed.odt"] == "Når ens erfaringer får en anden værdi")
        #expect(hits.allSatisfy { $0["match"] as? String == "exact" })
    }
}
