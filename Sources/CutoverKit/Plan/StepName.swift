/// The names steps are journaled under: the seven steps of a cutover, in the only order the runner accepts, and
/// the steps of `cutover prestage`, which a plan's `steps` never names.
public enum StepName: String, Sendable, Codable, CaseIterable, Comparable {
    case stopServices = "stop-services"
    case snapshot
    case importAccounts = "import-accounts"
    case renameRemoved = "rename-removed"
    case rewireRoutes = "rewire-routes"
    case verifyStragglers = "verify-stragglers"
    case startServices = "start-services"
    case prestageSnapshot = "prestage-snapshot"
    case prestageImport = "prestage-import"

    /// The seven steps of a cutover: what a plan's `steps`, `--only` and `--from` may name.
    public static let cutover: [StepName] = [
        .stopServices, .snapshot, .importAccounts, .renameRemoved, .rewireRoutes, .verifyStragglers, .startServices,
    ]

    var position: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: StepName, rhs: StepName) -> Bool { lhs.position < rhs.position }
}
