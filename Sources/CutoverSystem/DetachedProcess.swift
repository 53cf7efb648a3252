import Foundation
import Glibc

/// Starts a daemon that outlives its caller: a session of its own, stdin from /dev/null, stdout and stderr appended
/// to a log file, no other descriptor of ours, default signal handling.
public enum DetachedProcess {
    public static func start(_ executable: String, arguments: [String], log: String) throws -> pid_t {
        let output = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw SystemError("open", log) }
        defer { close(output) }
        return try Spawn.start(executable: executable, arguments: [executable] + arguments,
                               workingDirectory: FileManager.default.currentDirectoryPath, environment: nil, output: output,
                               newSession: true)
    }
}
