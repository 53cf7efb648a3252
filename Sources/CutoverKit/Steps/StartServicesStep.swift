/// Step 7: start every mail service and prove it answers: each check must read the expected greeting.
public struct StartServicesStep: CutoverStep {
    public let name = StepName.startServices
    public let role = StepRole.closing

    public init() {}

    /// Every service of the plan: the step's promise is "all answer", whatever each one is doing now.
    public func work(_ context: StepContext) throws -> [ServicePlan] { context.plan.services }

    public func preview(_ services: [ServicePlan]) -> StepPlan {
        StepPlan(step: name, summary: "\(services.count) services to start and check",
                 actions: services.map(Self.action))
    }

    public func apply(_ services: [ServicePlan], _ context: StepContext) throws -> StepPlan {
        let checks = ServiceChecks(context: context)
        for service in services where !checks.isUp(service) {
            try context.checkpoint()
            context.progress("starting \(service.name): \(service.start)")
            try checks.drive(service, with: service.start, until: { checks.isUp(service) },
                             failure: "does not answer", step: name)
        }
        return StepPlan(step: name, summary: "\(services.count) services started and answering",
                        actions: services.map(Self.action))
    }

    public func verify(_ context: StepContext) throws -> Verification {
        let checks = ServiceChecks(context: context)
        for service in context.plan.services where !checks.isUp(service) {
            return .pending("\(service.name) is not answering: \(checks.describe(service))")
        }
        return .holds
    }

    private static func action(_ service: ServicePlan) -> PlannedAction {
        PlannedAction(.start, service.name, "\(service.start), then wait for "
            + service.checks.map { "\($0.endpoint) '\($0.expect)'" }.joined(separator: ", "))
    }
}
