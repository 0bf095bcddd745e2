import Foundation
import Ingestion
import Testing

/// EPUB e-books, made by pandoc from a seed article (Tests/Fixtures/formats/make-fixtures.sh):
/// the spine read in order with the metadata of the package document, and its edited copies
/// with the spine reordered, an item missing, too many items, or one chapter read over and over.
@Suite struct EPUBReaderTests {
    let files: TemporaryFolder
    let seed = OfficeReaderTests.fixture("seed.epub")

    init() throws {
        files = try TemporaryFolder("epub")
    }

    /// A copy of the seed e-book whose package document has `spine` as its spine (and `edits`
    /// made to the rest).
    private func withSpine(_ name: String, _ spine: String, edits: [String: String] = [:]) throws -> String {
        var package = try ZipFixture.read("EPUB/content.opf", of: seed)
        for (old, new) in edits {
            #expect(package.contains(old))
            package = package.replacingOccurrences(of: old, with: new)
        }
        let start = try #require(package.range(of: "<spine toc=\"ncx\">"))
        let end = try #require(package.range(of: "</spine>"))
        package.replaceSubrange(start.upperBound..<end.lowerBound, with: spine)
        let path = files.url.appendingPathComponent(name).path
        try ZipFixture.write(path, from: seed, parts: ["EPUB/content.opf": Array(package.utf8)])
        return path
    }

    @Test func theSeedEBookIsReadInSpineOrderWithItsMetadata() throws {
        let article = try ArticleLoader().load(path: seed)
        #expect(article.format == .epub)
        #expect(article.metadata == ArticleMetadata(title: "Når ens erfaringer får en anden værdi", author: "Peer-nyt", date: "2021-09-01"))
        #expect(article.notes.isEmpty)
        let lines = article.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The title page (title, author, date), then the chapter, a block a line, no blank lines.
        #expect(lines.prefix(6) == ["Når ens erfaringer får en anden værdi", "Peer-nyt", "2021-09-01",
                                    "Når ens erfaringer får en anden værdi", "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI", "MØD EN PEER"])
        #expect(lines.contains("Ens erfaringer får en anden værdi"))
        #expect(lines.dropLast().allSatisfy { !$0.isEmpty } && lines.last == "")
        #expect(!article.text.contains("span.smallcaps"))  // the head's style is no text
    }

    @Test func theSpineDecidesTheOrderAndAMissingItemIsLeftOutWithANote() throws {
        // The chapter's href with `..`, `.`, a percent-escape and a fragment, all resolved.
        let path = try withSpine("omvendt.epub", """
            <itemref idref="ch001_xhtml" /><itemref idref="kapitel2" /><itemref idref="stylesheet1" />\
            <itemref idref="title_page_xhtml" />
            """, edits: ["href=\"text/ch001.xhtml\"": "href=\"styles/../text/./ch%30%301.xhtml#start\""])
        let article = try ArticleLoader().load(path: path)
        let lines = article.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Når ens erfaringer får en anden værdi")
        #expect(lines.suffix(3) == ["Når ens erfaringer får en anden værdi", "Peer-nyt", "2021-09-01"])
        #expect(lines.firstIndex(of: "MØD EN PEER") == 2)
        #expect(article.notes == ["1 of the EPUB's 4 spine documents are not in the zip, left out (kapitel2)"])
    }

    @Test func aSpineOverTheLimitIsRefused() throws {
        let spine = String(repeating: "<itemref idref=\"ch001_xhtml\"/>", count: 10_001)
        let path = try withSpine("lang.epub", spine)
        #expect(throws: IngestionError.extractionFailed("EPUB spine lists 10001 documents (the limit is 10000)")) {
            try ArticleLoader().load(path: path)
        }
    }

    @Test func oneChapterReadOverAndOverStopsAtTheSizeLimit() throws {
        // 100 readings of a 3.5 KB chapter: within the limit each, 350 KB together.
        let path = try withSpine("gentaget.epub", String(repeating: "<itemref idref=\"ch001_xhtml\"/>", count: 100))
        let error = #expect(throws: IngestionError.self) { try ArticleLoader(maximumFileBytes: 64 << 10).load(path: path) }
        #expect(error?.description == "zip entry EPUB/text/ch001.xhtml unpacks to more than the limit of 65536 bytes (a zip bomb?)")
        #expect(try ArticleLoader().load(path: path).text.components(separatedBy: "MØD EN PEER").count == 101)
    }

    @Test func aZipThatIsNoEBookIsRefusedWithAReason() throws {
        let odt = files.url.appendingPathComponent("tekst.epub").path
        try FileManager.default.copyItem(atPath: OfficeReaderTests.fixture("seed.odt"), toPath: odt)
        #expect(throws: IngestionError.extractionFailed("not an EPUB (its mimetype is application/vnd.oasis.opendocument.text)")) {
            try ArticleLoader().load(path: odt)
        }
        let noContainer = files.url.appendingPathComponent("uden.epub").path
        try ZipFixture.write(noContainer, from: OfficeReaderTests.fixture("seed.docx"), parts: ["mimetype": Array("application/epub+zip".utf8)])
        #expect(throws: IngestionError.extractionFailed("not an EPUB (no META-INF/container.xml in the zip)")) {
            try ArticleLoader().load(path: noContainer)
        }
    }
}
