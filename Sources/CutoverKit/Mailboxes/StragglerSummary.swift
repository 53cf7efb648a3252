import CutoverSystem
import Foundation

/// What a straggler pass did, for `sweep`'s output and the audit: counts, what stayed behind and why, and when
/// the latest straggler reached the old side, per account and overall.
public struct StragglerSummary: Sendable, Codable, Equatable {
    public struct Unmoved: Sendable, Codable, Equatable {
        /// The account, when the message belongs to one.
        public var account: String?
        public var path: String
        public var reason: String
    }

    /// Stragglers placed into new mailboxes by this pass (moved, or copied with `move: false` or an mbox source).
    public var moved: Int
    /// Old-side messages found already in the new mailbox or in the ledger, not copied again.
    public var duplicatesSkipped: Int
    public var unmoved: [Unmoved]
    /// Messages that reached the old side while the pass ran: the next pass moves them.
    public var arrivedDuringPass: Int
    /// RFC 3339 UTC arrival time of the latest straggler per account (from the ledger and this pass).
    public var lastSeen: [String: String]
    public var lastSeenOverall: String?

    init(_ work: StragglerWork, moved: [StragglerWork.Item], failed: [StragglerWork.Unmovable], arrivedDuringPass: Int) {
        self.moved = moved.count
        duplicatesSkipped = work.duplicates
        unmoved = (work.unmovable + failed).map { Unmoved(account: $0.account, path: $0.path, reason: $0.reason) }
            + work.removedAccounts.map {
                Unmoved(account: $0.account, path: $0.folder, reason: "\($0.messages) messages; account removed")
            }
            + work.outsideRoots.map {
                Unmoved(account: $0.account, path: $0.path, reason: "links to \($0.target), outside the roots")
            }
        self.arrivedDuringPass = arrivedDuringPass
        var latest = work.lastSeen
        for item in moved { latest[item.account] = max(latest[item.account] ?? 0, item.message.received) }
        let format = { (seconds: Double) in Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: seconds)) }
        lastSeen = latest.mapValues(format)
        lastSeenOverall = latest.values.max().map(format)
    }
}
