import CutoverDemo
import CutoverSystem
import CutoverTestSupport
import Foundation
import Glibc
import Testing

/// The demo's stand-in daemon, started from this test process: `--executable` points `start` at the built
/// `cutover`, since /proc/self/exe is the test runner here.
@Suite("demo-service daemon", .serialized)
struct DemoServiceTests {
    /// start listens and greets, start again is a no-op, stop ends it and closes the port, stop again is a no-op.
    @Test func startGreetStopAreIdempotent() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let port = try Self.freePort()
        let pidFile = folder.path + "/run/smtp.pid"
        let start = ["start", "--name", "smtp", "--port", String(port), "--banner", "220 test ESMTP", "--pid-file",
                     pidFile, "--log", folder.path + "/run/smtp.log", "--executable", try CutoverBinary.path]
        defer { _ = DemoService.main(arguments: ["stop", "--pid-file", pidFile], output: .standard) }

        #expect(DemoService.main(arguments: start, output: .standard) == 0)
        #expect(try Self.greeting(port) == "220 test ESMTP\r\n")
        let pid = try String(contentsOfFile: pidFile, encoding: .utf8)

        #expect(DemoService.main(arguments: start, output: .standard) == 0)
        #expect(try String(contentsOfFile: pidFile, encoding: .utf8) == pid)
        #expect(try Self.greeting(port) == "220 test ESMTP\r\n")

        #expect(DemoService.main(arguments: ["stop", "--pid-file", pidFile], output: .standard) == 0)
        #expect(!FileManager.default.fileExists(atPath: pidFile))
        #expect(throws: (any Error).self) { try Self.greeting(port) }
        #expect(DemoService.main(arguments: ["stop", "--pid-file", pidFile], output: .standard) == 0)
    }

    /// A daemon that cannot bind (the port is taken) makes start fail at once instead of waiting out its 5 s.
    @Test func startFailsWhenThePortIsTaken() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let holder = try Self.listeningSocket()
        defer { close(holder.socket) }
        let pidFile = folder.path + "/taken.pid"
        let started = Date()
        let status = DemoService.main(arguments: [
            "start", "--name", "pop3", "--port", String(holder.port), "--banner", "+OK", "--pid-file", pidFile,
            "--log", folder.path + "/taken.log", "--executable", try CutoverBinary.path,
        ], output: .standard)
        #expect(status == 1)
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(try String(contentsOfFile: folder.path + "/taken.log", encoding: .utf8).contains("in use"))
    }

    /// A pid file left by a daemon killed by other means, or naming an unrelated process, is stale: stop removes
    /// it without signalling anyone.
    @Test func stalePidFilesAreCleanedUp() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let pidFile = folder.path + "/stale.pid"
        try "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
        #expect(DemoService.main(arguments: ["stop", "--pid-file", pidFile], output: .standard) == 0)
        #expect(!FileManager.default.fileExists(atPath: pidFile))
    }

    /// Bad command lines are usage errors (exit 2) and start nothing.
    @Test(arguments: [[], ["restart"], ["start", "--port", "25"], ["stop"], ["stop", "--pid-file"],
                      ["start", "--name", "x", "--port", "0", "--banner", "x", "--pid-file", "p"],
                      ["serve", "--name", "x", "--port", "1", "--banner", "two\nlines", "--pid-file", "p"]])
    func badArgumentsAreUsageErrors(_ arguments: [String]) {
        #expect(DemoService.main(arguments: arguments, output: .standard) == 2)
    }

    /// A port nothing listens on right now: bound to port 0 and released, so the kernel picked an unused one.
    static func freePort() throws -> UInt16 {
        let bound = try listeningSocket()
        close(bound.socket)
        return bound.port
    }

    static func listeningSocket() throws -> (socket: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            let error = POSIXError(.init(rawValue: errno) ?? .EIO)
            close(fd)
            throw error
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// Connects to 127.0.0.1:`port` with a raw socket and reads until the daemon hangs up.
    static func greeting(_ port: UInt16) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        // A daemon that never hangs up must fail the test, not hang it.
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
