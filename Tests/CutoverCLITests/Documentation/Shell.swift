import Foundation

/// Runs a program with text on its standard input, for tests that hand generated scripts to bash or groff.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ program: String, _ arguments: [String], input: String) throws -> Result {
        let scratch = NSTemporaryDirectory() + "cutover-shell-" + UUID().uuidString
        defer { for suffix in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
        try input.write(toFile: scratch + ".in", atomically: true, encoding: .utf8)
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: scratch + suffix, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        // Files, not pipes: output larger than a pipe buffer cannot stall the child.
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOfFile: scratch + ".out", encoding: .utf8),
                      stderr: try String(contentsOfFile: scratch + ".err", encoding: .utf8))
    }
}
