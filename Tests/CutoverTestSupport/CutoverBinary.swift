import Foundation

/// The built `cutover` executable, run the way a user runs it: arguments in, exit code and output out.
public enum CutoverBinary {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var all: String { stdout + stderr }
    }

    /// The test runner lives in the build folder beside the products (`.build/<triple>/debug/`).
    public static var path: String {
        get throws {
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("cutover").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                folder.deleteLastPathComponent()
            }
            throw BinaryNotBuilt()
        }
    }

    /// Runs `cutover` with `arguments` in `directory`, with the binary's folder first on PATH (as the demo does).
    /// Output goes to files, not pipes, so a chatty run can never fill a pipe and stall.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
        let scratch = NSTemporaryDirectory() + "cutover-output-" + UUID().uuidString
        let process = try start(arguments, in: directory, stdout: scratch + ".out", stderr: scratch + ".err")
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
        }
        return Result(status: process.terminationStatus,
                      stdout: try String(contentsOfFile: scratch + ".out", encoding: .utf8),
                      stderr: try String(contentsOfFile: scratch + ".err", encoding: .utf8))
    }

    /// Starts `cutover` without waiting, so a test can kill it mid-run.
    public static func start(_ arguments: [String], in directory: String? = nil, stdout: String, stderr: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (try path as NSString).deletingLastPathComponent + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try Self.file(stdout)
        process.standardError = try Self.file(stderr)
        try process.run()
        return process
    }

    private static func file(_ path: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    public struct BinaryNotBuilt: Error, CustomStringConvertible {
        public var description: String { "the cutover executable is not built beside the test runner" }
    }
}
