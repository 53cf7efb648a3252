import Glibc

/// Runs external programs with posix_spawn: no shell, stdin from /dev/null, stdout and stderr into one unnamed
/// temporary file, a deadline on the direct child only.
public struct ProcessRunner: ProcessRunning {
    /// How much of the end of a command's output is kept.
    static let outputLimit = 64 * 1024

    public init() {}

    public func run(_ command: ExternalCommand, workingDirectory: String, environment: [String: String]?,
                    timeoutSeconds: Double) throws -> ProcessResult {
        guard let name = command.arguments.first, !name.isEmpty else { throw CommandNotFound("") }
        var folder = stat()
        guard stat(workingDirectory, &folder) == 0 else { throw SystemError("run \(name) in", workingDirectory) }
        guard folder.st_mode & S_IFMT == S_IFDIR else {
            throw SystemError("run \(name) in", workingDirectory, errno: ENOTDIR)
        }
        let executable = try ExecutableLookup.find(name, workingDirectory: workingDirectory, environment: environment)
        let output = try Self.outputFile()
        defer { Syscall.closeQuietly(output) }
        let pid = try Spawn.start(executable: executable, arguments: command.arguments,
                                  workingDirectory: workingDirectory, environment: environment, output: output)
        let ending = try ChildWait.wait(for: pid, command: command, timeoutSeconds: timeoutSeconds)
        var text = try Self.tail(of: output)
        // The space is freed now even if a daemonised grandchild keeps the file open for months.
        _ = ftruncate(output, 0)
        guard let status = ending else {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += "cutover: timed out after \(Self.seconds(timeoutSeconds)) seconds; killed \(command)\n"
            return ProcessResult(exitStatus: 137, output: Self.lastPart(text))
        }
        return ProcessResult(exitStatus: status, output: text)
    }

    /// A new file for the child's output, unlinked at once so nothing is left behind whatever happens.
    private static func outputFile() throws -> Int32 {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = PathParts.temporarySibling(of: folder + "/command-output")
        let fd = try Syscall.open(path, O_RDWR | O_CREAT | O_EXCL, mode: 0o600,
                                  operation: "create a file for command output in", naming: folder)
        unlink(path)
        return fd
    }

    /// The last `outputLimit` bytes written to `fd`, decoded leniently (a program may print anything).
    private static func tail(of fd: Int32) throws -> String {
        let size = Int(try Syscall.fstat(fd, path: "command output").st_size)
        let start = max(0, size - outputLimit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, buffer.count - done, start + done)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            done += count
        }
        var kept = bytes[..<done]
        // A cut inside a multi-byte character would decode to a replacement mark: start at the next whole one.
        if start > 0 { kept = kept.drop { $0 & 0xC0 == 0x80 } }
        return String(decoding: kept, as: UTF8.self)
    }

    private static func lastPart(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > outputLimit else { return text }
        return String(decoding: bytes.suffix(outputLimit).drop { $0 & 0xC0 == 0x80 }, as: UTF8.self)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
