/// One entry of a transport(5) table: where mail matching `pattern` goes.
public struct TransportRoute: Sendable, Equatable {
    public var pattern: String
    /// e.g. "smtp:[192.0.2.20]:25"; continuation lines are joined by single spaces.
    public var nexthop: String
    /// 1-based number of the line that holds the pattern.
    public var line: Int

    public init(pattern: String, nexthop: String, line: Int = 0) {
        self.pattern = pattern
        self.nexthop = nexthop
        self.line = line
    }
}
