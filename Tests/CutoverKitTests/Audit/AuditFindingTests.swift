import CutoverKit
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

/// Each finding code, from a clean demo cutover with exactly one thing broken afterwards.
@Suite("audit: one problem, one finding")
struct AuditFindingTests {
    /// One problem, made in the demo world after its clean cutover.
    enum Problem: String, CaseIterable, CustomTestStringConvertible {
        case renamedMaildirFile, newUIDValidity, keptMailboxGone, strayFolder, deletedMessage, uidListNearLimit,
             uidFileNearLimit, hardLinkSplit, longForward, sieveGone, quotaExceeded, localRoute, routeNotRewired,
             staleLookup, queueHolds, queueFails, lateStraggler, serviceDown, renamedMailboxEdited,
             renamedMailboxGone, corruptUIDList

        var testDescription: String { rawValue }

        var expected: AuditFindingCode {
            switch self {
            case .renamedMaildirFile, .newUIDValidity: .identityChanged
            case .keptMailboxGone, .renamedMailboxGone: .missingMailbox
            case .strayFolder: .orphanMailbox
            case .deletedMessage: .messageCountMismatch
            case .uidListNearLimit, .uidFileNearLimit: .uidNearLimit
            case .hardLinkSplit: .hardlinkBroken
            case .longForward: .forwardTooLong
            case .sieveGone: .settingsNotCarried
            case .quotaExceeded: .overQuota
            case .localRoute: .routeStillLocal
            case .routeNotRewired: .routeNotRewired
            case .staleLookup: .routeLookupDiffers
            case .queueHolds: .queueNotEmpty
            case .queueFails: .queueUnreadable
            case .lateStraggler: .stragglerUnmoved
            case .serviceDown: .serviceDown
            case .renamedMailboxEdited: .renamedMailboxChanged
            case .corruptUIDList: .unreadableFile
            }
        }

