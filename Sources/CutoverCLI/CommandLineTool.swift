import CutoverKit
import CutoverSystem

/// The whole command line: parse, dispatch, render, and turn every error into a `Failure` and its exit code.
public enum CommandLineTool {
    public static let version = "0.2.0"

    public static func main(_ arguments: [String], effects: Effects = .live, output: Output = .standard) -> Int32 {
        var invocation: Invocation?
        do {
            invocation = try Invocation.parse(arguments)
            return try invocation!.execute(effects: effects, output: output).rawValue
        } catch {
            let failure = Failure(error, plan: invocation?.planPath, command: invocation?.resumeCommand)
            let json = invocation.map { $0.format == .json } ?? Self.asksForJSON(arguments)
            report(failure, json: json, output: output)
            return ExitCode(failure.kind).rawValue
        }
    }

    /// A fatal error: a JSON object on stdout with `--format json` (as restic does), else a line on stderr.
    static func report(_ failure: Failure, json: Bool, output: Output) {
        if json, let text = try? JSONRendering.render(failure) {
            output.print(text)
            return
        }
        output.error("cutover: \(failure.description)" + (failure.hint.map { "\n\($0)" } ?? ""))
    }

    /// A command line too broken to parse still gets its error in the format it asked for.
    private static func asksForJSON(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == Command.format.spelling && $1 == "json" }
            || arguments.contains(Command.format.spelling + "=json")
    }
}
