import Foundation
import Testing

/// Fields are checked, and `format:`/`type:` and `folder:`/`mappe:` filter (issue 17).
@Suite struct QueryFieldTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        let sub = workspace.corpus.appendingPathComponent("2022/noter")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("Noter om recovery\n\nEn peer taler om recovery.\n".utf8).write(to: sub.appendingPathComponent("noter.md"))
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")
    }

    @Test func anUnknownFieldIsAnErrorListingTheKnownOnes() throws {
        for query in ["path:manpages tar", "ext:pdf", "peer forfater:holmboe"] {
            let output = try workspace.search(query)
            #expect(output.status == 2, "\(query)")
            #expect(output.stdout.isEmpty)
            #expect(output.stderrLines.count == 1, "\(output.stderr)")
            #expect(output.stderr.contains("unknown field"), "\(output.stderr)")
            #expect(output.stderr.contains("title:") && output.stderr.contains("folder:") && output.stderr.contains("format:"))
        }
        // A URL and a time stay words.
        #expect(try workspace.search("https://example.org").status != 2)
        #expect(try workspace.search("kl.10:30").status != 2)
    }

    @Test func formatAndTypeFilterAsFormatEqualsDoes() throws {
        for query in ["recovery format:md", "recovery type:md", "recovery format:MD", "recovery format=md"] {
            #expect(try workspace.searchJSON(query).hitFileNames == ["noter.md"], "\(query)")
        }
        #expect(Set(try workspace.searchJSON("recovery format:txt").hitFileNames) == [Workspace.portrait, Workspace.bostedsleder])
        #expect(try workspace.search("recovery format:pdf").status == 1)
    }

    @Test func folderIsAPathPrefixOfWholeFolderNames() throws {
        #expect(try workspace.searchJSON("recovery folder:Corpus/2022").hitFileNames == ["noter.md"])
        #expect(try workspace.searchJSON("recovery mappe:\(workspace.corpus.path)/2022/").hitFileNames == ["noter.md"])
        #expect(Set(try workspace.searchJSON("recovery folder:Corpus").hitFileNames) == ["noter.md", Workspace.portrait, Workspace.bostedsleder])
        #expect(try workspace.search("recovery folder:Corpus/20").status == 1)
        // `folder=` is the exact folder, `folder:` the folder and those below it.
        #expect(try workspace.searchJSON("recovery folder=\"\(workspace.corpus.path)\"").hitFileNames.count == 2)
        #expect(try workspace.search("folder:", "--format", "json").status == 2)
    }
}
