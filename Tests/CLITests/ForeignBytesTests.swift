import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Bytes from outside that a plain String would lose or pass on: a file name that is not UTF-8
/// (kept as `PathText`), and control characters in article text (kept from the terminal).
@Suite struct ForeignBytesTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    /// Creates a file in the corpus folder whose name is `name`'s bytes, which need not be UTF-8
    /// (Foundation's file APIs would replace the bad ones).
    private func writeRaw(name: [UInt8], _ text: String) throws {
        let path = Array(workspace.corpus.path.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = open(path.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
    }

    @Test func aFileNameThatIsNotUTF8IsIndexedFoundRecognisedAndRemoved() throws {
        // `række.txt` and `50% række.txt` in Latin-1 (æ = E6), as an old system made them.
        let latin1 = Array("r".utf8) + [0xE6] + Array("kke.txt".utf8)
        try writeRaw(name: latin1, "Rækkehuset\nEn fortælling om trappeopgange og naboskab.\n")
        try writeRaw(name: Array("50% ".utf8) + latin1, "Halvdelen\nEn fortælling om trappeopgange og procenter.\n")

        let first = try workspace.indexCorpus()
        #expect(first.stdout == "4 new, 0 updated, 0 removed, 0 skipped (0 unchanged)\n")
        #expect(first.stderr == "")
        let paths = try workspace.searchJSON("trappeopgange").hits.compactMap { $0["path"] as? String }.sorted()
        let escaped = [workspace.corpus.path + "/50%25 r%E6kke.txt", workspace.corpus.path + "/r%E6kke.txt"]
        #expect(paths == escaped)
        let text = try workspace.search("naboskab")
        #expect(text.stdout.hasPrefix("Corpus/r%E6kke.txt\nRækkehuset "))
        let shown = try workspace.peersearch("show", "Corpus/r%E6kke.txt", "--index", workspace.index)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("path:    \(escaped[1])\ntitle:   Rækkehuset\n"))

        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 0 removed, 0 skipped (4 unchanged)\n")

        let latin1Path = Array(workspace.corpus.path.utf8) + [UInt8(ascii: "/")] + latin1
        #expect(unlink(latin1Path.map { CChar(bitPattern: $0) } + [0]) == 0)
        #expect(try workspace.indexCorpus().stdout == "0 new, 0 updated, 1 removed, 0 skipped (3 unchanged)\n")
        #expect(try workspace.searchJSON("trappeopgange").hitFileNames == ["50%25 r%E6kke.txt"])
    }

    @Test func aNameThatIsNotUTF8IsSkippedWhenItsEscapedFormNamesAnotherFile() throws {
        try workspace.write("r%E6kke.txt", Array("Bogstaveligt\nHedder virkelig sådan.\n".utf8))
        try writeRaw(name: Array("r".utf8) + [0xE6] + Array("kke.txt".utf8), "Latin-1\nEt andet navn.\n")
        let run = try workspace.indexCorpus()
        #expect(run.stdout == "3 new, 0 updated, 0 removed, 1 skipped (0 unchanged)\n")
        #expect(run.stderr == "skipped: \(workspace.corpus.path)/r%E6kke.txt: its name is not UTF-8, and written with %XX "
            + "escapes it is the name of another file\n")
        #expect(try workspace.searchJSON("bogstaveligt").hitFileNames == ["r%E6kke.txt"])
    }

    @Test func controlCharactersInArticlesNeverReachTheTerminal() throws {
        let article = "Skærm \u{1B}[31mrød\u{1B}[0m\nDenne linje rydder skærmen\u{1B}[2J\u{1B}]0;ny titel\u{07} og\u{9B}1m "
            + "nævner terminalrengøring.\r\n"
        try workspace.write("styring.txt", Array(article.utf8))
        try workspace.indexCorpus()

        let isControl: (Unicode.Scalar) -> Bool = {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        }
        let text = try workspace.search("terminalrengøring")
        #expect(text.status == 0)
        #expect(!text.stdout.unicodeScalars.contains(where: isControl))
        #expect(text.stdout.contains("Skærm ␛[31mrød␛[0m (exact"))
        #expect(text.stdout.contains("2:Denne linje rydder skærmen␛[2J␛]0;ny titel␇ og\u{FFFD}1m nævner terminalrengøring."))

        let shown = try workspace.peersearch("show", "Corpus/styring.txt", "--index", workspace.index)
        // CR LF line ends stay as they are.
        #expect(!shown.stdout.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.contains(where: isControl))
        #expect(shown.stdout.contains("title:   Skærm ␛[31mrød␛[0m\n"))

        let json = try workspace.searchJSON("terminalrengøring")
        let passage = (json.hits.first?["passages"] as? [[String: Any]])?.first?["text"] as? String
        #expect(passage?.contains("skærmen\u{1B}[2J\u{1B}]0;ny titel\u{07} og\u{9B}1m") == true)
        let shownJSON = try workspace.peersearch("show", "Corpus/styring.txt", "--index", workspace.index, "--json")
        #expect(shownJSON.stdout.contains("\\u001b[2J"))
    }

    @Test func fileNamesWithControlCharactersReachTheTerminalMadeVisible() throws {
        try workspace.write("ryd\u{1B}[2J.txt", Array("Ryd\n\nOm skærme.\n".utf8))
        try workspace.write("ryd\u{1B}[2J.xlsx", [0x50, 0x4B, 0x03, 0x04])
        let isControl: (Unicode.Scalar) -> Bool = { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        for run in [try workspace.indexCorpus("--dry-run"), try workspace.indexCorpus()] {
            #expect(run.status == 0)
            #expect(!(run.stdout + run.stderr).unicodeScalars.contains(where: isControl), "\(run.stdout.debugDescription) \(run.stderr.debugDescription)")
            #expect(run.stderr.contains("unsupported: \(workspace.corpus.path)/ryd␛[2J.xlsx (.xlsx)"))
        }
    }
}
