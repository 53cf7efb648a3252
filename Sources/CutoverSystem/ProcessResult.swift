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

extension ProcessResult {
    /// How a command ended, for a one-line message: "exited 0", or the status and the last line it printed.
    public var ending: String {
        let lastLine = output.split(whereSeparator: \.isNewline).last.map(String.init)
        return "exited \(exitStatus)" + (succeeded ? "" : ": " + (lastLine ?? "(no output)"))
    }
}
