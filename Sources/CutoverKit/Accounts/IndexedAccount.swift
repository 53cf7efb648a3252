import CutoverFormats

/// One account as the cutover compares them: the id within the plan's domain, its password field and full name.
/// `password` is either a stored hash (`{SCHEME}...`) or, for import lists, possibly plaintext: never print it.
public struct IndexedAccount: Sendable, Equatable {
    public var userID: String
    public var password: String
    public var fullName: String
    /// Line in the file it came from, for messages.
    public var line: Int
    /// The whole passwd-file entry it came from, when it did: an import in that format also carries uid, gid,
    /// home and extra fields, which a new account then takes from it.
    public var passwdEntry: PasswdFileEntry? = nil
}
