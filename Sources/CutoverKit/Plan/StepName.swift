/// The seven steps of a cutover, in the only order the runner accepts.
public enum StepName: String, Sendable, Codable, CaseIterable, Comparable {
    case stopServices = "stop-services"
    case snapshot
    case importAccounts = "import-accounts"
    case renameRemoved = "rename-removed"
    case rewireRoutes = "rewire-routes"
    case verifyStragglers = "verify-stragglers"
    case startServices = "start-services"

    var position: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: StepName, rhs: StepName) -> Bool { lhs.position < rhs.position }
}
