import CutoverFormats
import CutoverSystem
import Foundation
import Glibc

/// `cutover demo-service`: a stand-in mail daemon, so the demo has real services on loopback to stop, start and
/// health-check on a machine without Postfix or Dovecot.
///
/// A daemon ends on SIGTERM by the default action; `stop` removes its pid file, and a pid file naming a process
/// that is gone or is not a demo daemon counts as stale everywhere, so a daemon killed by other means is harmless.
public enum DemoService {
    /// Help text for `cutover demo-service --help`, rendered from the option tables the parser reads.
    public static var usage: String {
        (DemoSubcommand.allCases.map { "Usage: cutover demo-service \($0.rawValue) \($0.options.synopsis)" }
            + ["", """
            A stand-in mail daemon for the demo: it listens on 127.0.0.1:PORT and answers every connection with the
            line TEXT (e.g. "220 mail.example.jp ESMTP demo"), then hangs up.
            """, ""]
            + DemoSubcommand.allCases.map { "  " + $0.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + $0.summary }
            + ["", "Options:"] + DemoSubcommand.allOptions.helpLines(column: 20)
            + ["Relative paths are relative to the current folder."]).joined(separator: "\n")
    }

    /// `arguments` are what follows "demo-service" on the command line. Returns the process exit code:
    /// 0 done, 1 failed, 2 bad usage. Prints errors as one line to stderr.
    public static func main(arguments: [String], output: Output) -> Int32 {
        guard let subcommand = arguments.first else {
            output.error("cutover demo-service: name a subcommand: start, stop or serve (see cutover demo-service --help)")
            return 2
        }
        if ["--help", "-h", "help"].contains(subcommand) {
            output.print(usage)
            return 0
        }
        do {
            guard let command = DemoSubcommand(rawValue: subcommand) else {
                throw UsageError("unknown subcommand '\(subcommand)' (one of: start, stop, serve)")
            }
            let options = try DemoOptions(command, arguments: Array(arguments.dropFirst()))
            switch command {
            case .start: try start(options)
            case .stop: try stop(options)
            case .serve: try serve(options, output: output)
            }
            return 0
        } catch let error as UsageError {
            output.error("cutover demo-service: " + error.message + " (see cutover demo-service --help)")
            return 2
        } catch {
            output.error("cutover demo-service: \(error)")
            return 1
        }
    }

    private static let patience = 5.0

