/// What a TCP probe of a service port found.
public enum ProbeResult: Sendable, Equatable {
    /// Nothing listens: every address of the host refused the connection.
    case refused
    /// Connected, and the server's first line arrived (without CR LF).
    case banner(String)
    /// Connected, but no complete line before the timeout (or the server closed without sending anything).
    case silent
    /// Neither: no answer to the connection attempt, an unknown host, a reset. The text says which, for a log.
    case failed(String)
}
