import Foundation

/// Fixed slots that concurrent workers fill, each slot written by one worker only.
public final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    public init(count: Int, initial: Value) {
        storage = Array(repeating: initial, count: count)
    }

    public subscript(index: Int) -> Value {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    public var values: [Value] { lock.withLock { storage } }
}
