import Foundation
import Testing

/// A text file of one huge line (issue 13): indexing it holds the text a few times over, not a
/// token for each of its words, and a search cuts its passage around the match instead of
/// analysing the whole line. Its old costs (a 20 MB line in a debug build: 530 MB to index;
/// 15 s and 640 MB to search) are far above the bounds here.
@Suite struct LargeFileTests {
    static let quote = "Glasmagerens tålmodige erfaringer blev til håb."

    /// About 20 MB of Danish sentences on one line, with `quote` in the middle.
    static func oneLineText() -> [UInt8] {
        let sentence = Array("Peer-medarbejderen deler sine erfaringer med borgerne i socialpsykiatrien, og fællesskabet får en anden værdi, når recovery står i centrum. ".utf8)
        let half = 10_000_000 / sentence.count
        var text: [UInt8] = []
        text.reserveCapacity(2 * half * sentence.count + 100)
        for _ in 0..<half { text += sentence }
        text += Array((quote + " ").utf8)
        for _ in 0..<half { text += sentence }
        return text
    }

    @Test func aHugeOneLineFileIsIndexedInBoundedMemoryAndSearchedQuickly() throws {
        let workspace = try Workspace()
        try workspace.write("en-linje.txt", Self.oneLineText())

        let indexed = try workspace.runner.measure(["index", workspace.corpus.path, "--index", workspace.index])
        #expect(indexed.output.status == 0, "\(indexed.output.stderr)")
        #expect(indexed.peakBytes < 300 << 20, "indexing took \(indexed.peakBytes >> 20) MB")

        let searched = try workspace.runner.measure(["search", "\"glasmagerens tålmodige erfaringer\"", "--index", workspace.index,
                                                     "--format", "json"])
        #expect(searched.output.status == 0, "\(searched.output.stderr)")
        #expect(searched.seconds < 8, "the search took \(searched.seconds) s")
        #expect(searched.peakBytes < 300 << 20, "the search took \(searched.peakBytes >> 20) MB")
        let result = try JSONSerialization.jsonObject(with: Data(searched.output.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(result.hitFileNames == ["en-linje.txt"])
        let passages = result.hits.first?["passages"] as? [[String: Any]] ?? []
        #expect(passages.count == 1)
        let passage = passages.first ?? [:]
        let text = passage["text"] as? String ?? ""
        #expect(text.contains(Self.quote))
        #expect(text.hasPrefix("… ") && text.hasSuffix(" …") && text.utf8.count < 400)
        let highlight = (passage["highlights"] as? [[Int]])?.first ?? []
        let highlighted = highlight.count == 2 ? String(text.unicodeScalars.dropFirst(highlight[0]).prefix(highlight[1] - highlight[0])) : ""
        #expect(highlighted == "Glasmagerens tålmodige erfaringer")
    }
}
