import CutoverKit
import CutoverTestSupport
import Foundation

/// A mini server in a fresh temporary folder, with the plan loaded and a fake world around it.
struct TestTree {
    let folder: TemporaryDirectory
    let server: MiniServer
    let world = FakeServer()

    static let index = [("alice", "a-pw", "Alice"), ("bob", "b-pw", "Bob"), ("carol", "c-pw", "Carol")]
    static let incoming = "alice,a-pw,Alice\nbob,new-pw,Bob\ndave,d-pw,江口 大輔\n"

    init(index: [(String, String, String)] = Self.index, incoming: String = Self.incoming,
         mailboxes: [String: Int] = ["alice": 2, "bob": 1, "carol": 3], extraPlan: [String: Any] = [:]) throws {
        folder = try TemporaryDirectory()
        server = try MiniServer(in: folder.path, index: index, incoming: incoming, mailboxes: mailboxes,
                                extraPlan: extraPlan)
    }

    func plan() throws -> Plan { try PlanLoader.load(server.planPath) }

    func context() throws -> StepContext { StepContext(plan: try plan(), effects: world.effects) }

    func run(_ options: RunOptions = RunOptions()) throws -> RunReport {
        let context = try context()
        return try Runner(context: context, steps: StandardSteps.of(context.plan)).run(options)
    }
}
