extension AuditReport {
    public struct PlanSection: Sendable, Codable, Equatable {
        public var name: String
        /// The plan file's name; every other path in the report is relative to its folder.
        public var file: String
        public var domain: String
        public var stateDir: String
        /// The snapshot the mailboxes are compared with, and when it was taken.
        public var snapshot: String?
        public var snapshotTaken: String?
        public var audited: String
    }

    public struct AccountsSection: Sendable, Codable, Equatable {
        public var added: [String]
        public var removed: [String]
        public var changed: [String]
        public var kept: Int
        /// Every account of the domain before or after the cutover, by user id.
        public var details: [AccountState]
    }

    public struct AccountState: Sendable, Codable, Equatable {
        public enum Status: String, Sendable, Codable { case added, removed, changed, kept }

        public var userID: String
        public var status: Status
        /// Where its mail is now (a removed account's renamed folder), nil when there is none.
        public var mailbox: String?
        public var messagesBefore: Int?
        public var messagesNow: Int?
        public var bytesBefore: Int64?
        public var bytesNow: Int64?
        public var quotaBytes: Int64?
        /// Messages still there whose Maildir unique name changed since the snapshot.
        public var renamedMessages: Int
        /// Folders whose UIDVALIDITY changed since the snapshot ("" is the account folder itself).
        public var uidValidityChanged: [String]
        public var settings: [SettingsFile]
    }

    /// A per-account file that is not mail (sieve script, `.forward`, ...) and whether it survived the cutover.
    public struct SettingsFile: Sendable, Codable, Equatable {
        public var name: String
        public var carried: Bool
    }

    public struct RenamedMailbox: Sendable, Codable, Equatable {
        public var userID: String
        public var from: String
        /// The `~name` folder it lives in now, nil when none was found.
        public var to: String?
        public var messagesBefore: Int
        public var messagesNow: Int
        /// Same messages, byte for byte, as in the snapshot.
        public var unchanged: Bool
    }

    public struct RouteState: Sendable, Codable, Equatable {
        public var pattern: String
        /// What the plan sets it to, nil for a route of the domain the plan does not set.
        public var expected: String?
        /// What the transport file says now, nil when the pattern is not there.
        public var nexthop: String?
        /// What `postmap -q` answers, when the plan reloads with postmap and it could be run.
        public var lookup: String?
        public var delivers: Delivery

        public enum Delivery: String, Sendable, Codable { case local, remote, missing }
    }

    public struct StragglersSection: Sendable, Codable, Equatable {
        /// Messages the straggler step has copied into new mailboxes (the ledger).
        public var moved: Int
        /// Old-side messages found already in the new mailbox and not copied again (the ledger).
        public var duplicatesSkipped: Int
        /// When the latest straggler copied in reached the old side (RFC 3339 UTC).
        public var lastSeen: String?
        /// The last time the straggler step ran to completion or found nothing to do.
        public var lastSweep: String?
        public var unmoved: [UnmovedStraggler]
        public var queue: QueueState?
    }

    public struct UnmovedStraggler: Sendable, Codable, Equatable {
        public var path: String
        public var reason: String
    }

    public struct QueueState: Sendable, Codable, Equatable {
        public var command: String
        /// Queue ids of messages held for the domain.
        public var held: [String]
        /// Why the listing could not be read, if it could not.
        public var problem: String?
    }

    public struct ServiceState: Sendable, Codable, Equatable {
        public var service: String
        public var endpoint: String
        public var expect: String
        /// What the check sees now: the greeting, or why there is none.
        public var answer: String
        public var up: Bool
    }

    public struct TimelineSection: Sendable, Codable, Equatable {
        public var steps: [TimelineStep]
        /// From the last `stop-services` that started to the `start-services` that completed after it.
        public var downtime: Downtime?
    }

    public struct TimelineStep: Sendable, Codable, Equatable {
        public var run: String
        public var step: String
        /// The journal's last word for the step in that run: completed, skipped, failed, or started (cut short).
        public var outcome: String
        public var start: String
        public var end: String?
        public var seconds: Double
    }

    public struct Downtime: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var seconds: Double
    }
}
