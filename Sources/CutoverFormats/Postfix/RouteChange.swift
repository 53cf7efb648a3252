/// One transport-map entry that `PostfixTransportMap.setting(_:)` changed, as a before/after pair of line texts.
public struct RouteChange: Sendable, Equatable, Codable {
    /// The pattern as the caller asked for it.
    public var pattern: String
    /// The whole entry as it was (continuation lines joined by "\n"); nil when the entry was added.
    public var before: String?
    /// The entry's line as it is now.
    public var after: String

    public init(pattern: String, before: String?, after: String) {
        self.pattern = pattern
        self.before = before
        self.after = after
    }
}
