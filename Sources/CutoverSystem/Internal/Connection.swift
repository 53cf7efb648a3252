import Glibc

/// One probe connection to one resolved address.
enum Connection {
    /// Connects (non-blocking, bounded by `deadline`), reads up to the first newline, closes.
    static func attempt(_ address: addrinfo, endpoint: String, deadline: Double) -> ProbeResult {
        let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_NONBLOCK.rawValue)
                        | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard fd >= 0 else { return .failed("cannot open a socket for \(endpoint): \(reason(errno))") }
        defer { close(fd) }
        if connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else { return outcome(of: errno, endpoint: endpoint) }
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else {
                return .failed("no answer from \(endpoint) to a connection attempt")
            }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
                return .failed("cannot connect to \(endpoint): \(reason(errno))")
            }
            if failure != 0 { return outcome(of: failure, endpoint: endpoint) }
        }
        return readGreeting(fd, endpoint: endpoint, deadline: deadline)
    }

    private static func readGreeting(_ fd: Int32, endpoint: String, deadline: Double) -> ProbeResult {
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        // A greeting longer than this is not one; what arrived so far is reported as the line.
        while line.count < 4096 {
            guard wait(fd, for: Int16(POLLIN), until: deadline) else { return .silent }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failed("\(endpoint) dropped the connection: \(reason(errno))")
            }
            if count == 0 { break }
            if let newline = buffer[..<count].firstIndex(of: UInt8(ascii: "\n")) {
                line += buffer[..<newline]
                return .banner(text(line))
            }
            line += buffer[..<count]
        }
        return line.isEmpty ? .silent : .banner(text(line))
    }

    private static func text(_ line: [UInt8]) -> String {
        String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...], as: UTF8.self)
    }

    private static func outcome(of failure: Int32, endpoint: String) -> ProbeResult {
        failure == ECONNREFUSED ? .refused : .failed("cannot connect to \(endpoint): \(reason(failure))")
    }

    /// poll(2) until `events` or the deadline; false on timeout.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Bool {
        while true {
            let left = deadline - MonotonicTime.now()
            guard left > 0 else { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(left * 1000, 3_600_000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }   // let the following call report the real error
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
