import Foundation

/// Runs another program (bash, groff, dpkg, ansible-playbook) and waits for it: arguments and standard input in,
/// exit code and output out.
public enum ExternalProgram {
    /// `program` is a path, or a name looked up on PATH. Output goes to files, not pipes, so a chatty program can
    /// never fill a pipe and stall; standard input is `input`, or empty.
    public static func run(_ program: String, _ arguments: [String], input: String = "", in directory: String? = nil,
                           environment: [String: String] = [:]) throws -> CutoverBinary.Result {
        let scratch = NSTemporaryDirectory() + "cutover-program-" + UUID().uuidString
        defer { for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
        try input.write(toFile: scratch + ".in", atomically: true, encoding: .utf8)
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: scratch + suffix, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
        process.arguments = program.contains("/") ? arguments : [program] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        try process.run()
        process.waitUntilExit()
        return CutoverBinary.Result(status: process.terminationStatus,
                                    stdout: try String(contentsOfFile: scratch + ".out", encoding: .utf8),
                                    stderr: try String(contentsOfFile: scratch + ".err", encoding: .utf8))
    }

    /// Whether `name` is an executable on PATH.
    public static func isInstalled(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
}