        func make(in demo: DemoWorld) throws {
            let files = FileManager.default
            switch self {
            case .renamedMaildirFile:
                try files.moveItem(atPath: demo.mail + "/alice/cur/1700003600.M1P101.demo:2,S",
                                   toPath: demo.mail + "/alice/cur/1800000000.M1P1.newhost:2,S")
            case .newUIDValidity:
                try demo.write("bob/dovecot-uidlist", "3 V1800000000 N1 G89b711b55c9d8d338a564f4fe0ce3640\n")
            case .keptMailboxGone:
                try files.removeItem(atPath: demo.mail + "/dave")
            case .strayFolder:
                try files.createDirectory(atPath: demo.mail + "/zed/cur", withIntermediateDirectories: true)
            case .deletedMessage:
                try files.removeItem(atPath: demo.mail + "/dave/cur/1700036000.M10P110.demo:2,S")
            case .uidListNearLimit:
                try demo.write("grace/dovecot-uidlist", "3 V1700000400 N4294967002 G1\n")
            case .uidFileNearLimit:
                try demo.write("grace/uid", "4294967000\n")
            case .hardLinkSplit:
                try files.removeItem(atPath: demo.mail + "/erin/.qmail")
                try files.copyItem(atPath: demo.mail + "/erin/.forward", toPath: demo.mail + "/erin/.qmail")
            case .longForward:
                try demo.write("erin/.forward", "erin.evans." + String(repeating: "x", count: 120) + "@example.org\n")
            case .sieveGone:
                try files.removeItem(atPath: demo.mail + "/alice/.dovecot.sieve")
            case .quotaExceeded:
                let passwd = demo.tree.serverPath + "/passwd"
                let text = try String(contentsOfFile: passwd, encoding: .utf8).split(separator: "\n").map { line in
                    line.hasPrefix("grace@") ? line + ":userdb_quota_rule=*:storage=100B" : line
                }.joined(separator: "\n") + "\n"
                try text.write(toFile: passwd, atomically: true, encoding: .utf8)
            case .localRoute:
                try appendRoute(".example.jp\tlmtp:unix:private/dovecot-lmtp", demo)
            case .routeNotRewired:
                let path = demo.tree.serverPath + "/transport"
                try String(contentsOfFile: path, encoding: .utf8)
                    .replacingOccurrences(of: "smtp:[192.0.2.20]:25", with: "smtp:[192.0.2.10]:25")
                    .write(toFile: path, atomically: true, encoding: .utf8)
            case .staleLookup:
                try demo.editPlan { plan in
                    var routes = plan["routes"] as! [String: Any]
                    routes["reload"] = ["postmap", "../Fixtures/demo-server/transport"]
                    plan["routes"] = routes
                }
                // Postfix reads the compiled table; one left from before the rewire still routes to the old host.
                try Data("stale".utf8).write(to: URL(fileURLWithPath: demo.tree.serverPath + "/transport.db"))
                demo.world.on("postmap") { _ in ProcessResult(exitStatus: 0, output: "smtp:[192.0.2.10]:25\n") }
            case .queueHolds, .queueFails:
                try demo.editPlan { plan in
                    var stragglers = plan["stragglers"] as! [String: Any]
                    stragglers["queue"] = ["list": ["postqueue", "-j"]]
                    plan["stragglers"] = stragglers
                }
                let listing = #"{"queue_name": "deferred", "queue_id": "4BqJ4m2Xv0z1", "sender": "a@b", "#
                    + #""recipients": [{"address": "dave@example.jp"}]}"# + "\n"
                let result = self == .queueHolds ? ProcessResult(exitStatus: 0, output: listing)
                    : ProcessResult(exitStatus: 69, output: "postqueue: fatal: Queue report unavailable\n")
                demo.world.on("postqueue") { _ in result }
            case .lateStraggler:
                let folder = demo.tree.serverPath + "/old-mail/example.jp/dave/new"
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try "Message-ID: <late@old>\nSubject: late\n\nlate\n"
                    .write(toFile: folder + "/1800003600.M1P9.oldhost", atomically: true, encoding: .utf8)
            case .serviceDown:
                demo.world.set(52110, .refused)
            case .renamedMailboxEdited:
                try files.removeItem(atPath: demo.mail + "/~carol.2/cur/1700028800.M8P108.demo:2,S")
            case .renamedMailboxGone:
                try files.removeItem(atPath: demo.mail + "/~carol.2")
            case .corruptUIDList:
                try demo.write("bob/dovecot-uidlist", "garbage\n")
            }
        }

        private func appendRoute(_ line: String, _ demo: DemoWorld) throws {
            let path = demo.tree.serverPath + "/transport"
            try (try String(contentsOfFile: path, encoding: .utf8) + line + "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// The problem gives findings of its code and of no other, with the severity that code documents.
    @Test(arguments: Problem.allCases) func problemGivesItsFinding(_ problem: Problem) throws {
        let demo = try DemoWorld(clean: true)
        try problem.make(in: demo)
        let report = try demo.audit()
        #expect(!report.findings.isEmpty)
        #expect(Set(report.findings.map(\.code)) == [problem.expected], "\(report.findings)")
        #expect(report.findings.allSatisfy { $0.severity == problem.expected.severity })
        #expect(report.hasErrors == (problem.expected.severity == .error))
    }

    /// The severities the contract and the issue ask for.
    @Test func severities() {
        for code in [AuditFindingCode.identityChanged, .missingMailbox, .routeStillLocal, .serviceDown,
                     .stragglerUnmoved] {
            #expect(code.severity == .error, "\(code)")
        }
        for code in [AuditFindingCode.orphanMailbox, .messageCountMismatch, .uidNearLimit, .hardlinkBroken,
                     .forwardTooLong, .settingsNotCarried, .overQuota, .queueNotEmpty] {
            #expect(code.severity == .warning, "\(code)")
        }
    }
}
