import CutoverFormats
import CutoverSystem

/// A validated plan with every path made absolute. Nothing here touches the server: see `PlanLoader`.
public struct Plan: Sendable {
    /// Absolute path of the plan file, and the folder relative paths and commands are resolved against.
    public var file: String
    public var folder: String
    public var name: String
    public var stateDir: String
    public var domain: String
    public var services: [ServicePlan]
    public var accounts: AccountsPlan
    public var mailboxes: MailboxesPlan
    public var routes: RoutesPlan?
    public var stragglers: StragglersPlan
    public var steps: [StepName]
}

public struct ServicePlan: Sendable {
    public var name: String
    public var stop: ExternalCommand
    public var start: ExternalCommand
    public var checks: [ServiceCheck]
    public var timeoutSeconds: Double
}

public struct ServiceCheck: Sendable, Codable, Equatable {
    public var host: String
    public var port: Int
    public var expect: String

    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

public enum AccountFileFormat: String, Sendable, Codable, CaseIterable {
    case passwdFile = "passwd-file"
    case userlist
}

public struct AccountFile: Sendable {
    public var path: String
    public var format: AccountFileFormat
}

public struct AccountsPlan: Sendable {
    public var index: AccountFile
    public var importList: AccountFile
    public var passwordScheme: PasswordScheme
    public var recipientMap: RecipientMapPlan?
    /// How many accounts one import may remove (`accounts.maxRemoved`, default half of them).
    public var maxRemoved: RemovalThreshold = .standard
}

public struct RecipientMapPlan: Sendable {
    public var path: String
    public var reload: ExternalCommand?
}

public enum MailboxLayoutKind: String, Sendable, Codable, CaseIterable {
    case maildir, msgdir, mbox
}

/// Where an account's mail lives: a root folder, a layout and a path template.
public struct MailStore: Sendable {
    public var root: String
    public var layout: MailboxLayoutKind
    public var template: MailboxPathTemplate

    public func folder(of userID: String, domain: String) -> String {
        root + "/" + template.relativePath(domain: domain, userID: userID)
    }
}

public struct MailboxesPlan: Sendable {
    public var store: MailStore
    public var removedPrefix: String
    public var createForNewAccounts: Bool
    /// Folders outside the mail root that account folders may be symbolic links into (big mailboxes moved to
    /// another disk); no other link is followed.
    public var linkedRoots: [String]
}

public struct RoutesPlan: Sendable {
    public var path: String
    /// Sorted by pattern: JSON objects carry no order, and the transport map must come out the same every run.
    public var set: [(pattern: String, nexthop: String)]
    public var reload: ExternalCommand?
}

public struct QueuePlan: Sendable {
    public var list: ExternalCommand
    public var flush: ExternalCommand?
}

public struct StragglersPlan: Sendable {
    /// The old side's mailboxes; nil means stragglers are looked for in the snapshotted tree itself.
    public var source: MailStore?
    public var move: Bool
    public var queue: QueuePlan?
}
