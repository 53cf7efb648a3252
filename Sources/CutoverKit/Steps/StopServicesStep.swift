import CutoverSystem

/// Step 1: stop every mail service and prove it is down: each check's port must refuse connections.
public struct StopServicesStep: CutoverStep {
    public let name = StepName.stopServices

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        let checks = ServiceChecks(context: context)
        let running = context.plan.services.filter { !checks.isDown($0) }
        let actions = context.plan.services.map { service in
            checks.isDown(service)
                ? PlannedAction(.keep, service.name, "already down")
                : PlannedAction(.stop, service.name, "\(service.stop), then wait until every port refuses")
        }
        return StepPlan(step: name, summary: "\(running.count) of \(context.plan.services.count) services to stop",
                        actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan {
        let checks = ServiceChecks(context: context)
        var actions: [PlannedAction] = []
        for service in context.plan.services where !checks.isDown(service) {
            context.progress("stopping \(service.name): \(service.stop)")
            try checks.drive(service, with: service.stop, until: { checks.isDown(service) }, failure: "is still up",
                             step: name)
            actions.append(PlannedAction(.stop, service.name, "down: every port refuses"))
        }
        return StepPlan(step: name, summary: "\(actions.count) services stopped", actions: actions)
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let checks = ServiceChecks(context: context)
        for service in context.plan.services where !checks.isDown(service) {
            return .pending("\(service.name) is up: \(checks.describe(service))")
        }
        return .holds
    }
}

extension ProcessResult {
    /// How a command ended, for a one-line message: "exited 0", or the status and the last line it printed.
    var ending: String {
        let lastLine = output.split(whereSeparator: \.isNewline).last.map(String.init)
        return "exited \(exitStatus)" + (succeeded ? "" : ": " + (lastLine ?? "(no output)"))
    }
}
