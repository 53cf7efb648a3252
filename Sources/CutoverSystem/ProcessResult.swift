/// How an external command ended, and what it printed.
public struct ProcessResult: Sendable, Equatable {
    /// The exit code, or 128 + the signal number when a signal ended it (137 after a timeout's SIGKILL).
    public var exitStatus: Int32
    /// stdout and stderr interleaved as written, at most the last 64 KiB.
    public var output: String

    public init(exitStatus: Int32, output: String) {
        self.exitStatus = exitStatus
        self.output = output
    }

    public var succeeded: Bool { exitStatus == 0 }
}
