import Foundation
import Testing

/// Word (.docx, .doc), OpenDocument, EPUB and RTF indexed end to end: the seed article in each
/// format is found by its quote, with its own title, while broken, encrypted and hostile files of
/// the same formats are each one `skipped:` line; a converter that is not installed is named with
/// its Debian package.
@Suite struct DocumentFormatTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/formats")
    static let seeds = ["seed.docx", "seed.odt", "seed.rtf", "seed.doc"]

    @Test func theSeedArticleIsFoundInEveryFormatAndBrokenFilesAreSkipped() throws {
        for name in Self.seeds {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        let docx = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("seed.docx")))
        try workspace.write("halv.docx", Array(docx.prefix(docx.count / 2)))
        try workspace.write("tekst.odt", Array("Når ens erfaringer får en anden værdi".utf8))
        try workspace.write("tekst.rtf", Array("Når ens erfaringer får en anden værdi".utf8))
        try workspace.write("tekst.doc", Array("Når ens erfaringer får en anden værdi".utf8))

        let output = try workspace.indexCorpus()
        #expect(output.status == 0)
        #expect(output.stdout == "6 new, 0 updated, 0 removed, 4 skipped (0 unchanged)\n")
        let skipped = output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == 4)
        #expect(skipped.contains { $0.hasSuffix("tekst.rtf: not an RTF file (no {\\rtf header)") })
        #expect(skipped.contains { $0.hasSuffix("tekst.doc: not a Word 97-2003 document antiword can read (exit 1)") })
        #expect(skipped.contains { $0.contains("halv.docx: truncated or damaged zip container") })
        #expect(skipped.contains { $0.contains("tekst.odt: truncated or damaged zip container") })

        let hits = try workspace.searchJSON("\"erfaringer får en anden værdi\"").hits
        var titles: [String: String] = [:]
        for hit in hits {
            titles[((hit["path"] as? String ?? "") as NSString).lastPathComponent] = hit["title"] as? String
        }
        #expect(titles[Workspace.portrait] == "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI")
        for seed in Self.seeds {
            #expect(titles[seed] == "Når ens erfaringer får en anden værdi", "\(seed)")
        }
        #expect(hits.allSatisfy { $0["match"] as? String == "exact" })
    }

    @Test func theSeedEBookIsFoundWithItsTitleAuthorAndDate() throws {
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("seed.epub"),
                                         to: workspace.corpus.appendingPathComponent("seed.epub"))
        #expect(try workspace.indexCorpus().stdout == "3 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")
        let hits = try workspace.searchJSON("\"erfaringer får en anden værdi\"").hits
        let epub = try #require(hits.first { ($0["path"] as? String)?.hasSuffix("/seed.epub") == true })
        #expect(epub["title"] as? String == "Når ens erfaringer får en anden værdi")
        #expect(epub["author"] as? String == "Peer-nyt")
        #expect(epub["date"] as? String == "2021-09-01")
        #expect(epub["match"] as? String == "exact")
        // The title page (spine item 1: title, author, date) comes before the chapter.
        let passages = epub["passages"] as? [[String: Any]] ?? []
        #expect(passages.contains { $0["line"] as? Int == 1 })
        #expect(passages.contains { ($0["text"] as? String)?.contains("Ens erfaringer får en anden værdi") == true })
    }

    @Test func templatesAndPackagesWithoutAnExtensionAreReadOtherZipsAreListedUnsupported() throws {
        // LibreOffice's .dotx starts with _rels/.rels, pandoc's .docx with [Content_Types].xml.
        let copies = [("seed.dotx", "skabelon.dotx"), ("seed.ott", "skabelon.ott"), ("seed.docx", "DOKUMENT"),
                      ("seed.dotx", "SKABELON"), ("seed.odt", "TEKST"), ("seed.epub", "BOG")]
        for (fixture, name) in copies {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(fixture),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        // A zip that is none of these (an EPUB's mimetype entry changed), without an extension.
        var other = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("seed.epub")))
        let mimeType = Array("application/epub+zip".utf8)
        let at = try #require(other.firstRange(of: mimeType))
        other.replaceSubrange(at, with: Array("application/x-foobar".utf8))
        try workspace.write("ARKIV", other)

        let output = try workspace.indexCorpus()
        #expect(output.stdout == "8 new, 0 updated, 0 removed, 0 skipped, 1 unsupported (0 unchanged)\n", "\(output.stderr)")
        #expect(output.stderrLines.contains { $0.hasPrefix("unsupported: ") && $0.hasSuffix("/ARKIV (no extension)") })
        let found = try workspace.searchJSON("\"erfaringer får en anden værdi\"", "--limit", "50", "--all").hitFileNames
        #expect(Set(found) == Set(copies.map(\.1)).union([Workspace.portrait]))
        for (name, format) in ["skabelon.dotx": "docx", "skabelon.ott": "odt", "DOKUMENT": "docx", "SKABELON": "docx",
                               "TEKST": "odt", "BOG": "epub"] {
            let shown = try workspace.peersearch("show", workspace.corpus.appendingPathComponent(name).path, "--index", workspace.index, "--json")
            let article = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any] ?? [:]
            #expect(article["format"] as? String == format, "\(name)")
            #expect(article["title"] as? String == "Når ens erfaringer får en anden værdi", "\(name)")
        }
    }

    @Test func everyEncryptedBrokenOrHostileContainerIsOneSkipLineAndTheRestIsIndexed() throws {
        let bad = ["seed-encrypted.docx": "encrypted Word document (password required)",
                   "seed-encrypted.odt": "encrypted document (content.xml is password-protected)",
                   "seed-encrypted.pdf": "encrypted PDF (password required)",
                   "xml-bomb.docx": "word/document.xml is an XML bomb (entities that expand without bound)",
                   "xml-bomb.odt": "content.xml is an XML bomb (entities that expand without bound)",
                   "xml-bomb.epub": "EPUB/content.opf is an XML bomb (entities that expand without bound)",
                   "zip-bomb.docx": "zip entry word/document.xml unpacks to more than the limit of 1048576 bytes (a zip bomb?)",
                   "truncated.epub": "truncated or damaged zip container (Not a zip archive)"]
        let good = ["seed.docx", "seed.odt", "seed.epub", "seed-owner-password.pdf"]
        for name in Array(bad.keys) + good {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        let output = try workspace.indexCorpus("--max-file-mb", "1")
        #expect(output.status == 0)
        #expect(output.stdout == "6 new, 0 updated, 0 removed, 8 skipped (0 unchanged)\n")
        let skipped = output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == bad.count, "\(output.stderr)")
        for (name, reason) in bad {
            #expect(skipped.contains { $0.hasSuffix("/\(name): \(reason)") }, "\(name): \(output.stderr)")
        }
        let found = try workspace.searchJSON("\"erfaringer får en anden værdi\"", "--limit", "50", "--all").hitFileNames
        #expect(Set(found) == Set(good + [Workspace.portrait]))
    }

    @Test func aMissingConverterIsASkipNamingItsDebianPackage() throws {
        for name in ["seed.rtf", "seed.doc"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name),
                                             to: workspace.corpus.appendingPathComponent(name))
        }
        // A PATH without unrtf and antiword.
        let emptyBin = workspace.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: emptyBin, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["index", workspace.corpus.path, "--index", workspace.index]
        process.environment = ["PATH": emptyBin.path, "HOME": workspace.root.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("skipped: ") && $0.hasSuffix("seed.rtf: unrtf is not installed (apt-get install unrtf)") })
        #expect(lines.contains { $0.hasPrefix("skipped: ") && $0.hasSuffix("seed.doc: antiword is not installed (apt-get install antiword)") })
        #expect(try workspace.searchJSON("\"erfaringer får en anden værdi\"").hitFileNames == [Workspace.portrait])
    }

    @Test func aPDFsPassagesAreCitedByPageAndLine() throws {
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("seed.pdf"),
                                         to: workspace.corpus.appendingPathComponent("seed.pdf"))
        #expect(try workspace.indexCorpus().status == 0)
        let json = try workspace.searchJSON("\"erfaringer får en anden værdi\"")
        let pdf = try #require(json.hits.first { ($0["path"] as? String)?.hasSuffix("seed.pdf") == true })
        let passages = pdf["passages"] as? [[String: Any]] ?? []
        // Page 1 holds the title; the quote stands twice on page 2 (lines 40 and 44 of pdftotext's text).
        #expect(passages.map { $0["page"] as? Int } == passages.map { ($0["line"] as? Int ?? 0) >= 34 ? 2 : 1 })
        #expect(passages.contains { $0["page"] as? Int == 2 && $0["line"] as? Int == 40 })
        // Other formats have no pages: the key is left out.
        let text = try #require(json.hits.first { ($0["path"] as? String)?.hasSuffix(".txt") == true })
        #expect((text["passages"] as? [[String: Any]] ?? []).allSatisfy { $0["page"] == nil })
        let output = try workspace.search("\"erfaringer får en anden værdi\"", "--color", "never")
        #expect(output.stdout.contains("p. 2, l. 40:Ens erfaringer får en anden værdi"), "\(output.stdout)")
        #expect(output.stdout.contains("25:Ens erfaringer får en anden værdi"))
    }

    @Test func showPrintsOnePageOfAPDF() throws {
        let pdf = workspace.corpus.appendingPathComponent("seed.pdf")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("seed.pdf"), to: pdf)
        #expect(try workspace.indexCorpus().status == 0)
        let page = try workspace.peersearch("show", pdf.path, "--index", workspace.index, "--page", "2")
        #expect(page.status == 0)
        #expect(page.stdout.contains("page:    2 of 2, from line 35\n"), "\(page.stdout)")
        // Page 2 only: its quote, not the title page's heading; no form feed from pdftotext.
        let body = try #require(page.stdout.range(of: "\n\n")).upperBound
        #expect(page.stdout[body...].hasPrefix("egentlig kalder det i partnerskabs - projektet.\n"), "\(page.stdout)")
        #expect(page.stdout[body...].contains("Ens erfaringer får en anden værdi"))
        #expect(!page.stdout[body...].contains("Når ens erfaringer"))
        #expect(!page.stdout.contains("\u{0C}") && !page.stdout.contains("␌"))

        let json = try workspace.peersearch("show", pdf.path, "--index", workspace.index, "--page", "1", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["pages"] as? [Int] == [1, 35])
        #expect(object["page"] as? Int == 1 && object["first_line"] as? Int == 1)
        let firstPage = object["text"] as? String ?? ""
        #expect(firstPage.hasPrefix("Når ens erfaringer får en\nanden værdi\n") && !firstPage.contains("egentlig kalder det"))

        let missing = try workspace.peersearch("show", pdf.path, "--index", workspace.index, "--page", "3")
        #expect(missing.status == 2)
        #expect(missing.stderr == "peersearch: error: --page: there is no page 3; the article has 2\n")
        let unpaged = try workspace.peersearch("show", workspace.corpus.appendingPathComponent(Workspace.portrait).path,
                                               "--index", workspace.index, "--page", "1")
        #expect(unpaged.status == 2)
        #expect(unpaged.stderr.hasSuffix("has no pages (it is txt, not PDF)\n"))
    }
}
