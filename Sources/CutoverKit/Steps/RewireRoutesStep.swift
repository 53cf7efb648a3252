import CutoverFormats
import CutoverSystem

/// Step 5: point the migrated domains' relay routes at the new server: each `routes.set` pattern's line in the
/// transport map is replaced (or added), every other byte kept; then `routes.reload` (e.g. `postmap`) runs.
public struct RewireRoutesStep: CutoverStep {
    public let name = StepName.rewireRoutes

    public init() {}

    public func preview(_ context: StepContext) throws -> StepPlan {
        guard let routes = context.plan.routes else { return StepPlan(step: name, summary: "no routes in the plan") }
        let rewrite = try rewritten(routes)
        var actions = rewrite.changes.map { PlannedAction(.route, $0.pattern, "\($0.before ?? "(none)") → \($0.after)") }
        if let reload = routes.reload, !actions.isEmpty { actions.append(PlannedAction(.run, "\(reload)")) }
        return StepPlan(step: name, summary: "\(rewrite.changes.count) routes to change in \(routes.path)",
                        actions: actions)
    }

    public func apply(_ context: StepContext) throws -> StepPlan {
        guard let routes = context.plan.routes else { return StepPlan(step: name, summary: "no routes in the plan") }
        let rewrite = try rewritten(routes)
        let file = ReloadedFile(context: context, path: routes.path, reload: routes.reload, markerName: "routes")
        if rewrite.changes.isEmpty {
            try file.finishPendingReload()
        } else {
            try file.write(rewrite.text, current: rewrite.current)
        }
        let actions = rewrite.changes.map { PlannedAction(.route, $0.pattern, "\($0.before ?? "(none)") → \($0.after)") }
        return StepPlan(step: name, summary: "\(rewrite.changes.count) routes changed in \(routes.path)", actions: actions)
    }

    public func verify(_ context: StepContext) throws -> Verification {
        guard let routes = context.plan.routes else { return .holds }
        if let change = try rewritten(routes).changes.first {
            return .pending("\(routes.path): '\(change.pattern)' does not route to the new nexthop yet")
        }
        let file = ReloadedFile(context: context, path: routes.path, reload: routes.reload, markerName: "routes")
        if try file.isReloadPending() { return .pending("`\(routes.reload!)` has not run since \(routes.path) changed") }
        return .holds
    }

    private func rewritten(_ routes: RoutesPlan) throws -> (current: String, text: String, changes: [RouteChange]) {
        let current = try FileReading.text(routes.path)
        let result = try PostfixTransportMap.parse(current, file: routes.path).setting(routes.set)
        return (current, result.map.render(), result.changes)
    }
}
