import Foundation

/// The time of day and waiting, as an effect: tests substitute a clock that neither waits nor drifts.
/// (Inside this package this name shadows the standard library's `Clock` protocol, which cutover does not use.)
public protocol Clock: Sendable {
    func now() -> Date
    func sleep(seconds: Double)
}

/// The real clock: the system time, and sleeps that last as long as asked even when signals arrive.
public struct SystemClock: Clock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double) { MonotonicTime.sleep(seconds) }
}
