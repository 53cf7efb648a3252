import CutoverFormats
import CutoverSystem
import Foundation

/// Step 6: copy every message the old side holds and the account's new mailbox lacks into it, never twice
/// (Message-ID + content digest, and the ledger); with `move`, remove the source only once the copy is durable.
/// Lists the old server's queue for the domain and flushes it. Reports what it could not move.
///
/// One pass is one `StragglerWork` value, computed once from the world: preview and apply render the same
/// actions from it, and apply executes exactly it.
public struct VerifyStragglersStep: CutoverStep {
    public let name = StepName.verifyStragglers

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        let work = try work(context)
        let actions = work.actions(previous: try StragglerPass.read(context.state)) + queueActions(context)
        return StepPlan(step: name, summary: "\(work.toCopy.count) stragglers to copy, \(work.unmovedCount) unmovable",
                        actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan { try pass(context).plan }

    /// One pass: the step's apply, plus the summary `sweep` prints and the audit keeps.
    public func pass(_ context: StepContext) throws -> (plan: StepPlan, summary: StragglerSummary) {
        let work = try work(context)
        let previous = try StragglerPass.read(context.state)
        try context.state.create()
        let thisPass = StragglerPass(keys: work.pendingKeys.sorted())
        try thisPass.write(context.state)
        let (moved, failures) = try execute(work, context)
        try work.cache.save(ownership: Self.stateFileOwnership)
        let after = try self.work(context)
        try after.cache.save(ownership: Self.stateFileOwnership)
        let arrived = thisPass.split(after).arrivedSince
        // One message that cannot be placed does not stop the others; the step fails after them, naming it.
        if let first = failures.first {
            throw StepFailure("\(failures.count) stragglers not moved; first: \(first.path): \(first.reason)", step: name)
        }
        let queue = try QueueCheck(context: context).run()
        try AtomicFile.write(try routesFingerprint(context), to: context.state.queueCheckedMarker)
        var actions = work.actions(previous: previous) + queue
        if arrived > 0 {
            actions.append(PlannedAction(.note, "stragglers", "\(arrived) messages arrived on the old side during "
                + "this pass; the next pass (`cutover sweep`) moves them"))
        }
        let plan = StepPlan(step: name, summary: "\(moved.count) stragglers \(work.move ? "moved" : "copied"), "
            + "\(work.unmovedCount) unmovable", actions: actions)
        return (plan, StragglerSummary(work, moved: moved, failed: failures, arrivedDuringPass: arrived))
    }

    /// Holds when no straggler is owed (within the run that made the latest pass: none of what that pass found;
    /// what arrived since is the next pass's work), and the old queue was flushed after the routes took their
    /// current form.
    public func verify(_ context: StepContext) throws -> Verification {
        let work = try work(context)
        let owed = try StragglerPass.current(context.state).map { $0.split(work).owed } ?? work.pendingKeys
        if let first = (work.toCopy + work.toRecord + work.toRemove).first(where: { owed.contains($0.key) }) {
            return .pending("\(owed.count) old-side messages still to copy, record or remove, e.g. \(first.source)")
        }
        if context.plan.stragglers.queue != nil, try queueCheckedFor(context) != routesFingerprint(context) {
            return .pending("the old queue has not been listed and flushed since the routes took their current form")
        }
        return .holds
    }

    private static var stateFileOwnership: Ownership { Ownership(uid: getuid(), gid: getgid(), mode: 0o600) }

    private func work(_ context: StepContext) throws -> StragglerWork {
        try StragglerScan(plan: context.plan, state: context.state).work()
    }

    /// Copies (or moves), then records what was already there, then removes sources already handled. Copies go in
    /// batches: each batch durable, then recorded with one ledger flush, then (with `move`) its sources removed.
    private func execute(_ work: StragglerWork, _ context: StepContext) throws
        -> (moved: [StragglerWork.Item], failures: [StragglerWork.Unmovable]) {
        let mover = StragglerMover(ledger: StragglerLedger(state: context.state), into: context.plan.mailboxes.store.layout)
        var moved: [StragglerWork.Item] = []
        var failures: [StragglerWork.Unmovable] = []
        for start in stride(from: 0, to: work.toCopy.count, by: Self.batch) {
            var placed: [StragglerWork.Item] = []
            for item in work.toCopy[start..<min(start + Self.batch, work.toCopy.count)] {
                context.progress("straggler: \(item.source) → \(item.target)")
                do {
                    try mover.copy(item)
                    placed.append(item)
                } catch {
                    failures.append(.init(account: item.account, path: item.source, reason: "\(error)"))
                }
            }
            try mover.ledger.record(placed.map { mover.entry($0, .copied) })
            moved += placed
            for item in placed where work.move && item.sourceLayout != .mbox {
                do {
                    try mover.removeSource(item)
                } catch {
                    failures.append(.init(account: item.account, path: item.source, reason: "copied, not removed: \(error)"))
                }
            }
        }
        try mover.ledger.record(work.toRecord.map { mover.entry($0, .present) })
        for item in work.toRemove {
            do {
                try mover.removeSource(item)
            } catch {
                failures.append(.init(account: item.account, path: item.source, reason: "not removed: \(error)"))
            }
        }
        return (moved, failures)
    }

    /// Copies per ledger flush: fewer flushes, and a crash loses at most a batch's records, whose copies the next
    /// pass then finds in the new mailbox and records.
    private static let batch = 256

    /// The queue must be flushed after the routes are rewired: the marker holds the transport map's digest at the
    /// time of the last flush, so rewiring again (or for the first time) makes the flush due again.
    private func routesFingerprint(_ context: StepContext) throws -> String {
        guard let routes = context.plan.routes, try FileStatus.ifExists(routes.path) != nil else { return "no routes\n" }
        return try FileReading.digest(routes.path).digest + "\n"
    }

    private func queueCheckedFor(_ context: StepContext) throws -> String? {
        let marker = context.state.queueCheckedMarker
        return try FileStatus.ifExists(marker) == nil ? nil : try FileReading.text(marker)
    }

    private func queueActions(_ context: StepContext) -> [PlannedAction] {
        guard let queue = context.plan.stragglers.queue else { return [] }
        return [PlannedAction(.run, "\(queue.list)", "list the old queue")]
            + (queue.flush.map { [PlannedAction(.run, "\($0)", "flush the old queue")] } ?? [])
    }
}
