import Foundation
import Ingestion
import Testing

/// E-mail read with GMime: RFC 2047 encoded headers in several charsets, quoted-printable and
/// base64 bodies, the text/html part when there is no text/plain one, attachments as articles
/// of their own (`brev.eml#bilag.pdf`, `mail.mbox#3/bilag.pdf`), and what is not mail refused.
@Suite struct MailReaderTests {
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("mail")
    }

    /// A message with CRLF line ends, as mail travels.
    func message(_ headers: [String], body: String) -> String {
        (headers + ["", body]).joined(separator: "\r\n")
    }

    @Test func encodedWordsInHeadersAreDecodedInTheirCharsets() throws {
        let path = try files.write("brev.eml", message([
            "From: =?iso-8859-1?q?S=F8ren_=C6r=F8?= <soeren@example.dk>",
            "Subject: =?utf-8?b?TsOlciBlbnMgZXJmYXJpbmdlcg==?= =?utf-8?q?_f=C3=A5r_en_anden_v=C3=A6rdi?=",
            "Date: Wed, 01 Sep 2021 23:30:00 +0200",
            "Message-ID: <abc.123@peer-nyt.dk>",
            "Content-Type: text/plain; charset=utf-8",
        ], body: "Brødtekst.\r\n"))
        let loaded = try ArticleLoader().loadParts(path: path)
        let article = try #require(loaded.articles.first)
        #expect(loaded.articles.count == 1 && loaded.failures.isEmpty)
        #expect(article.path == path)
        #expect(article.format == .eml)
        #expect(article.metadata.title == "Når ens erfaringer får en anden værdi")
        #expect(article.metadata.author == "Søren Ærø")
        // The sender's day, not UTC's (21:30Z).
        #expect(article.metadata.date == "2021-09-01")
        #expect(article.metadata.messageID == "abc.123@peer-nyt.dk")
        #expect(article.text == "Brødtekst.\n")
    }

    @Test func aSenderWithoutANameIsItsAddress() throws {
        let path = try files.write("adresse.eml", message(["From: redaktion@peer-nyt.dk", "Subject: Hej"], body: "Tekst\r\n"))
        #expect(try ArticleLoader().load(path: path).metadata.author == "redaktion@peer-nyt.dk")
    }

    @Test func quotedPrintableLatin1AndBase64UTF8BodiesAreDecoded() throws {
        let latin1 = try files.write("qp.eml", message([
            "Subject: qp", "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable",
        ], body: "mine erfaringer f=E5r en anden v=E6r=\r\ndi\r\n"))
        #expect(try ArticleLoader().load(path: latin1).text == "mine erfaringer får en anden værdi\n")
        let utf8 = try files.write("b64.eml", message([
            "Subject: b64", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
        ], body: Data("Ærlige ord om peer-støtte\n".utf8).base64EncodedString()))
        #expect(try ArticleLoader().load(path: utf8).text == "Ærlige ord om peer-støtte\n")
    }

    @Test func theHTMLPartIsReadWhenThereIsNoPlainOne() throws {
        let path = try files.write("html.eml", message([
            "Subject: Nyhedsbrev", "MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=b",
        ], body: "--b\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<html><body><p>En <b>recoveryorienteret</b> indsats i bost=E6derne</p><script>x()</script></body></html>\r\n--b--\r\n"))
        let article = try ArticleLoader().load(path: path)
        #expect(article.text.contains("En recoveryorienteret indsats i bostæderne"))
        #expect(!article.text.contains("<b>") && !article.text.contains("x()"))
    }

    @Test func theSeedMessageAndItsPDFAttachmentAreArticlesOfTheirOwn() throws {
        let path = OfficeReaderTests.fixture("seed.eml")
        let loaded = try ArticleLoader().loadParts(path: path)
        #expect(loaded.failures.isEmpty)
        #expect(loaded.articles.map(\.path) == [path, path + "#bilag.pdf"])
        #expect(loaded.articles.allSatisfy { $0.partOf == path })
        let message = loaded.articles[0]
        #expect(message.metadata.title == "Når ens erfaringer får en anden værdi")
        #expect(message.metadata.author == "Redaktionen på Peer-nyt")
        #expect(message.metadata.date == "2021-09-01")
        #expect(message.text.contains("mine erfaringer får en anden værdi"))
        let attachment = loaded.articles[1]
        #expect(attachment.format == .pdf)
        #expect(attachment.pageLines.count == 2)
        #expect(attachment.text.contains("erfaringer får en anden værdi"))
    }

    @Test func aMailboxIsOneArticlePerMessageByPosition() throws {
        let path = OfficeReaderTests.fixture("seed.mbox")
        let loaded = try ArticleLoader().loadParts(path: path)
        #expect(loaded.failures.isEmpty)
        #expect(loaded.articles.map(\.path) == ["#1", "#2", "#3", "#3/bilag.pdf", "#4"].map { path + $0 })
        #expect(loaded.articles.map(\.metadata.title) == [
            "Mødeindkaldelse: netværket i Aarhus", "Nyhedsbrev: Recovery i praksis",
            "Når ens erfaringer får en anden værdi", "Når ens erfaringer får en anden værdi", "Tilmelding til kursus",
        ])
        #expect(loaded.articles[0].metadata.author == "Søren Ærø")
        #expect(loaded.articles[1].text.contains("Kommunerne arbejder med en recoveryorienteret indsats i bostederne."))
        #expect(loaded.articles[2].metadata.messageID == "seed-2021-09@peer-nyt.dk")
    }

    @Test func whatIsNotMailIsRefusedWithAReason() throws {
        let loader = ArticleLoader()
        let garbage = try files.write("garbage.mbox", Array((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }))
        #expect(throws: IngestionError.extractionFailed("not a mailbox (no \"From \" line at its start)")) {
            try loader.loadParts(path: garbage)
        }
        let noHeaders = try files.write("garbage.eml", "\u{1}\u{2}\u{3} just some bytes\n\nand more")
        #expect(throws: IngestionError.extractionFailed("not an e-mail message (no From, Subject, Date or Message-ID header)")) {
            try loader.loadParts(path: noHeaders)
        }
    }

    @Test func multipartsNestedPastTheLimitAreLeftOutWithANote() throws {
        let depth = 200
        var body = ""
        for level in 0..<depth { body += "--b\(level)\r\nContent-Type: multipart/mixed; boundary=b\(level + 1)\r\n\r\n" }
        body += "--b\(depth)\r\nContent-Type: text/plain\r\n\r\ndybt inde\r\n"
        for level in (0...depth).reversed() { body += "--b\(level)--\r\n" }
        let path = try files.write("dyb.eml", message(["Subject: Dyb", "Content-Type: multipart/mixed; boundary=b0"], body: body))
        let article = try ArticleLoader().load(path: path)
        #expect(article.metadata.title == "Dyb")
        #expect(!article.text.contains("dybt inde"))
        #expect(article.notes.first?.contains("nested deeper than 16 levels") == true)
    }
}
