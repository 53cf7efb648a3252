import CutoverFormats
import CutoverSystem
import CutoverTestSupport
import Foundation
import Testing

extension Tag {
    /// Slow tests on big trees; run apart with `swift test --filter CrashResumeTests`.
    @Tag static var slow: Self
}

/// `kill -9` at many points of a run on a 1,000-account server, then run again: the end state equals an
/// uninterrupted run's, and no message is lost or duplicated.
@Suite("crash and resume on 1,000 accounts", .tags(.slow), .serialized)
struct CrashResumeTests {
    static let accounts = 1_000
    static let seed: UInt64 = 2027
    static let killsPerPhase = 7

    /// Straggler mail written into the old side after the snapshot, the same in both trees.
    static func addStragglers(_ root: String) throws {
        for number in 0..<20 {
            let user = String(format: "user%04d", number * 37)
            let folder = root + "/old-mail/example.jp/\(user)/new"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let message = "Message-ID: <late\(number)@crash.test>\r\nSubject: late \(number)\r\n\r\nlate mail \(number)\r\n"
            try Data(message.utf8).write(to: URL(fileURLWithPath: folder + "/1800000000.M\(number)P9.late"))
        }
    }

    @Test func killedRunsEndWhereAnUninterruptedRunEnds() throws {
        let reference = try TemporaryDirectory()
        let crashed = try TemporaryDirectory()
        defer { reference.remove(); crashed.remove() }
        let referencePlan = try FixtureServer.makeLarge(at: reference.path, accounts: Self.accounts, messagesPerAccount: 5,
                                                        seed: Self.seed).planPath
        let crashedPlan = try FixtureServer.makeLarge(at: crashed.path, accounts: Self.accounts, messagesPerAccount: 5,
                                                      seed: Self.seed).planPath

        // The reference: snapshot, stragglers arrive, the rest of the run; timed to place the kills.
        let started = Date()
        #expect(try CutoverBinary.run(["run", referencePlan, "--only", "snapshot"]).status == 0)
        let snapshotTime = Date().timeIntervalSince(started)
        try Self.addStragglers(reference.path)
        let restStarted = Date()
        let rest = try CutoverBinary.run(["run", referencePlan])
        #expect(rest.status == 0, "\(rest.all)")
        let restTime = Date().timeIntervalSince(restStarted)

        // The same on the other tree, with a SIGKILL at evenly spread points of each phase before letting it finish.
        try killRepeatedly(["run", crashedPlan, "--only", "snapshot"], over: snapshotTime, in: crashed.path)
        try Self.addStragglers(crashed.path)
        try killRepeatedly(["run", crashedPlan], over: restTime, in: crashed.path)

        try expectSameEndState(reference.path, crashed.path)
        let again = try CutoverBinary.run(["run", crashedPlan])
        #expect(again.status == 0 && again.stdout.components(separatedBy: "[skipped]").count - 1 == 7, "\(again.stdout)")
    }

    /// `kill -9` at several points of a prestage and of the run after it (the delta snapshot, the prepared import):
    /// the end state, and the snapshot's every file and digest, equal those of uninterrupted runs.
    @Test func killedPrestageAndDeltaEndWhereUninterruptedOnesEnd() throws {
        let reference = try TemporaryDirectory()
        let crashed = try TemporaryDirectory()
        defer { reference.remove(); crashed.remove() }
        let referencePlan = try FixtureServer.makeLarge(at: reference.path, accounts: 300, messagesPerAccount: 5,
                                                        seed: Self.seed).planPath
        let crashedPlan = try FixtureServer.makeLarge(at: crashed.path, accounts: 300, messagesPerAccount: 5,
                                                      seed: Self.seed).planPath
        let started = Date()
        #expect(try CutoverBinary.run(["prestage", referencePlan]).status == 0)
        let prestageTime = Date().timeIntervalSince(started)
        try Self.churn(reference.path)
        let runStarted = Date()
        #expect(try CutoverBinary.run(["run", referencePlan]).status == 0)
        let runTime = Date().timeIntervalSince(runStarted)

        try killRepeatedly(["prestage", crashedPlan], over: prestageTime, in: crashed.path)
        try Self.churn(crashed.path)
        try killRepeatedly(["run", crashedPlan], over: runTime, in: crashed.path)

        try expectSameEndState(reference.path, crashed.path, lateStragglers: false)
        #expect(try Self.snapshotContent(reference.path) == Self.snapshotContent(crashed.path))
    }

