import Foundation
import Testing
import Xapian

/// `peersearch index`, end to end: incremental runs, bad files, and a locked or damaged index.
@Suite struct IndexCommandTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    private func documentCount() throws -> Int {
        try Database(path: workspace.index).documentCount()
    }

    private func indexFiles() throws -> [String: Date] {
        let folder = URL(fileURLWithPath: workspace.index)
        var files: [String: Date] = [:]
        // `flintlock` is touched by taking the write lock; it holds no data.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != "flintlock" {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            files[name] = attributes[.modificationDate] as? Date
        }
        return files
    }

    @Test func indexingTwiceChangesNothing() throws {
        let first = try workspace.indexCorpus()
        #expect(first.status == 0)
        #expect(first.stdout == "2 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")
        let before = try indexFiles()
        let second = try workspace.indexCorpus()
        #expect(second.stdout == "0 new, 0 updated, 0 removed, 0 skipped (2 unchanged)\n")
        #expect(try documentCount() == 2)
        #expect(try indexFiles() == before)
    }

    @Test func aPageWithAnEmojiAndAVariationSelectorIsIndexed() throws {
        // 🔎︎ is U+1F50E U+FE0E: the selector once gave an empty term, and the page was skipped.
        try workspace.write("hjaelp.html", Array("<html><body><p>Indholdsfortegnelse 🔎\u{FE0E}</p><p>Søg efter peer-støtte.</p></body></html>".utf8))
        let run = try workspace.indexCorpus()
        #expect(run.stdout == "3 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")
        #expect(try workspace.searchJSON("\"søg efter peer-støtte\"").hitFileNames == ["hjaelp.html"])
    }

    @Test func filesNoReaderTakesAreReportedNotDroppedSilently() throws {
        // A spreadsheet, a GIF image (images OCR reads are PNG, JPEG and TIFF) and a file with no
        // extension that is binary: no reader takes them. A text file with no extension, and a `.dat` file that is a PDF, are read.
        try workspace.write("budget.xlsx", [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 64))
        try workspace.write("logo.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0])
        try workspace.write("kerne", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0])
        try workspace.write("LAESMIG", Array("Læs mig\n\nOm spejling og rummelighed i netværket.\n".utf8))
        let pdf = try Data(contentsOf: CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/peer-nyt.pdf"))
        try workspace.write("nyhedsbrev.dat", Array(pdf))
        // An index kept inside the folder it indexes is no article, nor a pile of unsupported files.
        let empty = workspace.root.appendingPathComponent("tom")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try workspace.peersearch("index", empty.path, "--index", workspace.corpus.appendingPathComponent("Index").path).status == 0)

        let dryRun = try workspace.indexCorpus("--dry-run")
        #expect(dryRun.status == 0)
        let corpus = workspace.corpus.path
        let reported = ["budget.xlsx (.xlsx)", "kerne (no extension)", "logo.gif (.gif)"].map { "unsupported: \(corpus)/\($0)" }
        #expect(dryRun.stderr.split(separator: "\n").map(String.init) == reported)
        #expect(dryRun.stdout.hasSuffix("dry run: 4 new, 0 updated, 0 removed, 0 skipped, 3 unsupported (0 unchanged)\n"))
        #expect(dryRun.stdout.contains("would add: Corpus/LAESMIG\n") && dryRun.stdout.contains("would add: Corpus/nyhedsbrev.dat\n"))

        let run = try workspace.indexCorpus()
        #expect(run.status == 0)
        #expect(run.stderr.split(separator: "\n").map(String.init) == reported)
        #expect(run.stdout == "4 new, 0 updated, 0 removed, 0 skipped, 3 unsupported (0 unchanged)\n")
        #expect(try workspace.searchJSON("\"spejling og rummelighed i netværket\"").hitFileNames == ["LAESMIG"])
        #expect(try workspace.searchJSON("\"Peer-nyt om erfaringer\"").hitFileNames == ["nyhedsbrev.dat"])
    }

    @Test func changedFilesAreUpdatedAndRemovedFilesDropped() throws {
        try workspace.indexCorpus()
        let portrait = workspace.corpus.appendingPathComponent(Workspace.portrait)
        var text = try String(contentsOf: portrait, encoding: .utf8)
        text += "\nEt nyt afsnit om spejling og rummelighed i Aarhus.\n"
        try text.write(to: portrait, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: workspace.corpus.appendingPathComponent(Workspace.bostedsleder))
        try workspace.write("ny-artikel.md", Array("# Ny artikel\n\nOm peer-støtte i Århus.\n".utf8))

        let output = try workspace.indexCorpus()
        #expect(output.stdout == "1 new, 1 updated, 1 removed, 0 skipped (0 unchanged)\n")
        #expect(try documentCount() == 2)
        #expect(try workspace.searchJSON("\"et nyt afsnit\"").hitFileNames == [Workspace.portrait])
        #expect(try workspace.search("Ikast-Brande").status == 1)
        // Århus and Aarhus find each other.
        #expect(Set(try workspace.searchJSON("århus").hitFileNames) == [Workspace.portrait, "ny-artikel.md"])
        #expect(Set(try workspace.searchJSON("aarhus").hitFileNames) == [Workspace.portrait, "ny-artikel.md"])
    }

    @Test func badFilesAreReportedAndSkippedWhileTheRestIsIndexed() throws {
        try workspace.write("billede.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01])
        try workspace.write("tom.txt", [])
        try workspace.write("brudt.pdf", Array("%PDF-1.4\n1 0 obj <<".utf8))
        try workspace.write("gammel.txt", [0x56, 0xE6, 0x72, 0x64, 0x69, 0x20, 0x70, 0xE5, 0x20, 0xF8, 0x65, 0x6E])  // cp1252
        let output = try workspace.indexCorpus()
        #expect(output.status == 0)
        #expect(output.stdout == "3 new, 0 updated, 0 removed, 3 skipped (0 unchanged)\n")
        let lines = output.stderrLines
        #expect(lines.contains { $0.hasPrefix("skipped: ") && $0.hasSuffix("billede.txt: binary file, not text") })
        #expect(lines.contains { $0.hasPrefix("skipped: ") && $0.hasSuffix("tom.txt: empty file (no text)") })
        #expect(lines.contains { $0.hasPrefix("skipped: ") && $0.contains("brudt.pdf: ") })
        #expect(lines.contains { $0.hasPrefix("note: ") && $0.contains("gammel.txt: not valid UTF-8; decoded as Windows-1252") })
        #expect(try workspace.searchJSON("\"værdi på øen\"").hitFileNames == ["gammel.txt"])
    }

    @Test func aPathThatDoesNotExistIsAnErrorButTheOthersAreIndexed() throws {
        let output = try workspace.peersearch("index", workspace.corpus.path, "findes-ikke", "--index", workspace.index)
        #expect(output.status == 2)
        #expect(output.stderr.contains("skipped: findes-ikke: no such file or directory"))
        #expect(try documentCount() == 2)
    }

    @Test func aLockedIndexIsAClearError() throws {
        try workspace.indexCorpus()
        let writer = try WritableDatabase(path: workspace.index)
        let output = try workspace.indexCorpus()
        #expect(output.status == 2)
        #expect(output.stderrLines == ["peersearch: error: index '\(workspace.index)' is locked by another peersearch process"])
        try writer.close()
        #expect(try workspace.indexCorpus().status == 0)
    }

    @Test func aDamagedIndexNamesRebuildWhichRecovers() throws {
        try workspace.indexCorpus()
        let postlist = URL(fileURLWithPath: workspace.index).appendingPathComponent("postlist.glass")
        try Data(repeating: 0x5A, count: 8192).write(to: postlist)
        let search = try workspace.search("peer")
        #expect(search.status == 2)
        #expect(search.stderrLines.count == 1)
        #expect(search.stderr.contains("peersearch index FOLDER… --rebuild"))
        let rebuild = try workspace.indexCorpus("--rebuild")
        #expect(rebuild.status == 0)
        #expect(rebuild.stdout.hasPrefix("2 new"))
        #expect(try workspace.search("\"erfaringer får en anden værdi\"").status == 0)
    }

    @Test func anIndexPathThatIsAFileIsAClearError() throws {
        let file = workspace.root.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let output = try workspace.peersearch("index", workspace.corpus.path, "--index", file.path)
        #expect(output.status == 2)
        #expect(output.stderrLines.count == 1)
        #expect(output.stderr.contains("is a file, not an index folder"))
    }
}
