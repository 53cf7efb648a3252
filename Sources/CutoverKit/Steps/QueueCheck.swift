import CutoverFormats
import CutoverSystem

/// Lists the old server's queue for the plan's domain and flushes it. A queue command that fails (its server may
/// be stopped at this point) becomes a warning with its output, never silence.
struct QueueCheck {
    let context: StepContext

    func run() throws -> [PlannedAction] {
        guard let queue = context.plan.stragglers.queue else { return [] }
        var actions: [PlannedAction] = []
        let listing = try context.run(queue.list, timeoutSeconds: 60)
        if listing.succeeded {
            do {
                let suffix = "@" + context.plan.domain.lowercased()
                let ours = try PostqueueListing.parse(listing.output, file: "\(queue.list)").filter { message in
                    message.recipients.contains { $0.lowercased().hasSuffix(suffix) }
                }
                actions.append(ours.isEmpty
                    ? PlannedAction(.note, "queue", "no queued mail for \(context.plan.domain)")
                    : PlannedAction(.warning, "queue", "\(ours.count) queued messages for \(context.plan.domain): "
                        + ours.map(\.queueID).joined(separator: " ")))
            } catch {
                actions.append(PlannedAction(.warning, "\(queue.list)", "unreadable output: \(error)"))
            }
        } else {
            actions.append(PlannedAction(.warning, "\(queue.list)", listing.ending))
        }
        if let flush = queue.flush {
            let result = try context.run(flush, timeoutSeconds: 60)
            actions.append(result.succeeded
                ? PlannedAction(.run, "\(flush)", "queue flushed")
                : PlannedAction(.warning, "\(flush)", result.ending))
        }
        return actions
    }
}
