/// The bulk replace an import amounts to, by user id. Passwords here are already what will be written
/// (stored hashes, or the kept hash when the import's plaintext still verifies), never plaintext.
public struct AccountChanges: Sendable, Equatable, Codable {
    public struct Change: Sendable, Equatable, Codable {
        public var userID: String
        public var passwordChanged: Bool
        public var fullNameChanged: Bool
    }

    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [Change] = []
    public var kept: [String] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public var summary: String {
        "\(added.count) added, \(removed.count) removed, \(changed.count) changed, \(kept.count) kept"
    }
}
