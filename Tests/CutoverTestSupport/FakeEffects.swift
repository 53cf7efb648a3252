import CutoverKit
import CutoverSystem
import Foundation

/// Effects for engine tests without a server. They fail closed: a command or port nobody set up is an error,
/// never a touch of the host.
public final class FakeServer: @unchecked Sendable {
    private let lock = NSLock()
    private var ports: [Int: ProbeResult] = [:]
    private var handlers: [String: @Sendable ([String]) -> ProcessResult] = [:]
    private var ran: [[String]] = []

    public init() {}

    /// A service listening on `port` with `banner`; its stop command closes the port, its start command opens it.
    public func service(stop: String, start: String, port: Int, banner: String) {
        lock.withLock { ports[port] = .banner(banner) }
        on(stop) { _ in self.set(port, .refused); return ProcessResult(exitStatus: 0, output: "") }
        on(start) { _ in self.set(port, .banner(banner)); return ProcessResult(exitStatus: 0, output: "") }
    }

    public func on(_ program: String, _ handler: @escaping @Sendable ([String]) -> ProcessResult) {
        lock.withLock { handlers[program] = handler }
    }

    public func set(_ port: Int, _ result: ProbeResult) { lock.withLock { ports[port] = result } }

    public var commands: [[String]] { lock.withLock { ran } }

    public var effects: Effects {
        Effects(processes: FakeProcesses(server: self), probe: FakeProbe(server: self), clock: FakeClock(),
                hasher: FakeHasher())
    }

    fileprivate func run(_ arguments: [String]) throws -> ProcessResult {
        let handler = lock.withLock { () -> (@Sendable ([String]) -> ProcessResult)? in
            ran.append(arguments)
            return handlers[arguments[0]]
        }
        guard let handler else { throw CommandNotSetUp(program: arguments[0]) }
        return handler(arguments)
    }

    fileprivate func probe(_ port: Int) -> ProbeResult {
        lock.withLock { ports[port] } ?? .failed("fake: no service set up on port \(port)")
    }
}

private struct FakeProcesses: ProcessRunning {
    let server: FakeServer

    func run(_ command: ExternalCommand, workingDirectory: String, environment: [String: String]?,
             timeoutSeconds: Double) throws -> ProcessResult {
        try server.run(command.arguments)
    }
}

private struct FakeProbe: PortProbing {
    let server: FakeServer

    func probe(host: String, port: Int, timeoutSeconds: Double) -> ProbeResult { server.probe(port) }
}

/// Time that passes only when someone sleeps, so backoff loops finish at once.
public final class FakeClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    public init() {}

    public func now() -> Date { lock.withLock { current } }

    public func sleep(seconds: Double) { lock.withLock { current += seconds } }
}

/// A fast stand-in for crypt: "{FAKE}<salt>$<reversed>", a fresh salt each time, like the real thing.
public struct FakeHasher: PasswordHashing {
    public init() {}

    public func hash(_ plaintext: String, scheme: PasswordScheme) throws -> String {
        "{FAKE}\(UInt32.random(in: 0...UInt32.max))$" + String(plaintext.reversed())
    }

    public func verify(_ plaintext: String, against stored: String) -> Bool? {
        guard stored.hasPrefix("{FAKE}"), let dollar = stored.firstIndex(of: "$") else { return nil }
        return String(stored[stored.index(after: dollar)...]) == String(plaintext.reversed())
    }
}

/// A test ran a command it did not set up.
public struct CommandNotSetUp: Error, CustomStringConvertible {
    public var program: String

    public var description: String { "fake: command '\(program)' was not set up by the test" }
}
