import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct ProcessRunnerTests {
    let runner = ProcessRunner()

    private func run(_ arguments: [String], in folder: String = "/", environment: [String: String]? = nil,
                     timeout: Double = 20) throws -> ProcessResult {
        try runner.run(ExternalCommand(arguments), workingDirectory: folder, environment: environment,
                       timeoutSeconds: timeout)
    }

    /// Exit codes come back as they are; a signal death is 128 + the signal.
    @Test func exitStatuses() throws {
        #expect(try run(["true"]) == ProcessResult(exitStatus: 0, output: ""))
        #expect(try run(["/bin/sh", "-c", "exit 3"]).exitStatus == 3)
        #expect(try run(["/bin/sh", "-c", "kill -TERM $$"]).exitStatus == 143)
        #expect(try run(["false"]).succeeded == false)
    }

    /// stdout and stderr land in one output, in the order they were written; stdin is empty.
    @Test func capturesInterleavedOutput() throws {
        let result = try run(["/bin/sh", "-c", "echo one; echo two >&2; echo three; cat"])
        #expect(result.output == "one\ntwo\nthree\n")
    }

    /// Only the last 64 KiB of a long output are kept.
    @Test func keepsTheEndOfLongOutput() throws {
        let result = try run(["/bin/sh", "-c", "seq 1 100000"])
        #expect(result.output.utf8.count <= 64 * 1024)
        #expect(result.output.hasSuffix("99999\n100000\n"))
        #expect(!result.output.hasPrefix("1\n"))
    }

    /// The working directory is honoured, also for a program given by a relative path.
    @Test func honoursTheWorkingDirectory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(try run(["pwd"], in: scratch.path).output == scratch.path + "\n")
        try scratch.write("bin/hello", "#!/bin/sh\necho hello from $(pwd)\n", mode: 0o755)
        #expect(try run(["bin/hello"], in: scratch.path).output == "hello from \(scratch.path)\n")
        #expect(try run(["./bin/hello"], in: scratch.path).succeeded)
    }

    /// A given environment replaces ours (PATH in it is used to find the program); nil inherits ours.
    @Test func environment() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("tools/only-here", "#!/bin/sh\necho \"$GREETING\"\n", mode: 0o755)
        let result = try run(["only-here"], environment: ["PATH": scratch.at("tools") + ":/usr/bin:/bin",
                                                          "GREETING": "hi there"])
        #expect(result.output == "hi there\n")
        let inherited = try run(["/bin/sh", "-c", "echo $HOME"])
        #expect(inherited.output == (ProcessInfo.processInfo.environment["HOME"] ?? "") + "\n")
        #expect(try run(["/usr/bin/env"], environment: ["ONLY": "1"]).output == "ONLY=1\n")
    }

    /// A program that is not there is CommandNotFound, not an exit status.
    @Test func commandNotFound() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("not-executable", "#!/bin/sh\n", mode: 0o644)
        let missing = #expect(throws: CommandNotFound.self) { try run(["cutover-no-such-program"]) }
        #expect(missing?.description == "command not found: cutover-no-such-program")
        #expect(throws: CommandNotFound.self) { try run(["/nonexistent/bin/postfix", "stop"]) }
        #expect(throws: CommandNotFound.self) { try run([scratch.at("not-executable")]) }
        #expect(throws: CommandNotFound.self) { try run([]) }
    }

    /// A missing working directory is a SystemError naming it.
    @Test func missingWorkingDirectory() throws {
        let error = #expect(throws: SystemError.self) { try run(["true"], in: "/nonexistent/cutover") }
        #expect(error?.path == "/nonexistent/cutover")
    }

    /// A command that leaves a background child holding stdout/stderr returns as soon as the command itself
    /// exits, as `postfix start` or `dovecot` do.
    @Test func daemonisedChildDoesNotBlock() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let started = Date()
        let result = try run(["/bin/sh", "-c", "sleep 30 & echo $! > sleeper.pid; echo started"], in: scratch.path)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result == ProcessResult(exitStatus: 0, output: "started\n"))
        if let pid = Int32(try scratch.read("sleeper.pid").trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGKILL)
        }
    }

    /// A command still running at the deadline is killed and reported as 137 with a line saying so.
    @Test func timeoutKills() throws {
        let started = Date()
        let result = try run(["/bin/sh", "-c", "echo before; exec sleep 30"], timeout: 0.5)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.exitStatus == 137)
        #expect(result.output.hasPrefix("before\n"))
        #expect(result.output.contains("timed out after 0.5 seconds; killed /bin/sh -c 'echo before; exec sleep 30'"))
    }

    /// Commands print as a shell would take them back: arguments with spaces or specials quoted.
    @Test func commandDescription() throws {
        let command = ExternalCommand(["postmap", "-c", "/etc/postfix", "hash:/etc/postfix/vmailbox", "a b", "",
                                       "it's", "smtp:[192.0.2.20]:25"])
        #expect(command.description
            == "postmap -c /etc/postfix hash:/etc/postfix/vmailbox 'a b' '' 'it'\\''s' 'smtp:[192.0.2.20]:25'")
        let json = try JSONEncoder().encode(ExternalCommand(["postqueue", "-j"]))
        #expect(String(decoding: json, as: UTF8.self) == #"["postqueue","-j"]"#)
        #expect(try JSONDecoder().decode(ExternalCommand.self, from: json) == ExternalCommand(["postqueue", "-j"]))
    }

    /// Several commands may run at once from different threads without mixing their outputs.
    @Test func concurrentRuns() async throws {
        let runner = runner
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let result = try runner.run(ExternalCommand(["/bin/sh", "-c", "echo run \(index)"]),
                                                workingDirectory: "/", environment: nil, timeoutSeconds: 20)
                    return (index, result.output)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect((0..<8).map { outputs[$0] } == (0..<8).map { "run \($0)\n" })
    }
}
