import CutoverSystem
import Foundation
import Glibc

/// `cutover demo-service`: a stand-in mail daemon, so the demo has real services on loopback to stop, start and
/// health-check on a machine without Postfix or Dovecot.
///
/// A daemon ends on SIGTERM by the default action; `stop` removes its pid file, and a pid file naming a process
/// that is gone or is not a demo daemon counts as stale everywhere, so a daemon killed by other means is harmless.
public enum DemoService {
    /// Help text for `cutover demo-service --help`.
    public static let usage = """
        Usage: cutover demo-service start --name NAME --port PORT --banner TEXT --pid-file FILE [--log FILE]
               cutover demo-service stop --pid-file FILE
               cutover demo-service serve --name NAME --port PORT --banner TEXT --pid-file FILE

        A stand-in mail daemon for the demo: it listens on 127.0.0.1:PORT and answers every connection with the
        line TEXT (e.g. "220 mail.example.jp ESMTP demo"), then hangs up.

          start   run `serve` detached, wait until the port accepts connections; nothing to do if FILE names a
                  daemon that is already running
          stop    end the daemon FILE names (SIGTERM) and remove FILE; nothing to do if none is running
          serve   the daemon itself, in the foreground (Ctrl-C ends it)

        Options:
          --name NAME          service name, for the log
          --port PORT          TCP port on 127.0.0.1 (1-65535)
          --banner TEXT        the greeting line
          --pid-file FILE      where the daemon's process id is kept (its folder is created)
          --log FILE           start: append the daemon's output here (default: discard it)
          --executable PATH    start: the cutover binary to run as the daemon (default: this one)
        Relative paths are relative to the current folder.
        """

    /// `arguments` are what follows "demo-service" on the command line. Returns the process exit code:
    /// 0 done, 1 failed, 2 bad usage. Prints errors as one line to stderr.
    public static func main(arguments: [String]) -> Int32 {
        guard let subcommand = arguments.first else {
            complain("name a subcommand: start, stop or serve (see cutover demo-service --help)")
            return 2
        }
        if ["--help", "-h", "help"].contains(subcommand) {
            FileHandle.standardOutput.write(Data((usage + "\n").utf8))
            return 0
        }
        do {
            let options = try DemoOptions(subcommand: subcommand, arguments: arguments.dropFirst())
            switch subcommand {
            case "start": try start(options)
            case "stop": try stop(options)
            default: try serve(options)
            }
            return 0
        } catch let error as UsageError {
            complain(error.message + " (see cutover demo-service --help)")
            return 2
        } catch {
            complain("\(error)")
            return 1
        }
    }

    private static let patience = 5.0

    private static func start(_ options: DemoOptions) throws {
        let pidFile = options.path("--pid-file")
        let port = options.port
        if let running = try DemoProcess.readPid(pidFile), DemoProcess.isDemoDaemon(running) {
            guard waitUntil({ BannerListener.acceptsConnections(port: port) }) else {
                throw DemoFailure("pid \(running) from \(pidFile) runs but 127.0.0.1:\(port) refuses connections")
            }
            return
        }
        let log = options.optionalPath("--log")
        try DemoProcess.createParentFolder(of: pidFile)
        if let log { try DemoProcess.createParentFolder(of: log) }
        let executable = try options.optionalPath("--executable")
            ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let child = try DemoProcess.spawnDetached(executable, arguments: [
            "demo-service", "serve", "--name", options.value("--name"), "--port", String(port),
            "--banner", options.value("--banner"), "--pid-file", pidFile,
        ], output: log ?? "/dev/null")
        var exitStatus: Int32?
        let up = waitUntil {
            exitStatus = DemoProcess.exitStatus(ofChild: child)
            return exitStatus != nil
                || (try? DemoProcess.readPid(pidFile)) == child && BannerListener.acceptsConnections(port: port)
        }
        if let exitStatus {
            throw DemoFailure("the daemon exited with status \(exitStatus) before it listened on 127.0.0.1:\(port)"
                + (log.map { "; see \($0)" } ?? "; add --log FILE to see why"))
        }
        guard up else {
            kill(child, SIGTERM)
            throw DemoFailure("the daemon (pid \(child)) did not listen on 127.0.0.1:\(port) within 5 s; stopped it")
        }
    }

