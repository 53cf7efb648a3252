/// A password could not be hashed. Deliberately carries no plaintext, only the scheme and the reason.
public struct PasswordHashingFailed: Error, Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var reason: String

    public init(scheme: String, reason: String) {
        self.scheme = scheme
        self.reason = reason
    }

    public var description: String { "cannot hash a password with \(scheme): \(reason)" }
}