    private static func start(_ options: DemoOptions) throws {
        let pidFile = options.path(DemoSubcommand.pidFile)
        let port = options.port
        if let running = try DaemonProcess.readPid(pidFile), isDemoDaemon(running) {
            guard waitUntil({ BannerListener.acceptsConnections(port: port) }) else {
                throw DemoFailure("pid \(running) from \(pidFile) runs but 127.0.0.1:\(port) refuses connections")
            }
            return
        }
        let log = options.optionalPath(DemoSubcommand.log)
        try DaemonProcess.createParentFolder(of: pidFile)
        if let log { try DaemonProcess.createParentFolder(of: log) }
        let executable = try options.optionalPath(DemoSubcommand.executable)
            ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let child = try DaemonProcess.spawnDetached(executable, arguments: [
            "demo-service", "serve", DemoSubcommand.name.spelling, options.value(DemoSubcommand.name),
            DemoSubcommand.port.spelling, String(port),
            DemoSubcommand.banner.spelling, options.value(DemoSubcommand.banner), DemoSubcommand.pidFile.spelling, pidFile,
        ], output: log ?? "/dev/null")
        var exitStatus: Int32?
        let up = waitUntil {
            exitStatus = DaemonProcess.exitStatus(ofChild: child)
            return exitStatus != nil
                || (try? DaemonProcess.readPid(pidFile)) == child && BannerListener.acceptsConnections(port: port)
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
        let pidFile = options.path(DemoSubcommand.pidFile)
        guard let pid = try DaemonProcess.readPid(pidFile) else { return }
        if isDemoDaemon(pid) {
            kill(pid, SIGTERM)
            guard waitUntil({ DaemonProcess.hasEnded(pid) }) else {
                throw DemoFailure("pid \(pid) from \(pidFile) still runs 5 s after SIGTERM; try kill -KILL \(pid)")
            }
        }
        guard unlink(pidFile) == 0 || errno == ENOENT else { throw SystemError("remove", pidFile) }
    }

    private static func serve(_ options: DemoOptions, output: Output) throws {
        let name = options.value(DemoSubcommand.name)
        let banner = options.value(DemoSubcommand.banner)
        let pidFile = options.path(DemoSubcommand.pidFile)
        let listener = try BannerListener(port: options.port)
        signal(SIGTERM, SIG_DFL)
        try DaemonProcess.createParentFolder(of: pidFile)
        let pid = getpid()
        // Written only once the socket listens, so `start` can take the pid file as the sign of a working daemon.
        try DaemonProcess.writePid(pid, to: pidFile)
        output.print("\(name): listening on 127.0.0.1:\(listener.port), pid \(pid)")
        listener.greetForever(with: banner)
    }

    /// Is `pid` a running `demo-service serve`, and not some other process that got its number since?
    private static func isDemoDaemon(_ pid: pid_t) -> Bool {
        guard let words = DaemonProcess.commandLine(of: pid) else { return false }
        return zip(words, words.dropFirst()).contains { $0 == "demo-service" && $1 == "serve" }
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
}

/// The daemon's subcommands and their options, as data: the parser and the help both read these tables.
enum DemoSubcommand: String, CaseIterable {
    case start, stop, serve

    static let name = CommandOption("--name", value: "NAME", required: true, help: "service name, for the log")
    static let port = CommandOption("--port", value: "PORT", required: true, help: "TCP port on 127.0.0.1 (1-65535)")
    static let banner = CommandOption("--banner", value: "TEXT", required: true, help: "the greeting line")
    static let pidFile = CommandOption("--pid-file", value: "FILE", required: true,
                                       help: "where the daemon's process id is kept (its folder is created)")
    static let log = CommandOption("--log", value: "FILE",
                                   help: "start: append the daemon's output here (default: discard it)")
    static let executable = CommandOption("--executable", value: "PATH",
                                          help: "start: the cutover binary to run as the daemon (default: this one)")

    static var allOptions: [CommandOption] { [name, port, banner, pidFile, log, executable] }

    var options: [CommandOption] {
        switch self {
        case .start: return [Self.name, Self.port, Self.banner, Self.pidFile, Self.log, Self.executable]
        case .stop: return [Self.pidFile]
        case .serve: return [Self.name, Self.port, Self.banner, Self.pidFile]
        }
    }

    var summary: String {
        switch self {
        case .start: return "run `serve` detached, wait until the port accepts connections; nothing to do if FILE "
            + "names a daemon that is already running"
        case .stop: return "end the daemon FILE names (SIGTERM) and remove FILE; nothing to do if none is running"
        case .serve: return "the daemon itself, in the foreground (Ctrl-C ends it)"
        }
    }
}

/// One subcommand's options, parsed against its table and checked.
private struct DemoOptions {
    private let parsed: ParsedOptions
    /// 0 when the subcommand takes no port.
    private(set) var port: UInt16 = 0

    init(_ command: DemoSubcommand, arguments: [String]) throws {
        parsed = try ParsedOptions(arguments, options: command.options, command: command.rawValue)
        if let word = parsed.positional.first { throw UsageError("\(command.rawValue): unexpected argument '\(word)'") }
        if let text = parsed.value(DemoSubcommand.port) {
            guard let port = UInt16(text), port > 0 else { throw UsageError("--port must be 1-65535, not '\(text)'") }
            self.port = port
        }
        if let banner = parsed.value(DemoSubcommand.banner), banner.contains(where: \.isNewline) {
            throw UsageError("--banner must be a single line")
        }
    }

    /// A required option's value (the table made sure it is there).
    func value(_ option: CommandOption) -> String { parsed.value(option) ?? "" }

    func path(_ option: CommandOption) -> String { optionalPath(option) ?? "" }

    /// Relative to the current folder, made absolute so the detached daemon does not depend on where it runs.
    func optionalPath(_ option: CommandOption) -> String? {
        guard let path = parsed.value(option) else { return nil }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

/// The daemon could not be started or stopped; the message says why and what to do.
struct DemoFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
