import Dispatch
import Ingestion
import PeerSearchCore

/// Runs requests' index work off Swift's cooperative threads, since Xapian calls block: reads side
/// by side, each with a `Searcher` of its own (cheap to open, and it sees the last commit), and
/// writes one at a time.
struct IndexAccess: Sendable {
    let indexPath: String
    private let indexerOptions: Indexer.Options
    private let readers = DispatchQueue(label: "peersearch.server.readers", qos: .userInitiated, attributes: .concurrent)
    private let writer = DispatchQueue(label: "peersearch.server.writer", qos: .userInitiated)

    /// With `writable`, Debian's Danish word list is loaded once here for every upload to use.
    init(indexPath: String, writable: Bool) {
        self.indexPath = indexPath
        var options = Indexer.Options()
        // Wait for another writer (an index run) instead of failing the request.
        options.waitForLock = true
        if writable { options.decompounder = Decompounder() }
        indexerOptions = options
    }

    /// A new searcher on the index.
    func searcher() throws(PeerSearchError) -> Searcher {
        try Searcher(indexPath: indexPath)
    }

    /// A new indexer on the index (only to be used inside `write`).
    func indexer() -> Indexer {
        Indexer(indexPath: indexPath, options: indexerOptions)
    }

    /// Runs `work` on a reader thread.
    func read<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await run(work, on: readers)
    }

    /// Runs `work` on the writer thread, after the writes before it.
    func write<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await run(work, on: writer)
    }

    private func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value, on queue: DispatchQueue) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
