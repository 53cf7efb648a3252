/// Runs external programs. The live implementation is `ProcessRunner`; tests substitute fakes.
public protocol ProcessRunning: Sendable {
    /// Run without a shell in `workingDirectory`; stdin /dev/null; stdout+stderr both go to a fresh temp FILE (never
    /// a pipe), because daemons such as Dovecot keep the caller's stderr open for their whole life: we wait
    /// (waitpid) for the direct child to exit, with a deadline of `timeoutSeconds` (then SIGKILL it and report exit
    /// 137 plus a line saying it timed out), then read the file. Daemonised grandchildren keep running and must not
    /// block us. `environment` nil means the child inherits ours.
    func run(_ command: ExternalCommand, workingDirectory: String, environment: [String: String]?,
             timeoutSeconds: Double) throws -> ProcessResult
}
