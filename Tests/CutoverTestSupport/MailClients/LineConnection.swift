import Foundation
import Glibc

/// A plain TCP connection to a loopback mail server, read and written a CRLF-terminated line at a time.
/// Every read and write times out, so a silent server fails a test instead of hanging it.
public final class LineConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (an IPv4 address); throws `MailClientError.refused` when nothing listens there.
    public init(host: String, port: Int, timeoutSeconds: Int = 10) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw MailClientError.system("socket", errno) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(socket)
            throw MailClientError.protocolError("not an IPv4 address: \(host)")
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            close(socket)
            throw error == ECONNREFUSED ? MailClientError.refused(host, port) : MailClientError.system("connect", error)
        }
    }

    deinit { close(socket) }

    /// Sends `line` followed by CRLF.
    public func send(_ line: String) throws {
        try write(Array((line + "\r\n").utf8))
    }

    /// Sends raw bytes (for an SMTP DATA section that already has its CRLFs).
    public func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw MailClientError.system("send", errno) }
            sent += count
        }
    }

    /// The next line without its CRLF.
    public func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw count == 0 ? MailClientError.protocolError("connection closed by the server")
                    : MailClientError.system("recv", errno)
            }
            buffer += chunk[..<count]
        }
    }
}

/// What went wrong talking to a mail server.
public enum MailClientError: Error, CustomStringConvertible, Equatable {
    case refused(String, Int)
    case system(String, Int32)
    case protocolError(String)
    case rejected(String)

    public var description: String {
        switch self {
        case .refused(let host, let port): return "\(host):\(port) refuses connections"
        case .system(let call, let code): return "\(call): \(String(cString: strerror(code)))"
        case .protocolError(let what): return what
        case .rejected(let reply): return "the server said: \(reply)"
        }
    }
}
