import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct PortProbeTests {
    let probe = TCPPortProbe()

    /// A listening server's greeting comes back as its first line without CR LF.
    @Test func readsTheBanner() throws {
        let server = try LoopbackServer(greeting: "220 test ESMTP\r\n250 more\r\n")
        defer { server.stop() }
        #expect(probe.probe(host: "127.0.0.1", port: server.port, timeoutSeconds: 5) == .banner("220 test ESMTP"))
        #expect(probe.probe(host: "localhost", port: server.port, timeoutSeconds: 5) == .banner("220 test ESMTP"))
    }

    /// A greeting sent in pieces is put together up to its newline.
    @Test func assemblesASlowBanner() throws {
        let server = try LoopbackServer(greeting: "* OK ", then: "Dovecot ready.\r\n")
        defer { server.stop() }
        #expect(probe.probe(host: "127.0.0.1", port: server.port, timeoutSeconds: 5) == .banner("* OK Dovecot ready."))
    }

    /// IPv6 literals work, bracketed or not (skipped where the host has no IPv6 loopback).
    @Test func ipv6Literal() throws {
        guard let server = try? LoopbackServer(greeting: "220 six\r\n", family: AF_INET6) else { return }
        defer { server.stop() }
        #expect(probe.probe(host: "::1", port: server.port, timeoutSeconds: 5) == .banner("220 six"))
        #expect(probe.probe(host: "[::1]", port: server.port, timeoutSeconds: 5) == .banner("220 six"))
    }

    /// A port nobody listens on is refused, at once.
    @Test func closedPortIsRefused() throws {
        let port = try LoopbackServer.unusedPort()
        let started = Date()
        #expect(probe.probe(host: "127.0.0.1", port: port, timeoutSeconds: 5) == .refused)
        #expect(probe.probe(host: "localhost", port: port, timeoutSeconds: 5) == .refused)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    /// A server that accepts but says nothing is silent once the timeout passes, and the probe keeps to it.
    @Test func silentServer() throws {
        let server = try LoopbackServer(greeting: nil)
        defer { server.stop() }
        let started = Date()
        #expect(probe.probe(host: "127.0.0.1", port: server.port, timeoutSeconds: 0.5) == .silent)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.4 && elapsed < 3)
    }

    /// A name that does not resolve is a failure with a reason, not "refused".
    @Test func unknownHost() {
        guard case .failed(let why) = probe.probe(host: "no-such-host.invalid", port: 25, timeoutSeconds: 2) else {
            Issue.record("expected a failure")
            return
        }
        #expect(why.contains("no-such-host.invalid"))
    }
}

/// A tiny TCP server on an ephemeral loopback port: accepts connections in a thread and writes a greeting.
final class LoopbackServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let thread: Thread

    /// `greeting` (nil: say nothing), then after 200 ms `then`, to each client; connections are held open 2 s.
    init(greeting: String?, then more: String? = nil, family: Int32 = AF_INET) throws {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError("open", "socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard Self.bindLoopback(fd, family: family), listen(fd, 16) == 0 else {
            close(fd)
            throw SystemError("listen on", "loopback")
        }
        self.fd = fd
        port = Self.localPort(fd)
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }   // the listening socket was shut down
                Thread {
                    if let greeting { _ = send(client, greeting, greeting.utf8.count, Int32(MSG_NOSIGNAL)) }
                    if let more {
                        usleep(200_000)
                        _ = send(client, more, more.utf8.count, Int32(MSG_NOSIGNAL))
                    }
                    usleep(2_000_000)
                    close(client)
                }.start()
            }
        }
        thread.start()
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// A loopback port that was free a moment ago (bound, then closed).
    static func unusedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        guard bindLoopback(fd, family: AF_INET) else { throw SystemError("bind", "127.0.0.1") }
        return localPort(fd)
    }

    private static func bindLoopback(_ fd: Int32, family: Int32) -> Bool {
        if family == AF_INET6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func localPort(_ fd: Int32) -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        // sin_port and sin6_port sit at the same offset, in network byte order.
        return withUnsafeBytes(of: &address) { Int(UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self))) }
    }
}
