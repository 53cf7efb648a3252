/// Checks whether a service answers on a TCP port. The live implementation is `TCPPortProbe`.
public protocol PortProbing: Sendable {
    /// Connects to `host:port`, reads the first line, and closes; the whole probe takes at most `timeoutSeconds`.
    func probe(host: String, port: Int, timeoutSeconds: Double) -> ProbeResult
}
