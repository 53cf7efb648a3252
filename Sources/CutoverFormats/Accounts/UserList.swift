import Foundation

/// The bulk import list: one account a line, `userid,password[,fullname]`; '#' comments and blank lines skipped.
///
/// The user id ends at the first ',' and the password at the second; the rest is the full name, which may hold
/// commas and any UTF-8. A missing name, an empty one and a single space after the comma all mean no name.
public enum UserList {
    /// Parses `text`, reporting every bad line. Messages never contain the password.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> [UserListEntry] {
        var entries: [UserListEntry] = []
        var problems: [InputProblem] = []
        var firstLine: [String: Int] = [:]
        for (index, raw) in TextLines(text).lines.enumerated() {
            let number = index + 1
            let line = TextLines.content(of: raw).text
            if TextLines.isBlank(line) || line.hasPrefix("#") { continue }
            var lineProblems: [String] = []
            let entry = parseLine(line, number: number, problems: &lineProblems)
            if let entry, lineProblems.isEmpty {
                if let first = firstLine[entry.userID] {
                    lineProblems.append("duplicate user id '\(entry.userID)' (first on line \(first))")
                } else {
                    firstLine[entry.userID] = number
                    entries.append(entry)
                }
            }
            problems += lineProblems.map { InputProblem(file: file, line: number, message: $0) }
        }
        if !problems.isEmpty { throw InputProblems(problems) }
        return entries
    }

    /// "id,password,fullname\n" a line, or "id,password\n" when the name is empty.
    public static func render(_ entries: [UserListEntry]) -> String {
        entries.map { entry in
            let fields = entry.fullName.isEmpty
                ? [entry.userID, entry.password] : [entry.userID, entry.password, entry.fullName]
            return fields.joined(separator: ",") + "\n"
        }.joined()
    }

    /// One line (without "\r"); nil when it cannot even be split. Problems go to `problems`, never the password.
    private static func parseLine(_ line: String, number: Int, problems: inout [String]) -> UserListEntry? {
        if let (scalar, column) = TextLines.firstControlCharacter(in: line) {
            problems.append("control character \(TextLines.codePoint(scalar)) at column \(column)")
            return nil
        }
        let parts = line.utf8.split(separator: UInt8(ascii: ","), maxSplits: 2, omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        guard parts.count >= 2 else {
            problems.append("expected userid,password[,fullname], found no ','")
            return nil
        }
        let userID = parts[0]
        let password = parts[1]
        let fullName = parts.count > 2 ? cleanName(parts[2]) : ""
        if let message = UserID.problem(with: userID) { problems.append(message) }
        if password.isEmpty { problems.append("empty password for '\(UserID.printable(userID))'") }
        // A hashed password is written to the passwd-file as it is, where a ':' would start a new field.
        if password.hasPrefix("{") && password.contains(":") {
            problems.append("the {SCHEME} password of '\(UserID.printable(userID))' contains ':'")
        }
        if fullName.contains(":") {
            problems.append("full name contains ':', which Dovecot's passwd-file gecos field cannot hold")
        }
        return UserListEntry(userID: userID, password: password, fullName: fullName, line: number)
    }

    /// The name as written, without surrounding whitespace; a lone space (a common export quirk) means no name.
    private static func cleanName(_ name: String) -> String {
        if name == " " { return "" }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
