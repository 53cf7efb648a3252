import CutoverSystem

/// Every side effect that is not a plain file operation reaches the steps through here,
/// so the engine can be driven in tests by fakes and in production by the real thing.
public struct Effects: Sendable {
    public var processes: any ProcessRunning
    public var probe: any PortProbing
    public var clock: any Clock
    public var hasher: any PasswordHashing
    /// SIGINT / SIGTERM as a request to stop at the next safe point.
    public var interruption: Interruption

    public init(processes: any ProcessRunning, probe: any PortProbing, clock: any Clock, hasher: any PasswordHashing,
                interruption: Interruption = Interruption()) {
        self.processes = processes
        self.probe = probe
        self.clock = clock
        self.hasher = hasher
        self.interruption = interruption
    }

    public static var live: Effects {
        Effects(processes: ProcessRunner(), probe: TCPPortProbe(), clock: SystemClock(),
                hasher: RememberingVerifier(CryptPasswordHasher()), interruption: .process)
    }
}
