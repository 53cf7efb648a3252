import Glibc

/// Waiting for one child process with a deadline.
enum ChildWait {
    /// The child's exit status (exit code, or 128 + signal), or nil when the deadline passed and it was killed.
    /// Polls with waitpid(WNOHANG), backing off from 1 ms to 20 ms: quick commands return within a millisecond,
    /// and a long one costs at most 50 wake-ups a second.
    static func wait(for pid: pid_t, command: ExternalCommand, timeoutSeconds: Double) throws -> Int32? {
        let deadline = timeoutSeconds.isFinite ? MonotonicTime.now() + max(0, timeoutSeconds) : .infinity
        var pause = 0.001
        while true {
            if let status = try reap(pid, blocking: false, command: command) { return status }
            let left = deadline - MonotonicTime.now()
            if left <= 0 { break }
            MonotonicTime.sleep(min(pause, left))
            pause = min(pause * 2, 0.02)
        }
        kill(pid, SIGKILL)
        _ = try reap(pid, blocking: true, command: command)
        return nil
    }

    private static func reap(_ pid: pid_t, blocking: Bool, command: ExternalCommand) throws -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid { break }
            if result == 0 { return nil }
            if errno != EINTR { throw SystemError("wait for", command.description) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import; this is their definition.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
