import CutoverFormats
import CutoverSystem
import Foundation

/// Computes and applies the bulk replace of an index by an import list.
///
/// A kept account's stored hash is reused when the import's plaintext still verifies against it, so running the
/// import twice writes the same bytes (same salts) and the second run changes nothing.
public struct AccountImport: Sendable {
    public var domain: String
    public var scheme: PasswordScheme
    public var hasher: any PasswordHashing

    public init(domain: String, scheme: PasswordScheme, hasher: any PasswordHashing) {
        self.domain = domain
        self.scheme = scheme
        self.hasher = hasher
    }

    /// What importing `incoming` over `current` changes. Verifying hashes is the slow part, so it runs on every core.
    public func changes(from current: [IndexedAccount], to incoming: [IndexedAccount]) -> AccountChanges {
        let existing = Dictionary(current.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        let incomingIDs = Set(incoming.map(\.userID))
        let passwordKept = passwordsStillValid(existing: existing, incoming: incoming)
        var changes = AccountChanges()
        for (position, account) in incoming.enumerated() {
            guard let old = existing[account.userID] else {
                changes.added.append(account.userID)
                continue
            }
            let change = AccountChanges.Change(
                userID: account.userID, passwordChanged: !passwordKept[position],
                fullNameChanged: old.fullName != account.fullName)
            if change.passwordChanged || change.fullNameChanged {
                changes.changed.append(change)
            } else {
                changes.kept.append(account.userID)
            }
        }
        changes.removed = current.map(\.userID).filter { !incomingIDs.contains($0) }
        return changes
    }

    /// The password field to store for `account`: the existing hash when it still matches, else a fresh one.
    func storedPassword(for account: IndexedAccount, existing: IndexedAccount?) throws -> String {
        if let existing, matches(account.password, existing.password) { return existing.password }
        if Self.isStoredForm(account.password) { return account.password }
        return try hasher.hash(account.password, scheme: scheme)
    }

    /// The password field to store for each of `incoming`, hashed on every core (a fresh SHA512-CRYPT costs
    /// milliseconds, and an import can add thousands).
    func storedPasswords(for incoming: [IndexedAccount], existing: [IndexedAccount]) throws -> [String] {
        let byID = Dictionary(existing.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        return try Parallel.map(incoming) { account in
            Result { try storedPassword(for: account, existing: byID[account.userID]) }
        }.map { try $0.get() }
    }

    /// The schemes an import list may carry already hashed: those a plan can name as `passwordScheme`.
    static let hashedSchemes = Set(PasswordScheme.allCases.map(\.rawValue))

    /// `{SCHEME}...` is written as is only when the scheme is one of `hashedSchemes` and the value parses as that
    /// scheme's hash; anything else in an import list is plaintext, even `{2024}Summer!` or `{PLAIN}secret`.
    static func isStoredForm(_ password: String) -> Bool {
        StoredPasswordSyntax.isHashed(password, allowed: hashedSchemes)
    }

    private func matches(_ incoming: String, _ stored: String) -> Bool {
        if Self.isStoredForm(incoming) { return incoming == stored }
        return hasher.verify(incoming, against: stored) == true
    }

    private func passwordsStillValid(existing: [String: IndexedAccount], incoming: [IndexedAccount]) -> [Bool] {
        Parallel.map(incoming) { account in
            existing[account.userID].map { matches(account.password, $0.password) } ?? false
        }
    }
}
