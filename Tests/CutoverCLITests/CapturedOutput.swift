import CutoverSystem
import Foundation

/// An `Output` that keeps what the tool wrote, for tests that call `CommandLineTool.main` in-process.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []

    var output: Output {
        Output(out: { line in self.lock.withLock { self.outLines.append(line) } },
               err: { line in self.lock.withLock { self.errLines.append(line) } })
    }

    var stdout: String { lock.withLock { outLines.joined(separator: "\n") } }
    var stderr: String { lock.withLock { errLines.joined(separator: "\n") } }
}
