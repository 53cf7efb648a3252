/// The program of an external command is not in PATH (or, given with a "/", not an executable file there).
public struct CommandNotFound: Error, Sendable, Equatable, CustomStringConvertible {
    public var command: String

    public init(_ command: String) {
        self.command = command
    }

    public var description: String {
        command.isEmpty ? "command not found: the command is empty" : "command not found: \(command)"
    }
}
