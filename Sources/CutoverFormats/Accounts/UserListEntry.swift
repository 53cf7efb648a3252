/// One account of a bulk import list: `userid,password[,fullname]`.
public struct UserListEntry: Sendable, Equatable {
    public var userID: String
    /// As written: plaintext, or already in `{SCHEME}...` form. Never to be printed.
    public var password: String
    /// "" when the line had no name, an empty one, or a single space.
    public var fullName: String
    /// 1-based line number in the parsed file; 0 for an entry made in code.
    public var line: Int

    public init(userID: String, password: String, fullName: String = "", line: Int = 0) {
        self.userID = userID
        self.password = password
        self.fullName = fullName
        self.line = line
    }
}
