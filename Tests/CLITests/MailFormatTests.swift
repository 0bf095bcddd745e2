import Foundation
import Testing

/// E-mail indexed end to end: an .eml is one article and an .mbox one per message
/// (`seed.mbox#3`), each with its decoded subject, sender and date; a PDF attachment is an
/// article of its own (`seed.eml#bilag.pdf`, `seed.mbox#3/bilag.pdf`) cited by page; a message
/// deleted from a mailbox goes from the index at the next run, the mailbox's other articles
/// stay while it is there and all go with it; a mailbox of 10,000 messages is indexed within
/// bounded memory; what is not mail is one skip line.
@Suite struct MailFormatTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let fixtures = DocumentFormatTests.fixtures
    static let quote = "\"erfaringer får en anden værdi\""
    static let seedTitle = "Når ens erfaringer får en anden værdi"
    /// Words of the HTML-only message only.
    static let htmlMessage = "\"recoveryorienteret indsats\""

    func copy(_ name: String) throws {
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: workspace.corpus.appendingPathComponent(name))
    }

    /// The hits of `query`, by their paths relative to the corpus folder; every one, also
    /// byte-identical ones (the .eml's and the mailbox's attachment are one PDF).
    func hits(_ query: String) throws -> [String: [String: Any]] {
        var byPath: [String: [String: Any]] = [:]
        for hit in try workspace.searchJSON(query, "--all").hits {
            let path = hit["path"] as? String ?? ""
            byPath[String(path.dropFirst(workspace.corpus.path.count + 1))] = hit
        }
        return byPath
    }

    @Test func theSeedQuoteIsFoundInTheMessageTheRightMailboxMessageAndTheirAttachments() throws {
        try copy("seed.eml")
        try copy("seed.mbox")
        let output = try workspace.indexCorpus()
        #expect(output.status == 0, "\(output.stderr)")
        // 2 text files, the .eml and its attachment, the mailbox's 4 messages and 1 attachment.
        #expect(output.stdout == "9 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")

        let found = try hits(Self.quote)
        #expect(Set(found.keys) == [Workspace.portrait, "seed.eml", "seed.eml#bilag.pdf", "seed.mbox#3", "seed.mbox#3/bilag.pdf"])
        for message in ["seed.eml", "seed.mbox#3"] {
            let hit = try #require(found[message])
            #expect(hit["title"] as? String == Self.seedTitle)
            #expect(hit["author"] as? String == "Redaktionen på Peer-nyt")
            #expect(hit["date"] as? String == "2021-09-01")
        }
        for attachment in ["seed.eml#bilag.pdf", "seed.mbox#3/bilag.pdf"] {
            let hit = try #require(found[attachment])
            let passages = hit["passages"] as? [[String: Any]] ?? []
            #expect(passages.contains { $0["page"] as? Int == 2 && $0["line"] as? Int == 40 }, "\(passages)")
        }
        // The HTML-only message, by its text and its decoded subject.
        #expect(Set(try hits(Self.htmlMessage).keys) == ["seed.mbox#2"])
        #expect(try hits(Self.htmlMessage)["seed.mbox#2"]?["title"] as? String == "Nyhedsbrev: Recovery i praksis")
        #expect(Set(try hits("author:\"Søren Ærø\"").keys) == ["seed.mbox#1"])

        for (part, format) in [("seed.eml", "eml"), ("seed.mbox#3", "mbox"), ("seed.mbox#3/bilag.pdf", "pdf")] {
            let shown = try workspace.peersearch("show", workspace.corpus.appendingPathComponent(part).path, "--index", workspace.index, "--json")
            #expect(shown.status == 0)
            #expect(shown.stdout.contains("\"format\":\"\(format)\""), "\(shown.stdout.prefix(300))")
        }

        let shown = try workspace.peersearch("show", workspace.corpus.appendingPathComponent("seed.mbox#3").path, "--index", workspace.index)
        #expect(shown.stdout.contains("\nmessage: seed-2021-09@peer-nyt.dk\n"), "\(shown.stdout.prefix(300))")

        let again = try workspace.indexCorpus()
        #expect(again.stdout == "0 new, 0 updated, 0 removed, 0 skipped (4 unchanged)\n")
    }

    @Test func aMessageDeletedFromTheMailboxGoesAndTheMailboxGoesWhole() throws {
        try copy("seed.mbox")
        #expect(try workspace.indexCorpus().status == 0)
        #expect(Set(try hits(Self.htmlMessage).keys) == ["seed.mbox#2"])

        // Message 2 (the HTML one) deleted: the messages after it move up one place.
        let mailbox = workspace.corpus.appendingPathComponent("seed.mbox")
        let messages = try String(contentsOf: mailbox, encoding: .utf8).components(separatedBy: "\nFrom ")
        #expect(messages.count == 4)
        try (messages[0] + "\nFrom " + messages[2] + "\nFrom " + messages[3]).write(to: mailbox, atomically: true, encoding: .utf8)
        let output = try workspace.indexCorpus()
        #expect(output.status == 0, "\(output.stderr)")
        // #1, #2, #3 rewritten, #2/bilag.pdf new, #3/bilag.pdf and #4 gone.
        #expect(output.stdout == "1 new, 3 updated, 2 removed, 0 skipped (2 unchanged)\n")
        #expect(try workspace.search(Self.htmlMessage, "--exact").status == 1)
        #expect(Set(try hits(Self.quote).keys) == [Workspace.portrait, "seed.mbox#2", "seed.mbox#2/bilag.pdf"])
        #expect(Set(try hits("tilmeldingen").keys) == ["seed.mbox#3"])
        let stats = try workspace.peersearch("stats", "--index", workspace.index, "--json")
        #expect(stats.stdout.contains("\"documents\":6"), "\(stats.stdout)")

        try FileManager.default.removeItem(at: mailbox)
        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 4 removed, 0 skipped (2 unchanged)\n")
        #expect(Set(try hits(Self.quote).keys) == [Workspace.portrait])
    }

    @Test func removeTakesOneMessageOrTheWholeMailboxAndTheNextRunCompletesIt() throws {
        try copy("seed.mbox")
        #expect(try workspace.indexCorpus().status == 0)
        let mailbox = workspace.corpus.appendingPathComponent("seed.mbox").path
        let one = try workspace.peersearch("remove", mailbox + "#2", "--index", workspace.index)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try workspace.search(Self.htmlMessage, "--exact").status == 1)
        #expect(Set(try hits(Self.quote).keys) == [Workspace.portrait, "seed.mbox#3", "seed.mbox#3/bilag.pdf"])
        // As a file's article does, the message comes back with the next run: the mailbox's
        // articles record that it has 5, so 4 of them are not taken as the mailbox unchanged
        // (nor are those a run killed while storing them left).
        let again = try workspace.indexCorpus()
        #expect(again.stdout == "1 new, 4 updated, 0 removed, 0 skipped (2 unchanged)\n")
        #expect(Set(try hits(Self.htmlMessage).keys) == ["seed.mbox#2"])
        #expect(try workspace.peersearch("remove", mailbox, "--index", workspace.index).status == 0)
        #expect(Set(try hits(Self.quote).keys) == [Workspace.portrait])
    }

    @Test func whatIsNotMailIsOneSkipLineAndTheRestIsIndexed() throws {
        try workspace.write("garbage.mbox", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        try workspace.write("garbage.eml", Array("\u{1}\u{2} nothing like a message\n\nat all".utf8))
        let output = try workspace.indexCorpus()
        #expect(output.status == 0)
        #expect(output.stdout == "2 new, 0 updated, 0 removed, 2 skipped (0 unchanged)\n")
        let skipped = output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.hasSuffix("garbage.mbox: not a mailbox (no \"From \" line at its start)") })
        #expect(skipped.contains { $0.hasSuffix("garbage.eml: not an e-mail message (no From, Subject, Date or Message-ID header)") })
    }

    @Test func aMailboxOfTenThousandMessagesIsIndexedInBoundedMemory() throws {
        try FileManager.default.removeItem(at: workspace.corpus)
        try FileManager.default.createDirectory(at: workspace.corpus, withIntermediateDirectories: true)
        let words = ["peer", "medarbejder", "erfaringer", "recovery", "bosted", "kommune", "psykiatri", "værdi", "støtte"]
        var mailbox = ""
        // About 3.6 KB a message, 36 MB in all, with numbered words, so each message has terms of its own.
        for number in 1...10_001 {
            let body = (0..<300).map { words[($0 * 7 + number) % words.count] + String(($0 * 31 + number) % 997) }.joined(separator: " ")
            mailbox += "From x@example.dk Wed Sep  1 00:00:00 2021\nFrom: Afsender \(number) <a\(number)@example.dk>\n"
                + "Subject: Besked \(number)\nDate: Wed, 01 Sep 2021 10:00:00 +0200\n\nbesked\(number) \(body)\n\n"
        }
        try workspace.write("stor.mbox", Array(mailbox.utf8))
        let indexed = try workspace.runner.measure(["index", workspace.corpus.path, "--index", workspace.index])
        #expect(indexed.output.status == 0, "\(indexed.output.stderr)")
        #expect(indexed.output.stdout == "10000 new, 0 updated, 0 removed, 1 skipped (0 unchanged)\n")
        #expect(indexed.output.stderr.hasSuffix("stor.mbox#10001: the mailbox has more than 10000 messages; the rest are not indexed\n"))
        // All its documents built at once took 1.3 GB.
        #expect(indexed.peakBytes < 450 << 20, "indexing took \(indexed.peakBytes >> 20) MB")
        #expect(Set(try hits("besked9999").keys) == ["stor.mbox#9999"])
    }
}
