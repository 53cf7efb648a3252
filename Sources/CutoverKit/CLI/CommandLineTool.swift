import CutoverSystem
import Foundation

/// The whole command line: parse, dispatch, render, map errors to exit codes. `main.swift` only calls `main`.
public enum CommandLineTool {
    public static let version = "0.1.0"

    public static func main(_ arguments: [String], effects: Effects = .live, output: Output = .standard) -> Int32 {
        do {
            let invocation = try Invocation.parse(arguments)
            return try invocation.execute(effects: effects, output: output).rawValue
        } catch let error as PlanInvalid {
            output.error(error.description)
            return ExitCode.invalidInput.rawValue
        } catch let error as UsageError {
            output.error("cutover: \(error.message)\n" + Usage.hint)
            return ExitCode.invalidInput.rawValue
        } catch {
            output.error("cutover: \(error)")
            return ExitCode.of(error).rawValue
        }
    }
}

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

    func print(_ text: String) { out(text) }
    func error(_ text: String) { err(text) }
}
