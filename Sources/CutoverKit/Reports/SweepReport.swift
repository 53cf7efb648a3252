import CutoverSystem
import Foundation

/// What `cutover sweep` did: each pass's run report, and when the latest straggler reached the old side.
public struct SweepReport: Sendable, Codable, Equatable {
    public var plan: String
    public var passes: [RunReport] = []
    /// Stragglers the passes of this sweep moved (or copied).
    public var moved: Int = 0
    /// RFC 3339 UTC arrival time of the latest straggler copied in, per account, from the ledger.
    public var lastSeen: [String: String] = [:]
    public var lastSeenOverall: String?
    /// With `--until-quiet`: the sweep ended because nothing arrived for this long.
    public var quietFor: String?

    public init(plan: String) { self.plan = plan }

    /// Adds a pass and reads the ledger on for the "last seen" times (keeping its summary of them, but not in a
    /// dry run, which writes nothing).
    public mutating func add(_ pass: RunReport, state: StateFolder, dryRun: Bool) {
        passes.append(pass)
        moved += pass.movedStragglers
        // A damaged ledger has already failed the pass, which says so; the times are then simply not known.
        let keeping = dryRun ? nil : Ownership.ofThisProcess(mode: 0o600)
        let latest = (try? StragglerLedger(state: state).lastCopied(keeping: keeping)) ?? [:]
        let format = { (seconds: Double) in Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: seconds)) }
        lastSeen = latest.mapValues(format)
        lastSeenOverall = latest.values.max().map(format)
    }
}

extension RunReport {
    /// Messages this run copied or moved into new mailboxes.
    public var movedStragglers: Int {
        steps.filter { $0.outcome == .applied }.flatMap(\.actions)
            .filter { $0.kind == .move || $0.kind == .copy }.count
    }
}
