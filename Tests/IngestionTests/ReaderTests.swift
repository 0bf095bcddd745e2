import Foundation
import Ingestion
import Testing

/// Reading files of every format into articles, with their metadata.
@Suite struct ReaderTests {
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("readers")
    }

    static var seedsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus")
    }

    @Test func seedArticleMetadataComesFromItsLines() throws {
        let path = Self.seedsFolder.appendingPathComponent("bostedsleder-peer-medarbejderen-saetter-skub-i-recovery-orienteringen.txt").path
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata.title == "Bostedsleder: Peer-medarbejderen sætter skub i recovery-orienteringen – Peer-Netværket Danmark")
        #expect(article.metadata.author == "Lars Holmboe")
        #expect(article.metadata.source == "Bostedsleder: Peer-medarbejderen sætter skub i recovery-orienteringen – Peer-Netværket Danmark")
        #expect(article.titleIsInText)
        #expect(article.format == .text)
    }

    @Test func portraitTitleIsTheFirstNonEmptyLineAndTheDateComesFromTheFileName() throws {
        let article = try ArticleLoader().load(path: Self.seedsFolder.appendingPathComponent("2021-moed-en-peer-anders-lindberg.txt").path)
        #expect(article.metadata.title == "NÅR ENS ERFARINGER FÅR EN ANDEN VÆRDI")
        #expect(article.metadata.date == "2021")
    }

    @Test func windowsLineEndsSeparateTitleAndLabelledLines() throws {
        let path = try files.write("crlf.txt", "Peer-arbejde i Aarhus\r\n\r\n  Forfatter: Mette Holm\r\nDato: 2022-05-01\r\nTekst om recovery.\r\n")
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata.title == "Peer-arbejde i Aarhus")
        #expect(article.metadata.author == "Mette Holm")
        #expect(article.metadata.date == "2022-05-01")
    }

    @Test func onlyShortLabelsBeforeAColonAreMetadata() throws {
        let path = try files.write("etiketter.txt", "Titel\nHvad er kilde: ikke en etiket\nKilde: Peer-Netværket\nlangtfraetiketten: nej\n")
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata.source == "Peer-Netværket")
        #expect(article.metadata.author == nil)
    }

    @Test func aManPageTakesItsTitleFromItsNameSection() throws {
        let path = try files.write("rmdir.1.txt", """
            RMDIR(1)                       Brugerkommandoer                       RMDIR(1)

            NAVN
                   rmdir - fjern tomme mapper

            SYNOPSIS
                   rmdir [FLAG]... KATALOG...
            """)
        #expect(try ArticleLoader().load(path: path).metadata.title == "rmdir - fjern tomme mapper")
    }

    @Test func windows1252TextIsDecodedAndTheFallbackReported() throws {
        // "Værdi på øen" in Windows-1252: æ = E6, å = E5, ø = F8.
        let path = try files.write("gammel.txt", [0x56, 0xE6, 0x72, 0x64, 0x69, 0x20, 0x70, 0xE5, 0x20, 0xF8, 0x65, 0x6E])
        let article = try ArticleLoader().load(path: path)
        #expect(article.text == "Værdi på øen")
        #expect(article.notes.contains { $0.contains("Windows-1252") })
    }

    @Test func windows1252TextWithAChanceUTF8PairStaysWindows1252() throws {
        // "Æ’ er værdi på øen": C6 92 (Æ’) happens to be valid UTF-8, the other letters are not.
        let bytes: [UInt8] = [0xC6, 0x92, 0x20, 0x65, 0x72, 0x20, 0x76, 0xE6, 0x72, 0x64, 0x69, 0x20, 0x70, 0xE5, 0x20, 0xF8, 0x65, 0x6E]
        let article = try ArticleLoader().load(path: try files.write("gammel2.txt", bytes))
        #expect(article.text == "Æ’ er værdi på øen")
        #expect(article.notes == ["not valid UTF-8; decoded as Windows-1252"])
    }

    @Test func utf8WithAFewStrayBytesKeepsItsUTF8AndCountsTheReplacedBytes() throws {
        // A stray Latin-1 byte (E6) and a broken sequence (C3 without its second byte) in UTF-8.
        let text = "Når ens erfaringer får en anden værdi\nDet giver plads til rummelighed, undren og spejling.\n"
        var bytes = Array(text.utf8)
        bytes.insert(0xE6, at: 5)
        bytes.append(contentsOf: [0x6F, 0x6B, 0xC3, 0x0A])
        let article = try ArticleLoader().load(path: try files.write("skadet.txt", bytes))
        #expect(article.text.contains("erfaringer får en anden værdi"))
        #expect(article.text.contains("rummelighed, undren og spejling."))
        #expect(article.text.hasPrefix("Når \u{FFFD}ens"))
        #expect(article.text.hasSuffix("ok\u{FFFD}\n"))
        #expect(article.notes == ["2 bytes not valid UTF-8, replaced by U+FFFD"])
    }

    /// `text` in UTF-16 with its byte order mark.
    private static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + text.utf16.flatMap { unit -> [UInt8] in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    @Test(arguments: [false, true]) func utf16WithAByteOrderMarkIsDecodedInEveryTextFormat(bigEndian: Bool) throws {
        let name = bigEndian ? "UTF-16BE" : "UTF-16LE"
        let samples: [(String, String, ArticleFormat)] = [
            ("notat.txt", "Værdi på øen\nTekst om spejling 🙂.\n", .text),
            ("notat.md", "# Værdi på øen\n\nTekst om *spejling* 🙂.\n", .markdown),
            ("notat.html", "<html><head><meta charset=\"utf-16\"><title>Værdi på øen</title></head><body><p>Tekst om spejling 🙂.</p></body></html>", .html),
            ("NOTAT", "Værdi på øen\nTekst om spejling 🙂.\n", .text),
            ("SIDE", "<!DOCTYPE html><html><title>Værdi på øen</title><p>Tekst om spejling 🙂.</p></html>", .html),
        ]
        for (file, content, format) in samples {
            let path = try files.write(file, Self.utf16(content, bigEndian: bigEndian))
            #expect(ArticleLoader().takes(path: path), "\(file)")
            let article = try ArticleLoader().load(path: path)
            #expect(article.format == format, "\(file)")
            #expect(article.metadata.title == "Værdi på øen", "\(file)")
            #expect(article.text.contains("spejling 🙂."), "\(file)")
            #expect(article.notes == ["decoded as \(name)"], "\(file)")
        }
    }

    @Test func invalidUTF16IsReplacedOrRefusedWithAReason() throws {
        // A lone high surrogate (D83D with no low one after it) and an odd last byte.
        var bytes = Self.utf16("Værdi på øen\nTekst om spejling.\n", bigEndian: false)
        bytes.insert(contentsOf: [0x3D, 0xD8], at: 4)
        bytes.append(0x41)
        let article = try ArticleLoader().load(path: try files.write("ulige.txt", bytes))
        #expect(article.text == "V\u{FFFD}ærdi på øen\nTekst om spejling.\n\u{FFFD}")
        #expect(article.notes == ["decoded as UTF-16LE; 3 bytes not valid UTF-16, replaced by U+FFFD"])

        // Mostly lone surrogates: not text that happens to be damaged.
        let surrogates: [UInt8] = [0xFF, 0xFE] + Array(repeating: [0x00, 0xDC, 0x41, 0x00], count: 50).joined()
        let error = #expect(throws: IngestionError.self) { try ArticleLoader().load(path: try files.write("surrogater.txt", surrogates)) }
        #expect(error?.description == "starts as UTF-16 (a byte order mark), but 100 of its 200 bytes are not valid UTF-16")
        #expect(throws: IngestionError.binary) {
            try ArticleLoader().load(path: try files.write("nul.txt", [0xFE, 0xFF, 0x00, 0x00, 0x00, 0x41]))
        }
    }

    @Test func binaryEmptyAndOversizedFilesAreRefusedWithAReason() throws {
        let binary = try files.write("billede.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        #expect(throws: IngestionError.binary) { try ArticleLoader().load(path: binary) }
        let empty = try files.write("tom.txt", [])
        #expect(throws: IngestionError.empty) { try ArticleLoader().load(path: empty) }
        let blank = try files.write("blank.md", "   \n\n  ")
        #expect(throws: IngestionError.empty) { try ArticleLoader().load(path: blank) }
        let large = try files.write("stor.txt", String(repeating: "ord ", count: 300))
        #expect(throws: IngestionError.tooLarge(bytes: 1200, limit: 1000)) {
            try ArticleLoader(maximumFileBytes: 1000).load(path: large)
        }
        #expect(throws: IngestionError.self) { try ArticleLoader().load(path: files.url.appendingPathComponent("findes-ikke.txt").path) }
    }

    @Test func htmlIsParsedWithoutScriptsStylesAndNavigation() throws {
        let path = try files.write("side.html", """
            <!DOCTYPE html><html><head><title>Peer-arbejde i praksis</title>
            <meta name="author" content="Linda Engelbreht"><meta property="og:site_name" content="Peer-Netværket Danmark">
            <meta name="date" content="2017-03-05"><style>p { color: red }</style></head>
            <body><nav>Forside Om os</nav><header>Sidehoved</header>
            <article><h1>Brugerperspektivet</h1><p>Brugerperspektivet på <em>dags</em>ordenen &amp; mere.</p></article>
            <script>document.write("skjult tekst")</script><p>Broken <b>html
            """)
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata == ArticleMetadata(title: "Peer-arbejde i praksis", author: "Linda Engelbreht",
                                                    source: "Peer-Netværket Danmark", date: "2017-03-05"))
        #expect(article.text.contains("Brugerperspektivet på dagsordenen & mere."))
        #expect(article.text.contains("Broken html"))
        for hidden in ["color", "skjult", "Forside", "Sidehoved"] {
            #expect(!article.text.contains(hidden), "\(hidden) should not be article text")
        }
        #expect(!article.titleIsInText)
    }

    @Test func htmlLinesFollowTheSourceFile() throws {
        let path = try files.write("linjer.html", "<html><body>\n<p>første</p>\n\n\n<p>femte\nsjette</p></body></html>")
        let text = try ArticleLoader().load(path: path).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "første")
        #expect(lines[4] == "femte")
        #expect(lines[5] == "sjette")
    }

    @Test func markdownKeepsItsLinesAndDropsLinkTargetsAndTags() throws {
        let path = try files.write("linjer.md", """
            Overskrift
            ==========

            > Et *citat* med `kode` og <span class="x">html</span>.
            - punkt med ![billede af Aarhus](aarhus.png)
            [ref]: https://example.org/skjult

            ```
            kodeblok linje
            ```
            """)
        let article = try ArticleLoader().load(path: path)
        let lines = article.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(article.metadata.title == "Overskrift")
        #expect(lines[3] == "Et citat med kode og html.")
        #expect(lines[4] == "punkt med billede af Aarhus")
        #expect(lines[8] == "kodeblok linje")
        #expect(!article.text.contains("example") && !article.text.contains("png") && !article.text.contains("span"))
    }

    @Test func markdownFrontMatterAndHeadingsAreRead() throws {
        let path = try files.write("note.md", """
            ---
            author: Kasper Futtrup
            date: 5. marts 2021
            ---
            # Peer-støtte i hverdagen

            Det er **vigtigt** at have [ligestillede](https://example.org) kolleger.
            """)
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata.title == "Peer-støtte i hverdagen")
        #expect(article.metadata.author == "Kasper Futtrup")
        #expect(article.metadata.date == "2021-03-05")
        #expect(article.text.contains("Det er vigtigt at have ligestillede kolleger."))
        #expect(!article.text.contains("example.org"))
    }

    @Test func malformedMarkdownFrontMatterDoesNotCrash() throws {
        // Found by the fuzzer: Ink's metadata reader trapped on these.
        for (index, text) in ["---\n  ", "---\n\n", "\n---\n "].enumerated() {
            let path = try files.write("fuzz-\(index).md", text)
            #expect(throws: IngestionError.empty) { try ArticleLoader().load(path: path) }
        }
        let unclosed = try files.write("uafsluttet.md", "---\ntitle: x\n")
        #expect(try ArticleLoader().load(path: unclosed).text == "\ntitle: x\n")
        // Inputs the fuzzer found (Tests/Fixtures/fuzz) load or are refused, never trap.
        let fixtures = Self.seedsFolder.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/fuzz")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) {
            _ = try? ArticleLoader().load(path: fixtures.appendingPathComponent(name).path)
        }
        let rule = try files.write("regel.md", "---\n\nTekst efter en vandret streg.\n")
        #expect(try ArticleLoader().load(path: rule).text.contains("Tekst efter en vandret streg."))
    }

    @Test func pdfTextAndMetadataComeFromPoppler() throws {
        let path = Self.seedsFolder.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/peer-nyt.pdf").path
        let article = try ArticleLoader().load(path: path)
        #expect(article.format == .pdf)
        #expect(article.metadata.title == "Peer-nyt om erfaringer")
        #expect(article.metadata.author == "Peer-Netværket")
        #expect(article.metadata.date == "2021-03-05")
        #expect(article.text.contains("erfaringer får en anden værdi"))
    }

    @Test func brokenPDFIsRefusedWithAReason() throws {
        let path = try files.write("brudt.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >>\n% truncated")
        #expect(throws: IngestionError.self) { try ArticleLoader().load(path: path) }
        let fake = try files.write("falsk.pdf", "not a pdf at all")
        #expect(throws: IngestionError.extractionFailed("not a PDF file (no %PDF header)")) { try ArticleLoader().load(path: fake) }
    }

    @Test func datesInDanishAndISOFormsAreNormalised() {
        #expect(DateNormalizer.normalize("2021-03-05T10:00:00+01") == "2021-03-05")
        #expect(DateNormalizer.normalize("5. marts 2021") == "2021-03-05")
        #expect(DateNormalizer.normalize("05-03-2021") == "2021-03-05")
        #expect(DateNormalizer.normalize("maj 2017") == "2017-05")
        #expect(DateNormalizer.normalize("i går") == nil)
        #expect(DateNormalizer.fromFileName("2021-moed-en-peer.txt") == "2021")
        #expect(DateNormalizer.fromFileName("moede-2021.txt") == nil)
    }
}
