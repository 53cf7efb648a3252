import Dispatch
import Foundation
import Glibc

/// SIGINT and SIGTERM turned from "die now" into a request that the work stop at its next safe point: the current
/// atomic operation finishes, the journal records the interruption, the lock is released. Only while `watch` runs
/// its body; outside it the signals keep their default action, so a stuck `validate` still dies on Ctrl-C.
public final class Interruption: @unchecked Sendable {
    /// The process's signals.
    public static let process = Interruption()

    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []
    /// `watch` calls may nest (a sweep watches around the runs it makes): only the outermost installs.
    private var depth = 0

    public init() {}

    /// The signal that asked for a stop, as "SIGINT" or "SIGTERM", or nil.
    public var requested: String? {
        lock.withLock { received.map { $0 == SIGINT ? "SIGINT" : $0 == SIGTERM ? "SIGTERM" : "signal \($0)" } }
    }

    /// Records a stop request, as the signal handler does (tests call it directly).
    public func request(_ signal: Int32) {
        lock.withLock { if received == nil { received = signal } }
    }

    /// Runs `body` with SIGINT and SIGTERM caught as requests, then gives them back their default action.
    public func watch<T>(_ body: () throws -> T) rethrows -> T {
        guard self === Self.process else { return try body() }
        install()
        defer { uninstall() }
        return try body()
    }

    private func install() {
        lock.withLock {
            depth += 1
            guard depth == 1 else { return }
            for signal in [SIGINT, SIGTERM] {
                Glibc.signal(signal, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
                source.setEventHandler { [weak self] in self?.request(signal) }
                source.resume()
                sources.append(source)
            }
        }
    }

    private func uninstall() {
        lock.withLock {
            depth -= 1
            guard depth == 0 else { return }
            for source in sources { source.cancel() }
            sources = []
            for signal in [SIGINT, SIGTERM] { Glibc.signal(signal, SIG_DFL) }
        }
    }
}
