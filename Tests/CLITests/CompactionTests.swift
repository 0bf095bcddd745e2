import Foundation
import Testing

/// A new index is compacted by the run that makes it: Xapian's own `xapian-compact --fuller`
/// finds nothing left to gain, the index stays a whole Xapian database (`xapian-check`), keeps
/// the folder's hidden files, leaves nothing beside it, and later runs add to it as usual.
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
}
