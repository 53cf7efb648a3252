import Foundation

/// Where the tool writes: stdout for results, stderr for progress and errors (so `--format json` stays clean).
public struct Output: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    public static var standard: Output {
        Output(out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
               err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    }

    public func print(_ text: String) { out(text) }
    public func error(_ text: String) { err(text) }
}
