import Foundation
@testable import PeerSearchCore
import Testing

/// How an index run cuts its files into the batches analysed ahead of the writer.
@Suite struct IndexBatchTests {
    private func work(_ sizes: [Int]) -> [Indexer.WorkItem] {
        sizes.enumerated().map { index, bytes in
            Indexer.WorkItem(path: "/a/\(index).txt", keptAs: "/a/\(index).txt", uniqueTerm: "Q/a/\(index).txt",
                             facts: .init(bytes: bytes, modified: Date()), existing: nil)
        }
    }

    @Test func batchesHoldAtMost64Files() {
        let batches = Indexer.batches(of: work(Array(repeating: 1_000, count: 150)))
        #expect(batches.map(\.count) == [64, 64, 22])
    }

    @Test func largeFilesMakeSmallerBatchesAndEveryFileIsInOne() {
        let sizes = [3 << 20, 3 << 20, 3 << 20, 20 << 20, 1_000, 1_000]
        let batches = Indexer.batches(of: work(sizes))
        #expect(batches.map(\.count) == [2, 1, 1, 2])  // 8 MiB a batch, unless one file is larger
        #expect(batches.flatMap { $0.map(\.path) } == work(sizes).map(\.path))
        #expect(Indexer.batches(of: []).isEmpty)
    }

    /// A new index written as two shards at once: each shard gets a consecutive part of the
    /// files, in order, so the merged database numbers them as one writer would; the parts'
    /// batches alternate, so both shards are busy from the start.
    @Test func partsAreConsecutiveInOrderAndTakenInTurn() {
        let files = work(Array(repeating: 1_000, count: 150))
        let batches = Indexer.batches(of: files, parts: 2)
        #expect(batches.map(\.shard) == [0, 1, 0, 1])
        #expect(batches.map(\.items.count) == [64, 64, 11, 11])
        let byShard = [0, 1].map { shard in batches.filter { $0.shard == shard }.flatMap { $0.items.map(\.path) } }
        #expect(byShard[0] + byShard[1] == files.map(\.path))
        #expect(byShard[0].count == 75)
        // Parts are cut by bytes, and a part may be empty; one part is simply the batches.
        let uneven = work([50_000] + Array(repeating: 1_000, count: 50))
        let split = Indexer.batches(of: uneven, parts: 2)
        #expect(split.first?.items.map(\.path) == [uneven[0].path])
        #expect(split.flatMap { $0.items.map(\.path) }.sorted() == uneven.map(\.path).sorted())
        #expect(Indexer.batches(of: work([1_000]), parts: 4).map(\.items.count) == [1])
        #expect(Indexer.batches(of: files, parts: 1).allSatisfy { $0.shard == nil })
        #expect(Indexer.batches(of: [], parts: 2).isEmpty)
    }
}
