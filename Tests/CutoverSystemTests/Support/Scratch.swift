import Foundation
import Glibc

/// A fresh folder under /tmp for one test (mode 0755), removed with everything in it by `remove()`.
/// (Tests run as root, so read-only folders made by a test do not stop the removal.)
final class Scratch {
    let path: String

    init() throws {
        var template = Array("/tmp/cutover-system-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        path = String(cString: made)
        chmod(path, 0o755)
    }

    /// `name` inside the folder.
    func at(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` (folders created as needed) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws -> String {
        try write(name, bytes: Array(text.utf8), mode: mode)
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8], mode: mode_t = 0o644) throws -> String {
        let file = at(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        chmod(file, mode)
        return file
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: at(name), encoding: .utf8)
    }

    /// Runs `body` with a 64 KiB tmpfs mounted at `small` inside the folder, to make a disk fill up; skips it
    /// where this root may not mount one (there is then nothing to prove).
    func withTinyFilesystem(_ body: (String) throws -> Void) throws {
        let mountPoint = at("small")
        mkdir(mountPoint, 0o755)
        guard (try? shell("mount -t tmpfs -o size=64k tmpfs '\(mountPoint)' 2>/dev/null && echo ok")) == "ok\n" else {
            return
        }
        defer { _ = try? shell("umount '\(mountPoint)'") }
        try body(mountPoint)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Facts about this test process that the tests check against.
enum ThisProcess {
    /// The open-file flags of every descriptor of this process that refers to `path` (from /proc/self/fdinfo).
    static func descriptorFlags(for path: String) -> [Int] {
        let folder = "/proc/self/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> Int? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + name),
                  target == path,
                  let info = try? String(contentsOfFile: "/proc/self/fdinfo/" + name, encoding: .utf8),
                  let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") })
            else { return nil }
            return Int(line.dropFirst("flags:".count).trimmingCharacters(in: .whitespaces), radix: 8)
        }
    }

    static let closeOnExec = Int(O_CLOEXEC)
}

/// Runs a shell snippet and returns its stdout (test setup only; the code under test never uses a shell).
@discardableResult
func shell(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
