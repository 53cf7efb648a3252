import CutoverSystem
import Foundation

/// Remembers password verifications for the life of the process. One run asks the same question up to four times
/// per account (before, during and after the import, and when deciding whether to stop services), and each
/// SHA512-CRYPT answer costs milliseconds: on a thousand accounts that is the difference between seconds and
/// tens of seconds. Hashing is passed through: every new hash needs a fresh salt.
public final class RememberingVerifier: PasswordHashing, @unchecked Sendable {
    private let hasher: any PasswordHashing
    private let lock = NSLock()
    private var answers: [Question: Bool?] = [:]

    private struct Question: Hashable {
        var plaintext: String
        var stored: String
    }

    public init(_ hasher: any PasswordHashing) {
        self.hasher = hasher
    }

    public func hash(_ plaintext: String, scheme: PasswordScheme) throws -> String {
        try hasher.hash(plaintext, scheme: scheme)
    }

    public func verify(_ plaintext: String, against stored: String) -> Bool? {
        let question = Question(plaintext: plaintext, stored: stored)
        if let known = lock.withLock({ answers[question] }) { return known }
        let answer = hasher.verify(plaintext, against: stored)
        lock.withLock { answers[question] = answer }
        return answer
    }
}
