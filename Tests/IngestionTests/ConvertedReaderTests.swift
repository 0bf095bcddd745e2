import Foundation
import Ingestion
import Testing

/// RTF (through unrtf), Word 97–2003 .doc (through antiword) and password-protected PDFs
/// (through pdftotext), on the seed article as pandoc and LibreOffice wrote it
/// (Tests/Fixtures/formats/make-fixtures.sh), and files they cannot read.
@Suite struct ConvertedReaderTests {
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("converted")
    }

    @Test(arguments: [("seed.rtf", ArticleFormat.rtf), ("seed.doc", .doc)])
    func theSeedArticleIsReadWithItsMetadataAndOneLinePerParagraph(file: String, format: ArticleFormat) throws {
        let article = try ArticleLoader().load(path: OfficeReaderTests.fixture(file))
        #expect(article.format == format)
        #expect(article.metadata.title == "Når ens erfaringer får en anden værdi")
        #expect(article.metadata.author == "Peer-nyt")
        #expect(article.metadata.date == "2021-09-01")
        let lines = article.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.prefix(5) == ["Når ens erfaringer får en anden værdi", "Peer-nyt", "2021-09-01",
                                    "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI", "MØD EN PEER"])
        #expect(lines.contains("Ens erfaringer får en anden værdi"))
        #expect(lines.last?.hasPrefix("I Anders nuværende stilling faciliterer han ikke direkte peer-støtte.") == true)
        #expect(lines.last?.contains("\"Det er, at mine erfaringer får en anden værdi. Og at det at dele,") == true)
    }

    @Test func aPDFWithAnOwnerPasswordIsReadOneThatNeedsAPasswordIsRefused() throws {
        // Copying forbidden by its owner password: it opens without one, and is read.
        let owner = try ArticleLoader().load(path: OfficeReaderTests.fixture("seed-owner-password.pdf"))
        #expect(owner.metadata.title == "Når ens erfaringer får en anden værdi")
        #expect(owner.text.contains("Ens erfaringer får en anden værdi"))
        #expect(throws: IngestionError.extractionFailed("encrypted PDF (password required)")) {
            try ArticleLoader().load(path: OfficeReaderTests.fixture("seed-encrypted.pdf"))
        }
    }

    @Test func rtfUnicodeWithAPlainFallbackKeepsTheLetterAfterIt() throws {
        // As pandoc writes it (\u229? …): unrtf alone drops the r of "får". As Word writes it (\u229\'e5).
        let path = try files.write("citat.rtf", #"""
            {\rtf1\ansi{\info{\title V\u230?rdi}}{\pard mine erfaringer f\u229?r en anden v\u230 ?rdi, \\u229? og {\u248}\par}
            {\pard \u8220?f\u229\'e5r\u8221?\par}}
            """#)
        let article = try ArticleLoader().load(path: path)
        #expect(article.text == "mine erfaringer får en anden værdi, \\u229? og ø\n“får”\n")
        #expect(article.metadata.title == "Værdi")
    }

    @Test func filesTheToolsCannotReadAreRefusedWithAReason() throws {
        #expect(throws: IngestionError.extractionFailed("not an RTF file (no {\\rtf header)")) {
            try ArticleLoader().load(path: try files.write("notat.rtf", "Når ens erfaringer får en anden værdi"))
        }
        #expect(throws: IngestionError.extractionFailed("not a Word 97-2003 document antiword can read (exit 1)")) {
            try ArticleLoader().load(path: try files.write("notat.doc", "Når ens erfaringer får en anden værdi"))
        }
        let truncated = Array(try Data(contentsOf: URL(fileURLWithPath: OfficeReaderTests.fixture("seed.doc"))).prefix(4096))
        #expect(throws: IngestionError.self) { try ArticleLoader().load(path: try files.write("halv.doc", truncated)) }
    }

    @Test func aMissingToolNamesItsDebianPackage() {
        #expect(IngestionError.toolMissing(tool: "antiword", package: "antiword").description
                == "antiword is not installed (apt-get install antiword)")
    }
}
