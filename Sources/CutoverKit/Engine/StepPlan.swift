/// What a step would do (preview) or did (apply): a summary line with counts, and every action in order.
public struct StepPlan: Sendable, Codable, Equatable {
    public var step: StepName
    public var summary: String
    public var actions: [PlannedAction]

    public init(step: StepName, summary: String, actions: [PlannedAction] = []) {
        self.step = step
        self.summary = summary
        self.actions = actions
    }

    public var warnings: [PlannedAction] { actions.filter { $0.kind == .warning } }
}

/// One thing a step changes, checks or reports. `kind` is a closed set so dry-run and apply read alike.
public struct PlannedAction: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case stop, start, copy, add, remove, change, keep, rename, create, route, run, move, note, warning

        /// Display symbol, Terraform-style.
        var symbol: String {
            switch self {
            case .add, .create, .copy: return "+"
            case .remove: return "-"
            case .change, .route: return "~"
            case .rename, .move: return ">"
            case .stop, .start, .run: return "*"
            case .keep, .note: return "="
            case .warning: return "!"
            }
        }
    }

    public var kind: Kind
    public var subject: String
    public var detail: String?

    public init(_ kind: Kind, _ subject: String, _ detail: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }
}
