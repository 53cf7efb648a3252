import CutoverFormats
import CutoverSystem
import Foundation

/// Step 5: point the migrated domains' relay routes at the new server: each `routes.set` pattern's line in the
/// transport map is replaced (or added), every other byte kept; then `routes.reload` (e.g. `postmap`) runs.
public struct RewireRoutesStep: CutoverStep {
    public let name = StepName.rewireRoutes

    public init() {}

    /// The transport map now, as it must read, the line changes between the two, and a reload owed by an
    /// interrupted earlier run. Nil when the plan has no routes.
    public struct Rewrite: Sendable {
        var routes: RoutesPlan
        var current: String
        var wanted: String
        var changes: [RouteChange]
        var reloadOwed: Bool
    }

    public func work(_ context: StepContext) throws -> Rewrite? {
        guard let routes = context.plan.routes else { return nil }
        let current = try FileReading.text(routes.path)
        let result = try PostfixTransportMap.parse(current, file: routes.path).setting(routes.set)
        return Rewrite(routes: routes, current: current, wanted: result.map.render(), changes: result.changes,
                    reloadOwed: try file(context, routes).isReloadPending())
    }

    public func preview(_ work: Rewrite?) -> StepPlan {
        guard let work else { return StepPlan(step: name, summary: "no routes in the plan") }
        var actions = work.changes.map { PlannedAction(.route, $0.pattern, "\($0.before ?? "(none)") → \($0.after)") }
        if let reload = work.routes.reload, !work.changes.isEmpty || work.reloadOwed {
            actions.append(PlannedAction(.run, "\(reload)"))
        }
        return StepPlan(step: name, summary: "\(work.changes.count) routes to change in \(work.routes.path)",
                        actions: actions)
    }

    public func apply(_ work: Rewrite?, _ context: StepContext) throws -> StepPlan {
        guard let work else { return preview(work) }
        let file = file(context, work.routes)
        if work.changes.isEmpty {
            try file.finishPendingReload()
        } else {
            try file.write(work.wanted, current: work.current)
        }
        var done = preview(work)
        done.summary = "\(work.changes.count) routes changed in \(work.routes.path)"
        return done
    }

    public func scratchFolders(_ work: Rewrite?) -> [String] {
        work.map { [($0.routes.path as NSString).deletingLastPathComponent] } ?? []
    }

    public func verify(_ context: StepContext) throws -> Verification {
        guard let work = try work(context) else { return .holds }
        if let change = work.changes.first {
            return .pending("\(work.routes.path): '\(change.pattern)' does not route to the new nexthop yet")
        }
        if work.reloadOwed, let reload = work.routes.reload {
            return .pending("`\(reload)` has not run since \(work.routes.path) changed")
        }
        return .holds
    }

    private func file(_ context: StepContext, _ routes: RoutesPlan) -> ReloadedFile {
        ReloadedFile(context: context, path: routes.path, reload: routes.reload, markerName: "routes")
    }
}
