import Dispatch
import Foundation

/// Work spread over every core, for loops whose iterations share nothing they write (crypt work, file copies into
/// different folders).
public enum Parallel {
    /// `transform` of each of `items`, in their order; the calls run concurrently, in no particular order.
    public static func map<Item: Sendable, Value>(_ items: [Item], _ transform: @Sendable (Item) -> Value) -> [Value] {
        let slots = Slots<Value>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { position in
            slots.set(position, transform(items[position]))
        }
        return slots.values
    }
}

/// Fixed slots written from concurrent iterations, each slot by exactly one iteration.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    /// Every slot is set once `concurrentPerform` has returned.
    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
