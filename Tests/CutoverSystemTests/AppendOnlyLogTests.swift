import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct AppendOnlyLogTests {
    /// Lines are appended after what is there, each with a newline; a new file gets the create mode.
    @Test func appendsLines() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.at("journal.jsonl")
        do {
            let log = try AppendOnlyLog(path: path)
            try log.append(line: "{\"a\":1}")
        }
        let again = try AppendOnlyLog(path: path, createMode: 0o644)
        try again.append(line: "second")
        #expect(try scratch.read("journal.jsonl") == "{\"a\":1}\nsecond\n")
        #expect(try FileStatus.of(path).mode == 0o600)
    }

    /// Lines appended from many threads at once all arrive whole.
    @Test func concurrentAppendsStayWhole() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let log = try AppendOnlyLog(path: scratch.at("log"))
        let line = String(repeating: "x", count: 5000)
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            try? log.append(line: "\(index) \(line)")
        }
        let lines = try scratch.read("log").split(separator: "\n")
        #expect(lines.count == 40)
        #expect(lines.allSatisfy { $0.hasSuffix(" " + line) })
    }

    /// The descriptor is close-on-exec, so daemons started later never inherit the journal.
    @Test func descriptorIsCloseOnExec() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let log = try AppendOnlyLog(path: scratch.at("log"))
        let flags = ThisProcess.descriptorFlags(for: scratch.at("log"))
        #expect(flags.count == 1)
        #expect(flags.allSatisfy { $0 & ThisProcess.closeOnExec != 0 })
        withExtendedLifetime(log) {}
    }

    /// A missing folder is an error naming the file.
    @Test func missingFolder() throws {
        let error = #expect(throws: SystemError.self) { try AppendOnlyLog(path: "/nonexistent/cutover/log") }
        #expect(error?.path == "/nonexistent/cutover/log")
    }
}
