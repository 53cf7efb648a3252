import CutoverFormats
import CutoverKit
import CutoverTestSupport
import Foundation
import Testing

@Suite("Plan loading and validation")
struct PlanLoaderTests {
    /// A plan in the contract's format loads with paths resolved against the plan's folder and default steps.
    @Test func loadsAndResolvesRelativePaths() throws {
        let tree = try TestTree()
        let plan = try tree.plan()
        #expect(plan.accounts.index.path == tree.folder.path + "/passwd")
        #expect(plan.stateDir == tree.folder.path + "/state")
        #expect(plan.steps == StepName.cutover)
        #expect(plan.routes?.set.first?.nexthop == "smtp:[192.0.2.20]:25")
    }

    /// Every missing or mistyped key is reported at once, each by its full key path.
    @Test func reportsEveryProblemTogether() throws {
        let tree = try TestTree()
        try tree.server.write("plan.json", #"{"version": 2, "domain": "bad domain", "accounts": {"index": {"path": 3}}, "mailboxes": {"root": "mail", "layout": "zip"}}"#)
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        let text = error.description
        for expected in ["`version`", "`stateDir`: missing key", "`domain`", "`accounts.index.path`: must be a string",
                         "`accounts.index.format`: missing key", "`accounts.import`: missing key", "`mailboxes.layout`"] {
            #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
    }

    /// Steps out of the fixed order are refused (a plan must not import before it snapshots).
    @Test func refusesStepsOutOfOrder() throws {
        let tree = try TestTree(extraPlan: ["steps": ["import-accounts", "snapshot"]])
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        #expect(error.description.contains("`steps`"))
    }

    /// Malformed JSON names the plan file and the line.
    @Test func malformedJSONNamesTheLine() throws {
        let tree = try TestTree()
        try tree.server.write("plan.json", "{\n  \"version\": 1,\n  \"name\": oops\n}\n")
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        #expect(error.problems.first?.file.hasSuffix("plan.json") == true)
        #expect(error.problems.first?.line == 3)
    }

    /// A bad import line is reported with the import file and its line number; the password is not echoed.
    @Test func badImportLineNamesFileAndLine() throws {
        let tree = try TestTree(incoming: "alice,a-pw,Alice\n../evil,secret-pw\nalice,again\n")
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        let lines = error.problems.filter { $0.file.hasSuffix("accounts.txt") }.compactMap(\.line)
        #expect(lines == [2, 3])
        #expect(!error.description.contains("secret-pw"))
    }

    /// A missing index file is named, with the plan key that names it.
    @Test func missingFileIsNamed() throws {
        let tree = try TestTree()
        try FileManager.default.removeItem(atPath: tree.folder.path + "/passwd")
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        #expect(error.description.contains("passwd: no such file (named by `accounts.index.path`)"))
    }

    /// A state folder inside the mail root would snapshot itself: refused.
    @Test func stateDirInsideMailRootIsRefused() throws {
        let tree = try TestTree(extraPlan: ["stateDir": "mail/state"])
        let error = try #require(throws: PlanInvalid.self) { try tree.plan() }
        #expect(error.description.contains("`stateDir` must not be inside"))
    }

    /// An empty step list is a mistake, not a plan: refused.
    @Test func refusesEmptySteps() throws {
        let tree = try TestTree(extraPlan: ["steps": []])
        #expect(try #require(throws: PlanInvalid.self) { try tree.plan() }.description.contains("`steps`: names no step"))
    }

    /// A service without checks could never be proven down or up: refused.
    @Test func refusesServiceWithoutChecks() throws {
        let noChecks = try TestTree(extraPlan: ["services": [["name": "webmail", "stop": ["x"], "start": ["y"], "checks": []]]])
        #expect(try #require(throws: PlanInvalid.self) { try noChecks.plan() }.description.contains("`services[0].checks`"))
    }
}
