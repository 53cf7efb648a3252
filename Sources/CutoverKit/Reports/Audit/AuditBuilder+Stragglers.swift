import CutoverFormats
import CutoverSystem
import Foundation

extension AuditBuilder {
    /// Mail on the old side that has not reached its new mailbox, the ledger's count of what did, the last sweep,
    /// and the old queue (listed only: the audit never flushes).
    mutating func auditStragglers() throws -> AuditReport.StragglersSection {
        let lastSeen = ledger.lastCopied.values.max()
            .map { Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: $0)) }
        var section = AuditReport.StragglersSection(moved: ledger.copied.values.reduce(0, +),
                                                    duplicatesSkipped: ledger.foundPresent, lastSeen: lastSeen,
                                                    lastSweep: try lastSweep(), unmoved: [], queue: nil)
        if plan.stragglers.source != nil || snapshot != nil {
            let work = try StragglerScan(plan: plan, state: state).work()
            section.unmoved = work.toCopy.map {
                AuditReport.UnmovedStraggler(path: relative($0.source), reason: "not copied yet: run `cutover sweep`")
            } + work.unmovable.map { AuditReport.UnmovedStraggler(path: relative($0.path), reason: $0.reason) }
                + work.outsideRoots.map {
                    AuditReport.UnmovedStraggler(path: relative($0.path), reason: "links to \($0.target), outside the roots")
                }
            section.unmoved.sort { $0.path < $1.path }
            for straggler in section.unmoved {
                add(.stragglerUnmoved, straggler.path, straggler.reason)
            }
            for removed in work.removedAccounts {
                add(.removedAccountMail, relative(removed.folder), "\(removed.messages) messages for removed account "
                    + "\(removed.account) stay on the old side; its mailbox on the new side is its renamed folder")
            }
        }
        if let queue = plan.stragglers.queue { section.queue = listQueue(queue.list) }
        return section
    }

    private func lastSweep() throws -> String? {
        try Journal.read(state).last { entry in
            entry.step == .verifyStragglers && (entry.event == .completed || entry.event == .skipped)
        }?.time
    }

    private mutating func listQueue(_ command: ExternalCommand) -> AuditReport.QueueState {
        var queue = AuditReport.QueueState(command: "\(command)", held: [], problem: nil)
        do {
            let result = try effects.processes.run(command, workingDirectory: plan.folder, environment: nil,
                                                   timeoutSeconds: 60)
            guard result.succeeded else {
                let last = result.output.split(whereSeparator: \.isNewline).last.map(String.init) ?? "(no output)"
                throw AuditFailure("exited \(result.exitStatus): \(last)")
            }
            let suffix = "@" + plan.domain.lowercased()
            queue.held = try PostqueueListing.parse(result.output, file: queue.command).filter { message in
                message.recipients.contains { $0.lowercased().hasSuffix(suffix) }
            }.map(\.queueID).sorted()
        } catch {
            queue.problem = "\(error)"
            add(.queueUnreadable, queue.command, "the old queue could not be listed: \(error)")
            return queue
        }
        if !queue.held.isEmpty {
            add(.queueNotEmpty, queue.command, "\(queue.held.count) messages for \(plan.domain) still queued: "
                + queue.held.joined(separator: " "))
        }
        return queue
    }
}
