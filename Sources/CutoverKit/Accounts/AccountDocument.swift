import CutoverFormats

/// An account file (the server's index, or the import list) in one of the supported formats,
/// parsed so it can be rewritten with everything the cutover does not own left as it was.
public enum AccountDocument: Sendable, Equatable {
    case passwdFile(PasswdFile)
    case userlist([UserListEntry])

    public static func parse(_ text: String, format: AccountFileFormat, file: String) throws(InputProblems) -> Self {
        switch format {
        case .passwdFile: return .passwdFile(try PasswdFile.parse(text, file: file))
        case .userlist: return .userlist(try UserList.parse(text, file: file))
        }
    }

    /// The accounts of `domain`; a passwd-file may also hold other domains' users, which the cutover leaves alone.
    public func accounts(in domain: String) -> [IndexedAccount] {
        switch self {
        case .passwdFile(let file):
            return file.entries.filter { Self.belongs($0, to: domain) }.map {
                IndexedAccount(userID: $0.userID, password: $0.password, fullName: $0.gecos, line: $0.line,
                               passwdEntry: $0)
            }
        case .userlist(let entries):
            return entries.map {
                IndexedAccount(userID: $0.userID, password: $0.password, fullName: $0.fullName, line: $0.line)
            }
        }
    }

    /// Entries of other domains, for a validation problem when an import list names them.
    public func foreignEntries(for domain: String) -> [(user: String, line: Int)] {
        guard case .passwdFile(let file) = self else { return [] }
        return file.entries.filter { !Self.belongs($0, to: domain) }.map { ($0.user, $0.line) }
    }

    public func render() -> String {
        switch self {
        case .passwdFile(let file): return file.render()
        case .userlist(let entries): return UserList.render(entries)
        }
    }

    static func belongs(_ entry: PasswdFileEntry, to domain: String) -> Bool {
        guard let entryDomain = entry.domain else { return true }
        return entryDomain.lowercased() == domain.lowercased()
    }
}
