import Foundation
import Testing
import Xapian

/// Each way an index cannot be used is its own error with advice that is true for it: a full
/// disk, a read-only file system, no permission, a damaged index, and a database that peersearch
/// did not make (which it never writes into). File system cases need root (to mount a small
/// tmpfs or a read-only bind mount, and to drop to another user); without it they are skipped.
@Suite struct HonestErrorTests {
    let workspace: Workspace
    static let isRoot = getuid() == 0

    init() throws {
        workspace = try Workspace()
    }

    /// Runs a system command (mount, umount); true when it succeeded.
    @discardableResult
    private func system(_ arguments: [String]) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A folder of articles larger than `megabytes`, of words that do not repeat much.
    private func writeArticles(megabytes: Int) throws -> URL {
        let folder = workspace.root.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var seed: UInt64 = 42
        for number in 0..<(megabytes * 25) {
            var words: [String] = []
            for _ in 0..<5_000 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                words.append("ord\(seed >> 45)")
            }
            try Data("Artikel \(number)\n\n\(words.joined(separator: " "))\n".utf8)
                .write(to: folder.appendingPathComponent("artikel-\(number).txt"))
        }
        return folder
    }

    @Test(.enabled(if: isRoot, "mounting a small tmpfs needs root"))
    func aFullDiskIsSaidToBeFullNotDamaged() throws {
        let articles = try writeArticles(megabytes: 12)
        let small = workspace.root.appendingPathComponent("lille")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        guard try system(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", small.path]) else {
            Issue.record("cannot mount a tmpfs")
            return
        }
        defer { try? system(["umount", small.path]) }
        let index = small.appendingPathComponent("Index").path
        let run = try workspace.peersearch("index", articles.path, "--index", index)
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("the disk is full"), "\(run.stderr)")
        #expect(!run.stderr.contains("damaged") && !run.stderr.contains("--rebuild"), "\(run.stderr)")
        // What was committed is whole.
        if FileManager.default.fileExists(atPath: index + "/iamglass") {
            #expect(try workspace.peersearch("search", "ord1", "--index", index, "--count").status != 2)
        }
    }

    @Test(.enabled(if: isRoot, "a read-only bind mount needs root"))
    func aReadOnlyFileSystemIsNotALock() throws {
        #expect(try workspace.indexCorpus().status == 0)
        let readOnly = workspace.root.appendingPathComponent("skrivebeskyttet")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        guard try system(["mount", "--bind", "-o", "ro", workspace.index, readOnly.path]) else {
            Issue.record("cannot bind-mount read-only")
            return
        }
        defer { try? system(["umount", readOnly.path]) }
        try workspace.write("ny.txt", Array("Ny artikel\n\nOm spejling.\n".utf8))
        let run = try workspace.peersearch("index", workspace.corpus.path, "--index", readOnly.path)
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("read-only file system"), "\(run.stderr)")
        #expect(!run.stderr.contains("locked"), "\(run.stderr)")
        #expect(try workspace.peersearch("search", "\"erfaringer får en anden værdi\"", "--index", readOnly.path).status == 0)
    }

    @Test(.enabled(if: isRoot, "running as another user needs root"))
    func noPermissionIsSaidSo() throws {
        #expect(try workspace.indexCorpus().status == 0)
        for folder in [workspace.root, workspace.corpus] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        }
        let run = try workspace.runner.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                                            CommandRunner.binary.path, "index", workspace.corpus.path, "--index", workspace.index],
                                           executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("no permission"), "\(run.stderr)")
        #expect(!run.stderr.contains("locked"), "\(run.stderr)")
    }

    @Test func anIndexWithoutItsRevisionFileIsDamagedAndARebuildRecoversIt() throws {
        #expect(try workspace.indexCorpus().status == 0)
        try FileManager.default.removeItem(atPath: workspace.index + "/iamglass")
        for run in [try workspace.search("peer"), try workspace.indexCorpus()] {
            #expect(run.status == 2)
            #expect(run.stderrLines.count == 1, "\(run.stderr)")
            #expect(run.stderr.contains("is damaged") && run.stderr.contains("--rebuild"), "\(run.stderr)")
        }
        #expect(try workspace.indexCorpus("--rebuild").status == 0)
        #expect(try workspace.search("\"erfaringer får en anden værdi\"").status == 0)
    }

    @Test func aDatabaseAnotherProgramMadeIsNeitherWrittenNorReadAsAnIndex() throws {
        let foreign = workspace.root.appendingPathComponent("omega").path
        let database = try WritableDatabase(path: foreign)
        let document = try Document()
        try document.setData(Array("url=/artikel.html\nsample=Et andet programs dokument".utf8))
        try document.addTerm("peer")
        _ = try database.replaceDocument(uniqueTerm: "Q/artikel.html", with: document)
        try database.close()

        let run = try workspace.peersearch("index", workspace.corpus.path, "--index", foreign)
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("peersearch did not make"), "\(run.stderr)")
        #expect(try Database(path: foreign).documentCount() == 1)
        let search = try workspace.peersearch("search", "peer", "--index", foreign)
        #expect(search.status == 2)
        #expect(search.stderr.contains("peersearch did not make"), "\(search.stderr)")
    }
}
