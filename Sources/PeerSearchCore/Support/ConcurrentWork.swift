import Analysis
import Foundation
import Ingestion

/// `transform(index, state)` for every index below `count`, in order, computed on up to
/// `threads` threads that each take the next index as they get free. `makeThreadState` runs once
/// on each thread, before its first index, for what that thread alone may use (an analyser).
func concurrentMap<ThreadState, Result>(count: Int, threads: Int, makeThreadState: @escaping (Int) -> ThreadState,
                                        _ transform: @escaping (Int, ThreadState) -> Result) -> [Result] {
    guard count > 0 else { return [] }
    let results = ResultSlots<Result?>(count: count, initial: nil)
    let next = TicketCounter()
    // Each thread calls the closures, and writes only its own state and its indexes' slots.
    let work = UncheckedBox((makeThreadState, transform))
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { thread in
        let (makeThreadState, transform) = work.value
        let state = makeThreadState(thread)
        while case let index = next.next(), index < count {
            results[index] = transform(index, state)
        }
    }
    return results.values.map { $0! }
}

/// Hands out 0, 1, 2, … to concurrent takers, each number once.
final class TicketCounter: @unchecked Sendable {
    private var upcoming = 0
    private let lock = NSLock()

    func next() -> Int {
        lock.withLock {
            defer { upcoming += 1 }
            return upcoming
        }
    }
}

/// Hands non-Sendable values to other threads that use them without racing.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
