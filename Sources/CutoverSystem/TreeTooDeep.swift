/// A tree holds folders nested deeper than a copy or walk follows. Any mail user can build one in their own
/// mailbox (a loop of `mkdir x; cd x`); it is refused by path instead of exhausting the stack or descriptors.
public struct TreeTooDeep: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first folder past the limit.
    public var path: String
    public var limit: Int

    public init(path: String, limit: Int) {
        self.path = path
        self.limit = limit
    }

    public var description: String {
        "\(path): folders nested more than \(limit) levels deep; move or flatten that folder, then run again"
    }
}
