import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("mass removal is refused")
struct MassRemovalTests {
    static let eight = (1...8).map { ("user\($0)", "pw\($0)", "User \($0)") }

    static func list(keeping count: Int) -> String {
        (1...8).prefix(count).map { "user\($0),pw\($0)\n" }.joined()
    }

    /// An empty import list, or one of comments only, would remove every account: refused, naming the file.
    @Test(arguments: ["", "# FY2027 accounts\n\n# none yet\n"])
    func emptyListIsRefused(_ content: String) throws {
        let tree = try TestTree(incoming: content)
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        #expect(error.description.contains("accounts.txt: the import list holds no account of example.jp"))
    }

    /// By default an import may remove half the accounts: 4 of 8 passes, 5 of 8 is refused with the count, the
    /// threshold and the key that raises it.
    @Test func defaultIsHalf() throws {
        let fine = try TestTree(index: Self.eight, incoming: Self.list(keeping: 4))
        let limit = try fine.plan().removalLimit()
        #expect(limit.removed == 4 && limit.total == 8 && limit.allowed == 4 && limit.threshold == .percent(50))
        let tooMany = try TestTree(index: Self.eight, incoming: Self.list(keeping: 3))
        let message = try #require(throws: PlanInvalid.self) { try tooMany.plan() }.description
        #expect(message.contains("would remove 5 of the 8 accounts, more than `accounts.maxRemoved` \"50%\" allows (4)"))
        #expect(message.contains("set `accounts.maxRemoved` to 5 or more"))
    }

    /// `accounts.maxRemoved` sets the threshold either way, as a count or a percentage.
    @Test func planSetsTheThreshold() throws {
        let raised = try TestTree(index: Self.eight, incoming: Self.list(keeping: 1), extraPlan: ["accounts": [
            "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "accounts.txt", "format": "userlist"],
            "maxRemoved": 7]])
        #expect(try raised.plan().accounts.maxRemoved == .count(7))
        let lowered = try TestTree(index: Self.eight, incoming: Self.list(keeping: 6), extraPlan: ["accounts": [
            "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "accounts.txt", "format": "userlist"],
            "maxRemoved": "10%"]])
        #expect(try #require(throws: PlanInvalid.self) { try lowered.plan() }.description.contains("(0)"))
    }

    /// A threshold that is neither a count nor a percentage is a plan error naming the key.
    @Test func badThresholdIsRefused() throws {
        for value in [-1 as Any, "lots", "150%", true, 2.5] {
            let tree = try TestTree(extraPlan: ["accounts": [
                "index": ["path": "passwd", "format": "passwd-file"], "import": ["path": "accounts.txt", "format": "userlist"],
                "maxRemoved": value]])
            let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
            #expect(error.description.contains("`accounts.maxRemoved`"), "\(value)")
        }
    }
}
