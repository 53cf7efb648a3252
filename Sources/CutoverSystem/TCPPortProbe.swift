import Glibc

/// A TCP probe: getaddrinfo (IPv4 and IPv6 literals, "[::1]", names), a non-blocking connect to each address in
/// turn, then a read of the greeting line. It sends nothing: a probe must not look like a client to the server.
public struct TCPPortProbe: PortProbing {
    public init() {}

    public func probe(host: String, port: Int, timeoutSeconds: Double) -> ProbeResult {
        let deadline = MonotonicTime.now() + max(0, timeoutSeconds)
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let endpoint = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
        guard (0...65535).contains(port) else { return .failed("\(endpoint): not a port number") }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failed("cannot resolve \(name): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        // Every address must refuse for the port to count as closed ("localhost" is often ::1 and 127.0.0.1, and
        // a server may listen on only one of them); the first other outcome is the answer.
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let current = address {
            let result = Connection.attempt(current.pointee, endpoint: endpoint, deadline: deadline)
            if result != .refused { return result }
            address = current.pointee.ai_next
        }
        return .refused
    }
}
