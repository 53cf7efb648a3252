/// A tree holds folders nested deeper than a copy or walk follows. Any mail user can build one in their own
/// mailbox (a loop of `mkdir x; cd x`); it is refused by path instead of exhausting the stack or descriptors.
public struct TreeTooDeep: Error, Sendable, Equatable, CustomStringConvertible {
    /// How deep every walk goes. Mail trees are a handful of levels; this leaves ample room and, at two descriptors
    /// a level in a copy, stays well inside the usual limit of 1024 open files.
    public static let maximumDepth = 256

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
