/// How many accounts an import removes, against the plan's `accounts.maxRemoved`: what dry-run shows, and what
/// validation refuses when exceeded.
public struct RemovalLimit: Sendable, Equatable, CustomStringConvertible {
    /// Accounts of the domain in the index now that the import list does not name.
    public var removed: Int
    /// Accounts of the domain in the index now.
    public var total: Int
    public var threshold: RemovalThreshold

    public init(current: [IndexedAccount], incoming: [IndexedAccount], threshold: RemovalThreshold) {
        // The same rule as `AccountImport.changes`: an id of the index that the import does not carry is removed.
        let incomingIDs = Set(incoming.map(\.userID))
        removed = current.filter { !incomingIDs.contains($0.userID) }.count
        total = current.count
        self.threshold = threshold
    }

    /// The most accounts this import may remove.
    public var allowed: Int { threshold.allowed(outOf: total) }

    public var isExceeded: Bool { removed > allowed }

    /// "removes 2 of 8 accounts (limit 4, `accounts.maxRemoved` "50%")".
    public var description: String {
        "removes \(removed) of \(total) accounts (limit \(allowed), `accounts.maxRemoved` \(threshold))"
    }

    /// The refusal, with the way to go ahead when the removal is meant.
    var refusal: String {
        "the import would remove \(removed) of the \(total) accounts, more than `accounts.maxRemoved` \(threshold) "
            + "allows (\(allowed)); if that is intended, set `accounts.maxRemoved` to \(removed) or more in the plan"
    }
}
