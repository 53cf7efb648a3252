/// A program and its arguments, run without a shell: a value, so tests can compare the exact command line.
/// Encoded in JSON as the plain array of arguments, the same shape the plan file uses.
public struct ExternalCommand: Sendable, Equatable, Codable, CustomStringConvertible {
    /// argv; `arguments[0]` is looked up in PATH when it contains no "/".
    public var arguments: [String]

    public init(_ arguments: [String]) {
        self.arguments = arguments
    }

    public init(from decoder: any Decoder) throws {
        arguments = try decoder.singleValueContainer().decode([String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(arguments)
    }

    /// The command as an administrator would type it in a shell: arguments that need it are single-quoted.
    public var description: String {
        arguments.map(Self.quoted).joined(separator: " ")
    }

    private static func quoted(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || "_@%+=:,./-".unicodeScalars.contains(scalar)
        }
        guard !plain else { return argument }
        return "'" + argument.replacingAll("'", with: "'\\''") + "'"
    }
}

private extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
