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

    /// A torn last line (a crash mid-append) is cut away on open, so the next line starts on a line of its own.
    @Test func tornLastLineIsCutAway() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = try scratch.write("journal.jsonl", "{\"a\":1}\n{\"b\":2}\n{\"c\":")
        let log = try AppendOnlyLog(path: path)
        #expect(log.truncatedBytes == 5)
        try log.append(line: "{\"d\":4}")
        #expect(try scratch.read("journal.jsonl") == "{\"a\":1}\n{\"b\":2}\n{\"d\":4}\n")
        let whole = try scratch.write("whole", "x\n")
        #expect(try AppendOnlyLog(path: whole).truncatedBytes == 0)
        let oneTornLine = try scratch.write("torn", String(repeating: "y", count: 100_000))
        #expect(try AppendOnlyLog(path: oneTornLine).truncatedBytes == 100_000)
        #expect(try scratch.read("torn") == "")
    }

    /// A log path that is a symbolic link is refused, and its target is left as it was.
    @Test func symbolicLinkIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = try scratch.write("target", "precious")
        try FileManager.default.createSymbolicLink(atPath: scratch.at("journal.jsonl"), withDestinationPath: target)
        #expect(throws: SystemError.self) { try AppendOnlyLog(path: scratch.at("journal.jsonl")) }
        #expect(try scratch.read("target") == "precious")
    }
}
