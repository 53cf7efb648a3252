/// One account as the cutover compares them: the id within the plan's domain, its password field and full name.
/// `password` is either a stored hash (`{SCHEME}...`) or, for import lists, possibly plaintext: never print it.
public struct IndexedAccount: Sendable, Equatable {
    public var userID: String
    public var password: String
    public var fullName: String
    /// Line in the file it came from, for messages.
    public var line: Int
}
