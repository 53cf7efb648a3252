import Foundation
import Glibc

/// A daemon's process: started detached from the caller, then found, checked and waited for through its pid file
/// and `/proc`.
public enum DaemonProcess {
    /// Runs `executable` detached (see `DetachedProcess`), so it outlives the caller and holds none of its
    /// terminal, pipes or files.
    public static func spawnDetached(_ executable: String, arguments: [String], output: String) throws -> pid_t {
        try DetachedProcess.start(executable, arguments: arguments, log: output)
    }

    /// The exit status of a child of this process that has ended (and is now reaped), or nil while it runs.
    public static func exitStatus(ofChild pid: pid_t) -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// The arguments `pid` runs with (empty for a zombie), or nil when there is no such process. A pid file
    /// outlives a daemon killed by other means, and its number may since have gone to an unrelated process that
    /// must not be signalled: callers check what runs under it.
    public static func commandLine(of pid: pid_t) -> [String]? {
        guard let cmdline = readSmallFile("/proc/\(pid)/cmdline") else { return nil }
        return cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Gone, or a zombie: a daemon started by this very process (as in tests) stays a zombie until reaped here.
    public static func hasEnded(_ pid: pid_t) -> Bool {
        _ = exitStatus(ofChild: pid)
        guard kill(pid, 0) == 0 || errno == EPERM else { return true }
        guard let stat = readSmallFile("/proc/\(pid)/stat"), let paren = stat.lastIndex(of: UInt8(ascii: ")")),
              paren + 2 < stat.count else { return true }
        // The state letter follows "(name) "; the name itself may hold parentheses, hence the last one.
        return stat[paren + 2] == UInt8(ascii: "Z")
    }

    /// The pid in `file`, or nil when there is no such file.
    public static func readPid(_ file: String) throws -> pid_t? {
        guard let bytes = readSmallFile(file) else {
            guard errno == ENOENT else { throw SystemError("read", file) }
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text), pid > 0 else {
            throw SystemError("read a process id from", file, errno: EINVAL)
        }
        return pid
    }

    /// Writes a temporary file and renames it over `file`, so a reader never sees a half-written pid.
    public static func writePid(_ pid: pid_t, to file: String) throws {
        let temporary = "\(file).\(pid).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemError("create", temporary) }
        let bytes = Array("\(pid)\n".utf8)
        let written = write(fd, bytes, bytes.count)
        close(fd)
        guard written == bytes.count, rename(temporary, file) == 0 else {
            let error = SystemError("write", file)
            unlink(temporary)
            throw error
        }
    }

    /// `mkdir -p` of the folder `file` goes in.
    public static func createParentFolder(of file: String) throws {
        var folder = ""
        for component in (file as NSString).deletingLastPathComponent.split(separator: "/") {
            folder += (folder.isEmpty && !file.hasPrefix("/") ? "" : "/") + component
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw SystemError("create the folder", folder) }
        }
    }

    /// Up to 4 KiB of a small file (pid file, /proc entry); nil with errno set when it cannot be read.
    private static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(fd, &buffer, buffer.count)
        return count < 0 ? nil : Array(buffer[..<count])
    }
}
