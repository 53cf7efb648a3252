import CutoverSystem

/// Step 1: stop every mail service and prove it is down: each check's port must refuse connections.
public struct StopServicesStep: CutoverStep {
    public let name = StepName.stopServices
    public let role = StepRole.opening

    public init() {}

    /// Every service of the plan: the step's promise is "all down", whatever each one is doing now.
    public func work(_ context: StepContext) throws -> [ServicePlan] { context.plan.services }

    public func preview(_ services: [ServicePlan]) -> StepPlan {
        StepPlan(step: name, summary: "\(services.count) services to stop", actions: services.map(Self.action))
    }

    public func apply(_ services: [ServicePlan], _ context: StepContext) throws -> StepPlan {
        let checks = ServiceChecks(context: context)
        for service in services where !checks.isDown(service) {
            try context.checkpoint()
            context.progress("stopping \(service.name): \(service.stop)")
            try checks.drive(service, with: service.stop, until: { checks.isDown(service) }, failure: "is still up",
                             step: name)
        }
        return StepPlan(step: name, summary: "\(services.count) services stopped", actions: services.map(Self.action))
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let checks = ServiceChecks(context: context)
        for service in context.plan.services where !checks.isDown(service) {
            return .pending("\(service.name) is up: \(checks.describe(service))")
        }
        return .holds
    }

    private static func action(_ service: ServicePlan) -> PlannedAction {
        PlannedAction(.stop, service.name, "\(service.stop), then wait until "
            + service.checks.map(\.endpoint).joined(separator: ", ") + " refuse connections")
    }
}
