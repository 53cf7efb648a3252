import Glibc

/// A greeting-only daemon's socket: listens on 127.0.0.1 and answers each connection with one greeting line, then
/// hangs up, which is all the health checks (and `telnet`) look at.
public struct BannerListener: Sendable {
    public let port: UInt16
    private let socket: Int32

    public init(port: UInt16) throws {
        let endpoint = "127.0.0.1:\(port)"
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw SystemError("open a socket for", endpoint) }
        var yes: Int32 = 1
        // A restarted daemon must bind again at once, while its last connections still sit in TIME_WAIT.
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 64) == 0 else {
            let error = SystemError("listen on", endpoint)
            close(socket)
            throw error
        }
        self.port = port
        self.socket = socket
    }

    /// Accepts connections until the process is signalled, writing `banner` + CRLF to each.
    public func greetForever(with banner: String) -> Never {
        let line = Array((banner + "\r\n").utf8)
        var scratch = [UInt8](repeating: 0, count: 512)
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else {
                // EINTR, ECONNABORTED or a momentary lack of descriptors: the next client is unaffected.
                usleep(1_000)
                continue
            }
            // Swift's Glibc module lacks accept4; this process never execs, the flag is for good measure.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            _ = send(client, line, line.count, Int32(MSG_NOSIGNAL))
            _ = shutdown(client, Int32(SHUT_WR))
            // Unread input makes close() send a reset, which can destroy the greeting before the client reads it.
            _ = recv(client, &scratch, scratch.count, Int32(MSG_DONTWAIT))
            close(client)
        }
    }

    /// Does 127.0.0.1:`port` accept a TCP connection right now? (A loopback connect is answered at once.)
    public static func acceptsConnections(port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
