@testable import CutoverKit
import CutoverFormats
import CutoverTestSupport
import Foundation
import Testing

extension Tag {
    @Tag static var fuzz: Self
}

/// Every parser of outside input gets 100,000 generated inputs from a fixed seed. A crash would end the test run,
/// and a hang would show as one input taking seconds; each rejection must name the file and the line (or, for the
/// plan, the key).
@Suite("parsers under fuzzing", .tags(.fuzz))
struct ParserFuzzTests {
    static let count = 100_000
    static let file = "fuzzed-input"

    static func sample(_ relative: String) throws -> String {
        try String(contentsOfFile: FixtureServer.checkout + "/" + relative, encoding: .utf8)
    }

    /// Runs `parse` on `count` inputs; `parse` returns the problems of a rejected input, nil when it was accepted.
    static func fuzz(_ name: String, seed: UInt64, samples: [String], namesLine: Bool = true,
                     _ parse: ([UInt8]) -> [InputProblem]?) {
        var inputs = FuzzInputs(seed: seed, samples: samples)
        var rejected = 0
        var slowest = Duration.zero
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<count {
            let bytes = inputs.next()
            let before = clock.now
            let problems = parse(bytes)
            slowest = max(slowest, clock.now - before)
            guard let problems else { continue }
            rejected += 1
            let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            for problem in problems {
                let located = problem.line.map { (1...lines).contains($0) } ?? (!namesLine && problem.message.hasPrefix("`"))
                if problem.file != file || !located {
                    Issue.record("\(name) input \(index): unlocated problem \(problem)")
                    return
                }
            }
        }
        let total = clock.now - started
        print("fuzz \(name): \(count) inputs, \(rejected) rejected, \(total) (slowest \(slowest))")
        #expect(slowest < .seconds(2), "\(name): one input took \(slowest)")
    }

    /// Bytes as a file reader hands them on: invalid UTF-8 is its own error there, so the parser sees it replaced.
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func problems(_ body: () throws(InputProblems) -> Void) -> [InputProblem]? {
        do {
            try body()
            return nil
        } catch {
            return error.problems
        }
    }

    /// The userlist parser.
    @Test func userList() throws {
        Self.fuzz("userlist", seed: 1, samples: [try Self.sample("Fixtures/demo-server/accounts-2027.txt")]) { bytes in
            Self.problems { () throws(InputProblems) in _ = try UserList.parse(Self.text(bytes), file: Self.file) }
        }
    }

    /// The Dovecot passwd-file parser.
    @Test func passwdFile() throws {
        Self.fuzz("passwd-file", seed: 2, samples: [try Self.sample("Fixtures/demo-server/passwd")]) { bytes in
            Self.problems { () throws(InputProblems) in _ = try PasswdFile.parse(Self.text(bytes), file: Self.file) }
        }
    }

    /// The Postfix transport map parser.
    @Test func transportMap() throws {
        Self.fuzz("transport", seed: 3, samples: [try Self.sample("Fixtures/demo-server/transport")]) { bytes in
            Self.problems { () throws(InputProblems) in _ = try PostfixTransportMap.parse(Self.text(bytes), file: Self.file) }
        }
    }

    /// The Postfix virtual mailbox map parser.
    @Test func virtualMailboxMap() throws {
        Self.fuzz("vmailbox", seed: 4, samples: [try Self.sample("Fixtures/demo-server/vmailbox")]) { bytes in
            Self.problems { () throws(InputProblems) in
                _ = try PostfixVirtualMailboxMap.parse(Self.text(bytes), file: Self.file)
            }
        }
    }

    /// `postqueue -j` lines.
    @Test func postqueueListing() {
        let sample = #"{"queue_name": "deferred", "queue_id": "4BqJ4m2Xv0z1", "sender": "a@b", "recipients": "#
            + #"[{"address": "bob@example.jp", "delay_reason": "refused"}]}"# + "\n"
            + #"{"queue_name": "active", "queue_id": "4BqJ5", "sender": "", "recipients": []}"# + "\n"
        Self.fuzz("postqueue -j", seed: 5, samples: [sample]) { bytes in
            Self.problems { () throws(InputProblems) in _ = try PostqueueListing.parse(Self.text(bytes), file: Self.file) }
        }
    }

    /// mbox splitting and Message-ID reading never reject; they must only stay in bounds.
    @Test func mboxAndMessageHeaders() {
        let sample = "From a@b.example Mon Nov 23 10:00:00 2026\nMessage-ID: <m1@x>\nSubject: one\n\nbody\n>From here\n\n"
            + "From c@d Mon Nov 23 11:00:00 2026\r\nMessage-Id:\r\n <m2@x>\r\n\r\nx\r\n"
        Self.fuzz("mbox + headers", seed: 6, samples: [sample]) { bytes in
            var end = 0
            for range in Mbox.messageRanges(in: bytes) {
                if range.lowerBound < end || range.upperBound > bytes.count { Issue.record("range \(range) out of bounds") }
                end = range.upperBound
                _ = MessageHeader.messageID(in: bytes[range])
            }
            _ = MessageHeader.messageID(in: bytes)
            return nil
        }
    }

    /// The plan reader, strictness checks included (the files a plan names are not read here).
    @Test func plan() throws {
        Self.fuzz("plan", seed: 7, samples: [try Self.sample("Plans/demo.json")], namesLine: false) { bytes in
            let problems = ProblemCollector(planFile: Self.file)
            do {
                _ = try PlanLoader.read(bytes, file: "/nonexistent/fuzz/plan.json", problems: problems)
            } catch let error as PlanInvalid {
                return error.problems
            } catch {
                Issue.record("plan: unexpected \(error)")
            }
            return problems.problems.isEmpty ? nil : problems.problems
        }
    }
}
