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
}
