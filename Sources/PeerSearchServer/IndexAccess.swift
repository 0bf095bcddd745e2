import Analysis
import Dispatch
import Foundation
import Ingestion
import PeerSearchCore

/// Runs requests' index work off Swift's cooperative threads, since Xapian calls block: reads side
/// by side, each with a `Searcher` of its own (cheap to open, and it sees the last commit), and
/// writes one at a time.
struct IndexAccess: Sendable {
    /// The indexes searched together: local folders, or `tcp://host:port` shards.
    let indexPaths: [String]
    /// Whether a shard that cannot be opened is left out of a search instead of failing it.
    let allowPartial: Bool
    /// The index writes go to (`APIServer.Configuration.writableIndexPath`); nil when none can.
    let writableIndexPath: String?
    private let indexerOptions: Indexer.Options
    private let idleSearchers = SearcherPool()
    private let restingShards = RestingShards()
    /// A shard that could not be reached is not tried again by searches for this long (each try
    /// at a host that is down waits out the connection timeout); `/health` always tries.
    static let shardRetryInterval: Duration = .seconds(30)
    private let readers = DispatchQueue(label: "peersearch.server.readers", qos: .userInitiated, attributes: .concurrent)
    private let writer = DispatchQueue(label: "peersearch.server.writer", qos: .userInitiated)

    /// When the server takes writes, Debian's Danish word list is loaded once here for every
    /// upload to use.
    init(configuration: APIServer.Configuration) {
        indexPaths = configuration.indexPaths
        allowPartial = configuration.allowPartial
        writableIndexPath = configuration.writableIndexPath
        var options = Indexer.Options()
        // Wait for another writer (an index run) instead of failing the request.
        options.waitForLock = true
        options.archiveFolder = configuration.archiveFolder
        options.loader.ocr.enabled = configuration.ocr
        if configuration.token != nil && writableIndexPath != nil { options.decompounder = Decompounder() }
        indexerOptions = options
    }

    /// Runs `work` with a searcher over the indexes' last commit. Searchers are kept between
    /// requests (opening the indexes and warming an analyser cost more than most searches), each
    /// used by one request at a time; one that failed or misses a shard is not kept.
    func withSearcher<Value>(_ work: (Searcher) throws -> Value) throws -> Value {
        let searcher: Searcher
        // One whose index was created anew (or cannot move to its last commit) is dropped: a new
        // one opens the index as it is now, or says what is wrong with it.
        if let idle = idleSearchers.take(), (try? idle.refresh()) == true {
            searcher = idle
        } else {
            let resting = restingShards.current()
            searcher = try Searcher(indexPaths: indexPaths, allowPartial: allowPartial, skipping: resting)
            restingShards.rest(Set(searcher.unavailableShards).subtracting(resting), for: Self.shardRetryInterval)
        }
        let value = try work(searcher)
        if searcher.unavailableShards.isEmpty { idleSearchers.keep(searcher) }
        return value
    }

    /// A new indexer on the index (only to be used inside `write`, when `writableIndexPath` is set).
    func indexer() -> Indexer {
        Indexer(indexPath: indexPaths[0], options: indexerOptions)
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

/// Searchers between requests, shared by the reader threads.
private final class SearcherPool: @unchecked Sendable {
    /// At most this many are kept (more only while requests run side by side).
    static let capacity = 16
    private let lock = NSLock()
    private var searchers: [Searcher] = []

    func take() -> Searcher? {
        lock.withLock { searchers.popLast() }
    }

    func keep(_ searcher: Searcher) {
        lock.withLock { if searchers.count < Self.capacity { searchers.append(searcher) } }
    }
}

/// Shards that could not be reached, each until its rest is over.
private final class RestingShards: @unchecked Sendable {
    private let lock = NSLock()
    private var restingUntil: [String: ContinuousClock.Instant] = [:]

    /// The shards resting now.
    func current() -> Set<String> {
        let now = ContinuousClock.now
        return lock.withLock {
            restingUntil = restingUntil.filter { $0.value > now }
            return Set(restingUntil.keys)
        }
    }

    func rest(_ shards: Set<String>, for interval: Duration) {
        guard !shards.isEmpty else { return }
        let until = ContinuousClock.now + interval
        lock.withLock { for shard in shards { restingUntil[shard] = until } }
    }
}
