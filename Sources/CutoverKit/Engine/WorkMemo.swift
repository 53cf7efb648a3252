import Foundation

/// Work values computed while the world has not changed, kept for the next question about it: a skipped step is
/// asked `verify` and then for its standing warnings, and a straggler scan of a big old store should run once for
/// both. The runner forgets everything before a step applies anything; what the step computes after its last
/// change (a straggler pass rescans to count late arrivals) answers its check after apply, then is forgotten too.
public final class WorkMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]

    public init() {}

    /// The value kept under `key`, or `compute()`'s, then kept.
    public func value<T: Sendable>(_ key: String, _ compute: () throws -> T) rethrows -> T {
        if let known = lock.withLock({ values[key] }) as? T { return known }
        let value = try compute()
        lock.withLock { values[key] = value }
        return value
    }

    /// The world changed: nothing kept is true any more.
    func forget() {
        lock.withLock { values = [:] }
    }
}
