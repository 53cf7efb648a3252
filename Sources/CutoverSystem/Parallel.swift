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

    /// Lets go of `value` on another thread: freeing the hundreds of thousands of small allocations of a big pass
    /// (digest cache, ledger, work lists) takes a tenth of a second that nobody needs to wait for. The caller hands
    /// its reference over (`consume`); whichever side lets go last frees it, so the saving is likely, not certain.
    public static func release(_ value: consuming some Sendable) {
        DispatchQueue.global(qos: .utility).async { [value] in withExtendedLifetime(value) {} }
    }

    /// `first()` and `second()`, run at the same time.
    public static func both<First, Second>(_ first: @Sendable () -> First,
                                           _ second: @Sendable () -> Second) -> (First, Second) {
        let firstSlot = Slots<First>(count: 1)
        let secondSlot = Slots<Second>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { position in
            if position == 0 { firstSlot.set(0, first()) } else { secondSlot.set(0, second()) }
        }
        return (firstSlot.values[0], secondSlot.values[0])
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
