/// Step 7: start every mail service and prove it answers: each check must read the expected greeting.
public struct StartServicesStep: CutoverStep {
    public let name = StepName.startServices

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        let actions = context.plan.services.map { service in
            PlannedAction(.start, service.name, "\(service.start), then wait for "
                + service.checks.map { "\($0.endpoint) '\($0.expect)'" }.joined(separator: ", "))
        }
        return StepPlan(step: name, summary: "\(context.plan.services.count) services to start and check",
                        actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan {
        let checks = ServiceChecks(context: context)
        var actions: [PlannedAction] = []
        for service in context.plan.services where !checks.isUp(service) {
            context.progress("starting \(service.name): \(service.start)")
            try checks.drive(service, with: service.start, until: { checks.isUp(service) },
                             failure: "does not answer", step: name)
            actions.append(PlannedAction(.start, service.name, "up: " + checks.describe(service)))
        }
        return StepPlan(step: name, summary: "\(actions.count) services started", actions: actions)
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let checks = ServiceChecks(context: context)
        for service in context.plan.services where !checks.isUp(service) {
            return .pending("\(service.name) is not answering: \(checks.describe(service))")
        }
        return .holds
    }
}
