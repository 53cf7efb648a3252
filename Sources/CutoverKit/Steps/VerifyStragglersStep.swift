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
    /// `cutover sweep`: the old queue is listed and flushed on every pass, not only after the routes change.
    public let sweeping: Bool

    public init(sweeping: Bool = false) {
        self.sweeping = sweeping
    }

    /// One pass: what the old side holds that the new side lacks, and the queue to list and flush.
    public struct Work: Sendable {
        var stragglers: StragglerWork
        var queue: QueuePlan?
    }

    /// In a real run every scan keeps what it digested, also when the step then has nothing to do: a sweep that
    /// finds nothing new must not read the old store again next time.
    public func work(_ context: StepContext) throws -> Work {
        try work(context, earlier: nil)
    }

    /// `work(context)`, taking up what an earlier scan of this process read (see `StragglerScan.earlier`).
    private func work(_ context: StepContext, earlier: StragglerScan.Earlier?) throws -> Work {
        let scan = {
            var scanned = try StragglerScan(plan: context.plan, state: context.state, earlier: earlier).work()
            if context.mayWriteState {
                try context.state.create()
                try scanned.cache.save(ownership: Self.stateFileOwnership)
                try scanned.handledFolders.save(ownership: Self.stateFileOwnership)
            }
            return scanned
        }
        let stragglers = try context.memo?.value("stragglers", scan) ?? scan()
        return Work(stragglers: stragglers, queue: context.plan.stragglers.queue)
    }

    public func preview(_ work: Work) -> StepPlan {
        StepPlan(step: name, summary: "\(work.stragglers.toCopy.count) stragglers to copy, "
            + "\(work.stragglers.unmovedCount) unmovable", actions: actions(work))
    }

    public func apply(_ work: Work, _ context: StepContext) throws -> StepPlan {
        let stragglers = work.stragglers
        try context.state.create()
        var cache = stragglers.cache
        let (moved, failures) = try execute(stragglers, context, caching: &cache)
        try cache.save(ownership: Self.stateFileOwnership)
        // Folders whose every message is now placed and recorded are not listed again while they stand still:
        // not by the check after this pass, nor by the next sweep.
        var handled = stragglers.handledFolders
        let failed = Set(failures.compactMap(\.account))
        for folder in stragglers.owedFolders where !failed.contains(folder.account) {
            handled.handled(folder.path, messages: folder.messages, stamps: folder.stamps)
        }
        try handled.save(ownership: Self.stateFileOwnership)
        // One message that cannot be placed does not stop the others; the step fails after them, naming it.
        if let first = failures.first {
            throw StepFailure("\(failures.count) stragglers not moved; first: \(first.path): \(first.reason)", step: name)
        }
        let queue = try QueueCheck(context: context).run()
        try AtomicFile.write(try routesFingerprint(context), to: context.state.marker(Self.queueChecked))
        var done = preview(work)
        done.summary = "\(moved.count) stragglers \(stragglers.move ? "moved" : "copied"), \(stragglers.unmovedCount) unmovable"
        done.actions += queue.filter { $0.kind == .warning }
        let arrived = try arrivedSince(work, context, earlier: (cache, stragglers.ledger, handled))
        if arrived > 0 {
            done.actions.append(PlannedAction(.note, "stragglers", "\(arrived) messages arrived on the old side during "
                + "this pass; the next pass (`cutover sweep`) moves them"))
        }
        return done
    }

    /// Holds when no old-side message is owed to the new side, and the old queue was flushed after the routes
    /// took their current form.
    public func verify(_ context: StepContext) throws -> Verification {
        owed(try work(context).stragglers.pendingKeys, queueDue: try isQueueDue(context))
    }

    /// After a pass, only what that pass set out to handle is owed: mail that reached the old side while it ran is
    /// the next pass's work, and must never keep the services down.
    public func verifyApplied(_ work: Work, _ context: StepContext) throws -> Verification {
        let fresh = try self.work(context).stragglers.pendingKeys
        let queueDue = sweeping ? false : try isQueueDue(context)
        return owed(fresh.intersection(work.stragglers.pendingKeys), queueDue: queueDue)
    }

    /// Unmovable stragglers are reported on every run, also when there is nothing left to move.
    public func standingWarnings(_ context: StepContext) throws -> [PlannedAction] {
        preview(try work(context)).warnings
    }

    /// The new-side folders copies go into: a copy killed mid-write left its temporary file there.
    public func scratchFolders(_ work: Work) -> [String] {
        work.stragglers.toCopy.map { ($0.target as NSString).deletingLastPathComponent }
    }

    /// Holds the transport map's digest at the time of the last queue flush.
    static let queueChecked = "queue-checked"

    private func owed(_ keys: Set<String>, queueDue: Bool) -> Verification {
        if !keys.isEmpty { return .pending("\(keys.count) old-side messages still to copy, record or remove") }
        if queueDue { return .pending("the old queue is to be listed and flushed") }
        return .holds
    }

    /// After the routes took their current form the old queue must be flushed once (on every pass, when sweeping).
    private func isQueueDue(_ context: StepContext) throws -> Bool {
        guard context.plan.stragglers.queue != nil else { return false }
        if sweeping { return true }
        return try queueCheckedFor(context) != routesFingerprint(context)
    }

    /// How many old-side messages are owed now that this pass did not know of. The rescan is kept (see `WorkMemo`)
    /// for the check after apply.
    private func arrivedSince(_ work: Work, _ context: StepContext, earlier: StragglerScan.Earlier) throws -> Int {
        let after = try self.work(context, earlier: earlier).stragglers
        return after.pendingKeys.subtracting(work.stragglers.pendingKeys).count
    }

    private func actions(_ work: Work) -> [PlannedAction] {
        work.stragglers.actions() + queueActions(work.queue)
    }

    private static var stateFileOwnership: Ownership { Ownership.ofThisProcess(mode: 0o600) }

    /// Copies (or moves), then records what was already there, then removes sources already handled. Copies go in
    /// batches: each batch durable, then recorded with one ledger flush, then (with `move`) its sources removed;
    /// a batch is settled so while the next one is copied (the flush waits for the disk, the copies for the cores).
    /// Each copy goes into `cache` as written, so the check after the pass does not read it back.
    private func execute(_ work: StragglerWork, _ context: StepContext, caching cache: inout DigestCache) throws
        -> (moved: [StragglerWork.Item], failures: [StragglerWork.Unmovable]) {
        let mover = StragglerMover(ledger: StragglerLedger(state: context.state),
                                   into: context.plan.mailboxes.store.layout, scanned: work.cache)
        var moved: [StragglerWork.Item] = []
        var failures: [StragglerWork.Unmovable] = []
        // Placed by the batch before, not yet durable nor recorded.
        var unsettled: [StragglerWork.Item] = []
        let settleFailed = SettleFailed()
        func settleWhatWasPlaced() throws {
            failures += try mover.settle(unsettled, move: work.move)
            moved += unsettled
            unsettled = []
        }
        for start in stride(from: 0, to: work.toCopy.count, by: Self.batch) {
            // A stop request ends the batch early; what was placed is recorded and (with `move`) removed first.
            let batch = work.toCopy[start..<min(start + Self.batch, work.toCopy.count)]
            let settling = unsettled
            let (copies, settled) = Parallel.both({
                mover.copy(batch) { item in
                    // No more copies once a stop is requested, or once the batch before could not be settled.
                    guard context.effects.interruption.requested == nil, !settleFailed.isSet else { return false }
                    context.progress("straggler: \(item.source) → \(item.target)")
                    return true
                }
            }, {
                let settled = Result { try mover.settle(settling, move: work.move) }
                if case .failure = settled { settleFailed.set() }
                return settled
            })
            if case .failure = settled {
                // This batch's copies have no record yet, and after a failed flush a later one would not say
                // whether they reached the disk: removed, so the next pass writes them again instead of trusting them.
                mover.discard(zip(batch, copies).compactMap { item, copy in
                    if case .success? = copy { item } else { nil }
                })
            }
            failures += try settled.get()
            moved += settling
            unsettled = []
            for (item, copy) in zip(batch, copies) {
                switch copy {
                case .success(let copy)?:
                    cache.store([copy.message], of: item.target, status: copy.status)
                    unsettled.append(item)
                case .failure(let error)?:
                    failures.append(.init(account: item.account, path: item.source, reason: "\(error)"))
                case nil:
                    continue
                }
            }
            // The request is kept once made: settled first, then the step stops here.
            if context.effects.interruption.requested != nil {
                try settleWhatWasPlaced()
                try context.checkpoint()
            }
        }
        try settleWhatWasPlaced()
        // Found in the new mailbox, but perhaps copied by a pass that died before its flush (or whose flush
        // failed): durable before it is recorded, and before its source goes.
        if !work.toRecord.isEmpty || !work.toRemove.isEmpty { try mover.flush(work.toRecord + work.toRemove) }
        try mover.ledger.record(work.toRecord.map { mover.entry($0, .present) })
        // A second copy of a message on the old side goes only once the first is safe in the new mailbox: when that
        // copy failed or was not made, both stay for the next pass.
        let placed = Set(moved.map(\.key))
        let meantToCopy = Set(work.toCopy.map(\.key))
        failures += mover.removeSources(work.toRemove.filter { placed.contains($0.key) || !meantToCopy.contains($0.key) },
                                        failure: "not removed")
        return (moved, failures)
    }

    /// Copies per flush (one syncfs, then one ledger append): each flush also waits for whatever else the host has
    /// written, so not too many of them. A crash loses at most two batches' records (one being settled while the
    /// next is copied), whose copies the next pass finds in the new mailbox and records; only a copy the user
    /// deleted within that fraction of a second before the crash would come back, so the batch stays small. A
    /// stop request ends a batch early.
    private static let batch = 1024

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

    private func queueActions(_ queue: QueuePlan?) -> [PlannedAction] {
        guard let queue else { return [] }
        return [PlannedAction(.run, "\(queue.list)", "list the old queue")]
            + (queue.flush.map { [PlannedAction(.run, "\($0)", "flush the old queue")] } ?? [])
    }
}

/// Set once settling a batch failed, read by the copies of the next one (which then stop).
private final class SettleFailed: @unchecked Sendable {
    private let lock = NSLock()
    private var failed = false

    var isSet: Bool { lock.withLock { failed } }
    func set() { lock.withLock { failed = true } }
}
