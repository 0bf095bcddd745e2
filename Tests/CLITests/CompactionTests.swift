import Foundation
import Testing

/// A new index is compacted by the run that makes it: Xapian's own `xapian-compact --fuller`
/// finds nothing left to gain, the index stays a whole Xapian database (`xapian-check`), keeps
/// the folder's hidden files, leaves nothing beside it, and later runs add to it as usual. It
/// is written as shards at once and merged into one database that lists and ranks articles
/// exactly as one made by one writer.
@Suite struct CompactionTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    /// The bytes of the files in `folder`.
    private func size(_ folder: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder).reduce(0) { total, name in
            total + ((try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0)
        }
    }

    private func xapianTool(_ name: String, _ arguments: String...) throws -> CommandRunner.Output {
        try workspace.runner.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/" + name))
    }

    @Test func aNewIndexIsCompactedAndLaterRunsAddToIt() throws {
        try FileManager.default.createDirectory(atPath: workspace.index, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: workspace.index + "/.gitkeep", contents: nil)
        let indexing = try workspace.indexCorpus()
        #expect(indexing.status == 0, "\(indexing.stderr)")

        let recompacted = workspace.root.appendingPathComponent("recompacted").path
        #expect(try xapianTool("xapian-compact", "--fuller", workspace.index, recompacted).status == 0)
        let (again, indexed) = (try size(recompacted), try size(workspace.index))
        #expect(Double(again) >= 0.9 * Double(indexed), "compacted again: \(again) bytes, as indexed: \(indexed)")
        #expect(try xapianTool("xapian-check", workspace.index).status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.index + "/.gitkeep"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix("Index") } == ["Index"])
        #expect(try workspace.search("\"erfaringer får en anden værdi\"").status == 0)

        try workspace.write("ny.txt", Array("Kasseroller og paraplyer i bostedets køkken.".utf8))
        let adding = try workspace.indexCorpus()
        #expect((adding.stdout + adding.stderr).contains("1 new"), "\(adding.stdout)")
        #expect(try xapianTool("xapian-check", workspace.index).status == 0)
        #expect(try workspace.search("kasseroller").status == 0)
        #expect(try workspace.search("\"erfaringer får en anden værdi\"").status == 0)
    }

    /// The paths of `search QUERY --limit 50` in the index at `index`, in order.
    private func paths(_ query: String, in index: String) throws -> [String] {
        let output = try workspace.runner.run(["search", query, "--index", index, "--format", "json", "--limit", "50"])
        let hits = (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]]
        return (hits ?? []).compactMap { $0["path"] as? String }
    }

    @Test func aNewIndexWrittenAsShardsRanksAsOneWrittenByOneWriter() throws {
        // Forty articles that weigh the same for `kasserolle`: they are listed in the order the
        // index numbers them, which is the order of their files for one writer.
        for number in 0..<40 {
            try workspace.write(String(format: "kasserolle-%02d.txt", number),
                                Array("Kasserolle nummer \(number) på bostedet.\n".utf8))
        }
        #expect(try workspace.indexCorpus().status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.index + "/iamglass"), "one database")
        #expect(!FileManager.default.fileExists(atPath: workspace.index + "/XAPIANDB"))
        #expect(try xapianTool("xapian-check", workspace.index).status == 0)

        // The same files added by one writer to an index made empty first.
        let oneWriter = workspace.root.appendingPathComponent("OneWriter").path
        let empty = workspace.root.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try workspace.runner.run(["index", empty, "--index", oneWriter]).status == 0)
        #expect(FileManager.default.fileExists(atPath: oneWriter + "/iamglass"), "an empty index is one database too")
        #expect(try workspace.runner.run(["index", workspace.corpus.path, "--index", oneWriter]).status == 0)

        let listed = try paths("kasserolle", in: workspace.index)
        #expect(listed.count == 40)
        #expect(listed == listed.sorted(), "in the order of the files")
        #expect(listed == (try paths("kasserolle", in: oneWriter)))
        for query in ["\"erfaringer får en anden værdi\"", "peer medarbejder", "bostedet"] {
            #expect(try paths(query, in: workspace.index) == (try paths(query, in: oneWriter)), "\(query)")
        }
    }
}
