import CutoverFormats
import CutoverSystem
import Foundation

/// Step 6: find mail that reached the old side after the snapshot and copy it into the account's new mailbox,
/// never twice (Message-ID + content digest); with `move`, remove the source only once the copy is durable.
/// Lists the old server's queue for the domain and flushes it. Reports what it could not move.
public struct VerifyStragglersStep: CutoverStep {
    public let name = StepName.verifyStragglers

    public init() {}

    /// What the old side holds that the new side lacks, and whether the old queue is due a listing and flush.
    public struct Work: Sendable {
        /// Nil until a snapshot exists: without a separate source, stragglers are what arrived after it.
        var scan: StragglerScan?
        var move: Bool
        var queue: QueuePlan?
    }

    public func work(_ context: StepContext) throws -> Work {
        let scan = try context.state.latestSnapshot().map { try self.scan(context, $0) }
        return Work(scan: scan, move: context.plan.stragglers.move, queue: context.plan.stragglers.queue)
    }

    public func preview(_ work: Work) -> StepPlan {
        guard let scan = work.scan else {
            return StepPlan(step: name, summary: "no snapshot yet: stragglers are what reaches the old side after it",
                            actions: queueActions(work.queue))
        }
        return StepPlan(step: name, summary: "\(scan.toCopy.count) stragglers to copy, \(scan.unmovable.count) unmovable",
                        actions: describe(scan, move: work.move) + queueActions(work.queue))
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        // Without a snapshot nothing can have arrived after it: only the queue is due.
        let scan = work.scan ?? StragglerScan()
        let ledger = StragglerLedger(state: context.state)
        try context.state.create()
        var failures: [String] = []
        for straggler in scan.toCopy {
            context.progress("straggler: \(straggler.source) → \(straggler.destination)")
            do {
                try place(straggler, ledger: ledger, move: work.move)
            } catch {
                failures.append("\(straggler.source): \(error)")
            }
        }
        for straggler in scan.toRemove {
            do {
                try removeSource(straggler)
            } catch {
                failures.append("\(straggler.source) not removed: \(error)")
            }
        }
        // One message that cannot be placed does not stop the others; the step fails after them, naming it.
        if let first = failures.first {
            throw StepFailure("\(failures.count) stragglers not moved; first: \(first)", step: name)
        }
        let queueOutcome = try QueueCheck(context: context).run()
        try AtomicFile.write(try routesFingerprint(context), to: context.state.marker(Self.queueChecked))
        var done = preview(work)
        done.summary = "\(scan.toCopy.count) stragglers \(work.move ? "moved" : "copied"), \(scan.unmovable.count) unmovable"
        done.actions += queueOutcome.filter { $0.kind == .warning }
        return done
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let scan = try work(context).scan ?? StragglerScan()
        if let first = scan.toCopy.first { return .pending("\(scan.toCopy.count) stragglers to copy, e.g. \(first.source)") }
        if let first = scan.toRemove.first { return .pending("\(first.source) is copied but not yet removed") }
        if context.plan.stragglers.queue != nil, try queueCheckedFor(context) != routesFingerprint(context) {
            return .pending("the old queue has not been listed and flushed since the routes took their current form")
        }
        return .holds
    }

    /// Unmovable stragglers are reported on every run, also when there is nothing left to move.
    public func standingWarnings(_ context: StepContext) throws -> [PlannedAction] {
        preview(try work(context)).warnings
    }

    /// Holds the transport map's digest at the time of the last queue flush.
    static let queueChecked = "queue-checked"

    /// The queue must be flushed after the routes are rewired: the marker holds the transport map's digest at the
    /// time of the last flush, so rewiring again (or for the first time) makes the flush due again.
    private func routesFingerprint(_ context: StepContext) throws -> String {
        guard let routes = context.plan.routes, try FileStatus.ifExists(routes.path) != nil else { return "no routes\n" }
        return try FileReading.digest(routes.path).digest + "\n"
    }

    private func queueCheckedFor(_ context: StepContext) throws -> String? {
        let marker = context.state.marker(Self.queueChecked)
        return try FileStatus.ifExists(marker) == nil ? nil : try FileReading.text(marker)
    }

    private func scan(_ context: StepContext, _ snapshot: SnapshotFolder) throws -> StragglerScan {
        try StragglerScan.scan(context.plan, snapshot: snapshot, accounts: AccountFiles(plan: context.plan),
                               state: context.state)
    }

    /// Copy into the account's mailbox, creating the folders the copy needs with the account's ownership, record
    /// the copy in the ledger, and with `move` remove the source once the copy is durable.
    private func place(_ straggler: StragglerScan.Straggler, ledger: StragglerLedger, move: Bool) throws {
        let folder = (straggler.destination as NSString).deletingLastPathComponent
        var missing: [String] = []
        var probe = folder
        while try FileStatus.ifExists(probe) == nil {
            missing.insert(probe, at: 0)
            probe = (probe as NSString).deletingLastPathComponent
        }
        for path in missing {
            let parent = (path as NSString).deletingLastPathComponent
            try Directories.create(path, ownership: try AccountFolderOwnership.forNewFolder(in: parent))
        }
        let account = accountFolder(containing: folder)
        let copied = try DurableCopy.copyFile(from: straggler.source, to: straggler.destination,
                                              ownership: try AccountFolderOwnership.forMessage(in: account))
        guard copied == straggler.digest else {
            // Still being written on the old side when it was read: take the half copy back, try again next run.
            try Directories.removeFile(straggler.destination)
            throw StepFailure("it changed while it was being copied; the next run copies it again")
        }
        try ledger.record(.init(account: straggler.userID, digest: straggler.digest, source: straggler.source,
                                destination: straggler.destination))
        if move { try removeSource(straggler) }
    }

    /// Removes the old side's copy, but only if it is still the message that was copied.
    private func removeSource(_ straggler: StragglerScan.Straggler) throws {
        guard try FileReading.digest(straggler.source).digest == straggler.digest else {
            throw StepFailure("it changed since it was copied; left in place")
        }
        try Directories.removeFile(straggler.source)
    }

    /// The maildir or msgdir folder a message path belongs to (the parent of `cur`/`new`, or the folder itself).
    private func accountFolder(containing folder: String) -> String {
        let last = (folder as NSString).lastPathComponent
        return last == "cur" || last == "new" ? (folder as NSString).deletingLastPathComponent : folder
    }

    private func describe(_ scan: StragglerScan, move: Bool) -> [PlannedAction] {
        scan.toCopy.map { PlannedAction(move ? .move : .copy, $0.source, "→ \($0.destination)") }
            + scan.toRemove.map {
                PlannedAction(.remove, $0.source, "already delivered to \($0.userID)'s new mailbox (found there by Message-ID and content, or copied by an earlier run)")
            }
            + scan.arrivedInPlace.map { PlannedAction(.note, $0, "arrived after the snapshot") }
            + scan.unmovable.map { PlannedAction(.warning, $0.path, "straggler not moved: \($0.reason)") }
    }

    private func queueActions(_ queue: QueuePlan?) -> [PlannedAction] {
        guard let queue else { return [] }
        return [PlannedAction(.run, "\(queue.list)", "list the old queue")]
            + (queue.flush.map { [PlannedAction(.run, "\($0)", "flush the old queue")] } ?? [])
    }
}