    /// Between prestage and cutover: in ten mailboxes a message arrives, one is flagged (a rename) and one deleted.
    static func churn(_ root: String) throws {
        for number in 0..<10 {
            let cur = root + String(format: "/mail/example.jp/user%04d/cur", number * 3)
            let names = try FileManager.default.contentsOfDirectory(atPath: cur).filter { !$0.hasPrefix(".") }.sorted()
            guard names.count >= 2 else { continue }
            try FileManager.default.moveItem(atPath: cur + "/" + names[0], toPath: cur + "/" + names[0] + "R")
            try FileManager.default.removeItem(atPath: cur + "/" + names[1])
            let message = "Message-ID: <churn\(number)@crash.test>\r\n\r\nnew since the prestage\r\n"
            try Data(message.utf8).write(to: URL(fileURLWithPath: cur + "/1900000000.M\(number)P7.churn:2,"))
        }
    }

    /// The newest snapshot's manifest without times: which files, their sizes, digests and hard links.
    static func snapshotContent(_ root: String) throws -> [String] {
        let snapshots = root + "/state/snapshots"
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: snapshots)
            .filter { $0.allSatisfy(\.isNumber) }.sorted().last)
        let manifest = try String(contentsOfFile: snapshots + "/" + newest + "/manifest.jsonl", encoding: .utf8)
        return try manifest.split(separator: "\n").map { line in
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(entry["path"] ?? "") \(entry["size"] ?? "") \(entry["digest"] ?? "") \(entry["link"] ?? "-")"
        }.sorted()
    }

    /// SIGTERM while the snapshot copies: exit 1, the journal says interrupted, the message names the command
    /// that resumes, no half snapshot is left, and that command then finishes the cutover.
    @Test func sigtermStopsCleanlyAndResumes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let plan = try FixtureServer.makeLarge(at: folder.path, accounts: 300, messagesPerAccount: 5, seed: Self.seed).planPath
        let process = try CutoverBinary.start(["run", plan], stdout: folder.path + "/term.out", stderr: folder.path + "/term.err")
        let journal = folder.path + "/state/journal.jsonl"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? String(contentsOfFile: journal, encoding: .utf8))?.contains("snapshot") != true {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let output = try String(contentsOfFile: folder.path + "/term.out", encoding: .utf8)
            + String(contentsOfFile: folder.path + "/term.err", encoding: .utf8)
        #expect(process.terminationStatus == 1, "\(output)")
        #expect(output.contains("interrupted by SIGTERM") && output.contains("cutover run \(plan)"), "\(output)")
        #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("interrupted by SIGTERM"))
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/state/snapshots")
        #expect(!snapshots.contains { $0.hasSuffix(".partial") }, "\(snapshots)")
        let resumed = try CutoverBinary.run(["run", plan])
        #expect(resumed.status == 0, "\(resumed.all)")
    }

    /// `kill -9` at several points of a sweep moving 1,500 messages, then a sweep to finish: every message in its
    /// new mailbox exactly once, none left on the old side.
    @Test func killedSweepsLoseNothingAndDoubleNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tree = try FixtureServer.makeLarge(at: folder.path, accounts: 40, messagesPerAccount: 2, seed: Self.seed)
        #expect(try CutoverBinary.run(["run", tree.planPath]).status == 0)
        let users = tree.kept.prefix(15)
        for (index, user) in users.enumerated() {
            let new = folder.path + "/old-mail/example.jp/\(user)/new"
            try FileManager.default.createDirectory(atPath: new, withIntermediateDirectories: true)
            for number in 0..<100 {
                let message = "Message-ID: <sweep\(index)-\(number)@kill.test>\r\nSubject: \(number)\r\n\r\nbody \(number)\r\n"
                try Data(message.utf8).write(to: URL(fileURLWithPath: new + "/1810000000.M\(number)P\(index).kill"))
            }
        }
        for delay in [0.05, 0.15, 0.3, 0.6] {
            let process = try CutoverBinary.start(["sweep", tree.planPath], stdout: folder.path + "/sweep.out",
                                                  stderr: folder.path + "/sweep.err")
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let finish = try CutoverBinary.run(["sweep", tree.planPath])
        #expect(finish.status == 0, "\(finish.all)")
        for (index, user) in users.enumerated() {
            let mailbox = folder.path + "/mail/example.jp/\(user)"
            let names = try FileManager.default.subpathsOfDirectory(atPath: mailbox).filter { $0.hasSuffix(".kill") }
            #expect(names.count == 100, "\(user): \(names.count)")
            #expect(Set(names.map { ($0 as NSString).lastPathComponent }).count == 100, "\(user): a message twice")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/old-mail/example.jp/\(user)/new")) ?? []
            #expect(left.filter { $0.hasSuffix("P\(index).kill") }.isEmpty, "\(user): \(left.count) left behind")
            let temporaries = try FileManager.default.subpathsOfDirectory(atPath: mailbox).filter { $0.contains(".cutover-tmp.") }
            #expect(temporaries.isEmpty, "\(user): \(temporaries)")
        }
    }

    private func killRepeatedly(_ arguments: [String], over duration: Double, in folder: String) throws {
        for point in 1...Self.killsPerPhase {
            let delay = duration * Double(point) / Double(Self.killsPerPhase + 1)
            let process = try CutoverBinary.start(arguments, stdout: folder + "/kill-\(point).out",
                                                  stderr: folder + "/kill-\(point).err")
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let finish = try CutoverBinary.run(arguments)
        #expect(finish.status == 0, "\(finish.all)")
    }

    /// Same files with the same content everywhere, except password salts: the index is compared by parsing it,
    /// and each new password must verify in both trees.
    private func expectSameEndState(_ reference: String, _ crashed: String, lateStragglers: Bool = true) throws {
        let skip: (String) -> Bool = { $0.hasPrefix("state/") || $0 == "passwd" || $0.hasPrefix("kill-") }
        let left = try TreeDigest.of(reference, exclude: skip)
        let right = try TreeDigest.of(crashed, exclude: skip)
        #expect(left == right, "differs: \(Set(left.keys).symmetricDifference(right.keys).sorted().prefix(10)) and \(left.filter { right[$0.key] != $0.value }.keys.sorted().prefix(10))")
        let referenceIndex = try PasswdFile.parse(try FileReading.text(reference + "/passwd"), file: "passwd").entries
        let crashedIndex = try PasswdFile.parse(try FileReading.text(crashed + "/passwd"), file: "passwd").entries
        #expect(referenceIndex.map(\.user) == crashedIndex.map(\.user))
        #expect(referenceIndex.map(\.home) == crashedIndex.map(\.home))
        let incoming = try UserList.parse(try FileReading.text(crashed + "/accounts.txt"), file: "accounts.txt")
        let hasher = CryptPasswordHasher()
        let stored = Dictionary(crashedIndex.map { ($0.userID, $0.password) }, uniquingKeysWith: { first, _ in first })
        let wrong = incoming.filter { hasher.verify($0.password, against: stored[$0.userID] ?? "") != true }
        #expect(wrong.isEmpty, "passwords that do not verify: \(wrong.prefix(5).map(\.userID))")
        // Every straggler exactly once, in its new mailbox; none left behind.
        for number in 0..<20 where lateStragglers {
            let user = String(format: "user%04d", number * 37)
            guard incoming.contains(where: { $0.userID == user }) else { continue }
            let copies = try FileManager.default.subpathsOfDirectory(atPath: crashed + "/mail/example.jp/\(user)")
                .filter { $0.hasSuffix("1800000000.M\(number)P9.late") }
            #expect(copies.count == 1, "\(user): \(copies)")
        }
    }
}