    private static func stop(_ options: DemoOptions) throws {
        let pidFile = options.path("--pid-file")
        guard let pid = try DemoProcess.readPid(pidFile) else { return }
        if DemoProcess.isDemoDaemon(pid) {
            kill(pid, SIGTERM)
            guard waitUntil({ DemoProcess.hasEnded(pid) }) else {
                throw DemoFailure("pid \(pid) from \(pidFile) still runs 5 s after SIGTERM; try kill -KILL \(pid)")
            }
        }
        guard unlink(pidFile) == 0 || errno == ENOENT else { throw SystemError("remove", pidFile) }
    }

    private static func serve(_ options: DemoOptions) throws {
        let name = options.value("--name")
        let banner = options.value("--banner")
        let pidFile = options.path("--pid-file")
        let listener = try BannerListener(port: options.port)
        signal(SIGTERM, SIG_DFL)
        try DemoProcess.createParentFolder(of: pidFile)
        let pid = getpid()
        // Written only once the socket listens, so `start` can take the pid file as the sign of a working daemon.
        try DemoProcess.writePid(pid, to: pidFile)
        FileHandle.standardOutput.write(Data("\(name): listening on 127.0.0.1:\(listener.port), pid \(pid)\n".utf8))
        listener.greetForever(with: banner)
    }

    /// Polls `condition` for up to `patience` seconds; the daemons come up and go down in milliseconds.
    private static func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(patience)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(20_000)
        }
        return true
    }

    private static func complain(_ message: String) {
        FileHandle.standardError.write(Data("cutover demo-service: \(message)\n".utf8))
    }
}

/// One subcommand's `--option value` pairs, checked against the options it takes (help text: `DemoService.usage`).
private struct DemoOptions {
    private static let accepted: [String: [String]] = [
        "start": ["--name", "--port", "--banner", "--pid-file", "--log", "--executable"],
        "stop": ["--pid-file"],
        "serve": ["--name", "--port", "--banner", "--pid-file"],
    ]
    private static let optional: Set = ["--log", "--executable"]

    private var values: [String: String] = [:]
    /// 0 when the subcommand takes no port.
    private(set) var port: UInt16 = 0

    init(subcommand: String, arguments: ArraySlice<String>) throws {
        guard let accepted = Self.accepted[subcommand] else {
            throw UsageError("unknown subcommand '\(subcommand)' (one of: start, stop, serve)")
        }
        var words = arguments.makeIterator()
        while let word = words.next() {
            guard accepted.contains(word) else { throw UsageError("\(subcommand): unknown option '\(word)'") }
            guard let value = words.next(), !value.isEmpty else {
                throw UsageError("\(subcommand): \(word) needs a value")
            }
            values[word] = value
        }
        if let missing = accepted.first(where: { !Self.optional.contains($0) && values[$0] == nil }) {
            throw UsageError("\(subcommand): \(missing) is required")
        }
        if let text = values["--port"] {
            guard let port = UInt16(text), port > 0 else { throw UsageError("--port must be 1-65535, not '\(text)'") }
            self.port = port
        }
        if let banner = values["--banner"], banner.contains(where: \.isNewline) {
            throw UsageError("--banner must be a single line")
        }
    }

    /// A required option's value (`init` made sure it is there).
    func value(_ option: String) -> String { values[option] ?? "" }

    func path(_ option: String) -> String { optionalPath(option) ?? "" }

    /// Relative to the current folder, made absolute so the detached daemon does not depend on where it runs.
    func optionalPath(_ option: String) -> String? {
        guard let path = values[option] else { return nil }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The daemon could not be started or stopped; the message says why and what to do.
struct DemoFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
