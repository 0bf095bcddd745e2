import Foundation
import Ingestion
import Testing

/// Word (.docx, .dotx, .docm) and OpenDocument (.odt, .ott) files, made by pandoc and LibreOffice
/// from a seed article (Tests/Fixtures/formats/make-fixtures.sh), and the hostile ones: a zip
/// bomb, a truncated zip, an encrypted part, documents saved with a password, XML bombs.
@Suite struct OfficeReaderTests {
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("office")
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/formats/\(name)").path
    }

    @Test(arguments: [("seed.docx", ArticleFormat.docx), ("seed.odt", .odt)])
    func theSeedArticleIsReadWithItsMetadataAndOneLinePerParagraph(file: String, format: ArticleFormat) throws {
        let article = try ArticleLoader().load(path: Self.fixture(file))
        #expect(article.format == format)
        #expect(article.metadata.title == "Når ens erfaringer får en anden værdi")
        #expect(article.metadata.author == "Peer-nyt")
        #expect(article.metadata.date == "2021-09-01")
        let lines = article.text.split(separator: "\n").map(String.init)
        // pandoc writes title, author and date as the first paragraphs; then the article's own.
        #expect(lines.prefix(6) == ["Når ens erfaringer får en anden værdi", "Peer-nyt", "2021-09-01",
                                    "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI", "MØD EN PEER",
                                    lines[5]])
        #expect(lines[5].hasPrefix("Fremover vil du i peer-nyt kunne møde en peer-medarbejder"))
        #expect(lines.contains("Ens erfaringer får en anden værdi"))
        #expect(lines.last?.contains("\"Det er, at mine erfaringer får en anden værdi. Og at det at dele,") == true)
    }

    @Test func aTrackedDeletionIsLeftOutTabsAreSpacesAndHeadersFollowTheBody() throws {
        let source = Self.fixture("seed.docx")
        var body = try ZipFixture.read("word/document.xml", of: source)
        let paragraph = "Ens erfaringer får en anden værdi</w:t></w:r>"
        #expect(body.contains(paragraph))
        body = body.replacingOccurrences(of: paragraph, with: paragraph + """
            <w:del w:id="90" w:author="Redaktør"><w:r><w:delText>slettet om kasseroller</w:delText></w:r></w:del>\
            <w:r><w:tab/><w:t>efter</w:t><w:br/><w:t>skiftet</w:t></w:r>
            """)
        let header = """
            <?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:p><w:r><w:t>Peer-nyt sidehoved</w:t></w:r></w:p></w:hdr>
            """
        let path = files.url.appendingPathComponent("rettet.docx").path
        try ZipFixture.write(path, from: source, parts: ["word/document.xml": Array(body.utf8), "word/header1.xml": Array(header.utf8)])
        let article = try ArticleLoader().load(path: path)
        let lines = article.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("Ens erfaringer får en anden værdi efter skiftet"))
        #expect(!article.text.contains("kasseroller"))
        #expect(lines.last == "Peer-nyt sidehoved")
    }

    @Test func anExternalEntityIsNeverRead() throws {
        // A document that asks for a local file's content (XXE): the entity is left unexpanded.
        let secret = try files.write("hemmelighed.txt", "kodeord-i-klartekst")
        var body = try ZipFixture.read("word/document.xml", of: Self.fixture("seed.docx"))
        body = body.replacingOccurrences(of: "<w:document ", with: "<!DOCTYPE w:document [<!ENTITY hemmelig SYSTEM \"file://\(secret)\">]><w:document ")
        body = body.replacingOccurrences(of: "MØD EN PEER", with: "MØD EN PEER &hemmelig;")
        let path = files.url.appendingPathComponent("xxe.docx").path
        try ZipFixture.write(path, from: Self.fixture("seed.docx"), parts: ["word/document.xml": Array(body.utf8)])
        let article = try ArticleLoader().load(path: path)
        #expect(article.text.contains("MØD EN PEER"))
        #expect(!article.text.contains("kodeord"))
    }

    @Test func aZipBombIsRefusedByTheSizeInItsDirectory() throws {
        // 2 MiB of paragraphs deflate to a few KiB: over a 1 MiB limit unpacked, not packed.
        let paragraphs = String(repeating: "<w:p><w:r><w:t>erfaringer får en anden værdi</w:t></w:r></w:p>", count: 40_000)
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(paragraphs)</w:body></w:document>"
        let path = files.url.appendingPathComponent("bombe.docx").path
        try ZipFixture.write(path, from: Self.fixture("seed.docx"), parts: ["word/document.xml": Array(body.utf8)])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count < 1 << 20)
        let loader = ArticleLoader(maximumFileBytes: 1 << 20)
        let error = #expect(throws: IngestionError.self) { try loader.load(path: path) }
        #expect(error?.description == "zip entry word/document.xml unpacks to more than the limit of 1048576 bytes (a zip bomb?)")
        #expect(try ArticleLoader().load(path: path).text.hasPrefix("erfaringer får en anden værdi\n"))
    }

    @Test func aZipWhoseDirectoryUnderstatesASizeIsStoppedWhileUnpacking() throws {
        // The bomb of the test above, its size written as 1,000 bytes in the local header and the
        // central directory alike, so the directory check passes.
        let paragraphs = String(repeating: "<w:p><w:r><w:t>erfaringer får en anden værdi</w:t></w:r></w:p>", count: 40_000)
        let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(paragraphs)</w:body></w:document>"
        let path = files.url.appendingPathComponent("loegn.docx").path
        try ZipFixture.write(path, from: Self.fixture("seed.docx"), parts: ["word/document.xml": Array(body.utf8)])
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array("word/document.xml".utf8)
        var patched = 0
        for offset in 0..<(bytes.count - 46) where bytes[offset] == 0x50 && bytes[offset + 1] == 0x4B {
            // Local header PK 3 4: size at 22, name at 30; central directory PK 1 2: size at 24, name at 46.
            let (sizeAt, nameAt): (Int, Int)
            switch (bytes[offset + 2], bytes[offset + 3]) {
            case (3, 4): (sizeAt, nameAt) = (22, 30)
            case (1, 2): (sizeAt, nameAt) = (24, 46)
            default: continue
            }
            guard bytes[(offset + nameAt)...].starts(with: name) else { continue }
            bytes.replaceSubrange((offset + sizeAt)..<(offset + sizeAt + 4), with: [0xE8, 0x03, 0, 0])
            patched += 1
        }
        #expect(patched == 2)
        let lying = try files.write("loegn2.docx", bytes)
        let error = #expect(throws: IngestionError.self) { try ArticleLoader().load(path: lying) }
        #expect(error?.description == "zip entry word/document.xml unpacks to more than the 1000 bytes its directory gives (a zip bomb?)")
    }

    @Test(arguments: ["seed.docx", "seed.odt"]) func aTruncatedZipIsRefused(file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture(file))))
        let path = try files.write("halv-\(file)", Array(bytes.prefix(bytes.count / 2)))
        let error = #expect(throws: IngestionError.self) { try ArticleLoader().load(path: path) }
        #expect(error?.description.hasPrefix("truncated or damaged zip container") == true)
    }

    @Test func anEncryptedPartIsRefused() throws {
        let path = files.url.appendingPathComponent("laast.docx").path
        let body = try ZipFixture.read("word/document.xml", of: Self.fixture("seed.docx"))
        try ZipFixture.write(path, from: Self.fixture("seed.docx"), parts: ["word/document.xml": Array(body.utf8)], password: "hemmelig")
        let error = #expect(throws: IngestionError.self) { try ArticleLoader().load(path: path) }
        #expect(error?.description == "encrypted document (word/document.xml is password-protected)")
    }

    @Test func aPackageWithoutAnExtensionIsKnownByItsEntries() throws {
        // An .odt or .epub by the stored mimetype its first bytes show; a .docx by the content
        // type of its main part (pandoc's starts with [Content_Types].xml, LibreOffice's .dotx
        // with _rels/.rels).
        for (fixture, format) in [("seed.odt", ArticleFormat.odt), ("seed.epub", .epub), ("seed.docx", .docx), ("seed.dotx", .docx)] {
            let path = try files.write("UDEN-\(fixture.split(separator: ".").last!)", Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture(fixture)))))
            #expect(ArticleLoader().takes(path: path), "\(fixture)")
            #expect(try ArticleLoader().load(path: path).format == format, "\(fixture)")
        }
        // A spreadsheet (its main part's content type) without an extension is not guessed at.
        var types = try ZipFixture.read("[Content_Types].xml", of: Self.fixture("seed.docx"))
        types = types.replacingOccurrences(of: "wordprocessingml.document.main+xml", with: "spreadsheetml.sheet.main+xml")
        let sheet = files.url.appendingPathComponent("REGNEARK").path
        try ZipFixture.write(sheet, from: Self.fixture("seed.docx"), parts: ["[Content_Types].xml": Array(types.utf8)])
        #expect(!ArticleLoader().takes(path: sheet))
        #expect(throws: IngestionError.unsupportedFormat("")) { try ArticleLoader().load(path: sheet) }
    }

    @Test func templatesAndMacroEnabledDocumentsAreRead() throws {
        for (fixture, format) in [("seed.dotx", ArticleFormat.docx), ("seed.ott", .odt)] {
            let article = try ArticleLoader().load(path: Self.fixture(fixture))
            #expect(article.format == format)
            #expect(article.metadata == ArticleMetadata(title: "Når ens erfaringer får en anden værdi", author: "Peer-nyt", date: "2021-09-01"))
            #expect(article.text.split(separator: "\n").contains("Ens erfaringer får en anden værdi"))
        }
        // A macro-enabled document is a .docx whose main part says so; its macros are not read.
        var types = try ZipFixture.read("[Content_Types].xml", of: Self.fixture("seed.docx"))
        types = types.replacingOccurrences(of: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                           with: "application/vnd.ms-word.document.macroEnabled.main+xml")
        let docm = files.url.appendingPathComponent("makro.docm").path
        try ZipFixture.write(docm, from: Self.fixture("seed.docx"), parts: ["[Content_Types].xml": Array(types.utf8)])
        #expect(try ArticleLoader().load(path: docm).metadata.title == "Når ens erfaringer får en anden værdi")
        // A spreadsheet template named .ott is refused by its mimetype.
        let sheet = files.url.appendingPathComponent("regneark.ott").path
        try ZipFixture.write(sheet, from: Self.fixture("seed.ott"), parts: ["mimetype": Array("application/vnd.oasis.opendocument.spreadsheet-template".utf8)])
        #expect(throws: IngestionError.extractionFailed("not an OpenDocument text (its mimetype is application/vnd.oasis.opendocument.spreadsheet-template)")) {
            try ArticleLoader().load(path: sheet)
        }
    }

    @Test func aWordFileSavedWithAPasswordIsRefusedAndSoIsAWord97FileNamedDocx() throws {
        #expect(throws: IngestionError.extractionFailed("encrypted Word document (password required)")) {
            try ArticleLoader().load(path: Self.fixture("seed-encrypted.docx"))
        }
        let doc = files.url.appendingPathComponent("gammel.docx").path
        try FileManager.default.copyItem(atPath: Self.fixture("seed.doc"), toPath: doc)
        #expect(throws: IngestionError.extractionFailed("not a Word 2007+ file (an OLE2 compound file, such as a Word 97-2003 .doc)")) {
            try ArticleLoader().load(path: doc)
        }
    }

    @Test func anOpenDocumentSavedWithAPasswordIsRefused() throws {
        // Its manifest lists encryption data for content.xml, which is ciphertext.
        #expect(throws: IngestionError.extractionFailed("encrypted document (content.xml is password-protected)")) {
            try ArticleLoader().load(path: Self.fixture("seed-encrypted.odt"))
        }
    }

    @Test(arguments: [("xml-bomb.docx", "word/document.xml"), ("xml-bomb.odt", "content.xml"), ("xml-bomb.epub", "EPUB/content.opf")])
    func anXMLBombIsRefused(file: String, part: String) throws {
        #expect(throws: IngestionError.extractionFailed("\(part) is an XML bomb (entities that expand without bound)")) {
            try ArticleLoader().load(path: Self.fixture(file))
        }
    }

    @Test func anXMLBombInTheMetadataIsRefusedToo() throws {
        // Metadata text is read with its entities expanded: libxml2 must have refused the bomb first.
        var core = try ZipFixture.read("docProps/core.xml", of: Self.fixture("seed.docx"))
        let lol = "<!ENTITY lol \"lol\">" + (1...9).map { level in
            "<!ENTITY lol\(level) \"\(String(repeating: level == 1 ? "&lol;" : "&lol\(level - 1);", count: 10))\">"
        }.joined()
        core = core.replacingOccurrences(of: "<cp:coreProperties", with: "<!DOCTYPE cp:coreProperties [\(lol)]><cp:coreProperties")
        core = core.replacingOccurrences(of: "<dc:title>", with: "<dc:title>&lol9;")
        let path = files.url.appendingPathComponent("bombe-i-titel.docx").path
        try ZipFixture.write(path, from: Self.fixture("seed.docx"), parts: ["docProps/core.xml": Array(core.utf8)])
        #expect(throws: IngestionError.extractionFailed("docProps/core.xml is an XML bomb (entities that expand without bound)")) {
            try ArticleLoader().load(path: path)
        }
    }

    @Test func aZipThatIsNoWordDocumentIsRefusedWithAReason() throws {
        let path = files.url.appendingPathComponent("regneark.docx").path
        let odt = Self.fixture("seed.odt")
        try FileManager.default.copyItem(atPath: odt, toPath: path)
        #expect(throws: IngestionError.extractionFailed("not a Word document (no word/document.xml in the zip)")) {
            try ArticleLoader().load(path: path)
        }
        let text = try files.write("tekst.odt", "Når ens erfaringer får en anden værdi")
        let error = #expect(throws: IngestionError.self) { try ArticleLoader().load(path: text) }
        #expect(error?.description.hasPrefix("truncated or damaged zip container") == true)
    }
}
