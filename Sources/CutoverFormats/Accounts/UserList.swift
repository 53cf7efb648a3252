import Foundation

/// The bulk import list: one account a line, `userid,password[,fullname]`; '#' comments and blank lines skipped.
///
/// Fields are split at every ','; there is no quoting, so neither a password nor a full name can hold a comma, and
/// a line with a fourth field is an error (taking the rest as the name would put part of a password into the index
/// in plaintext). A missing name, an empty one and a single space after the comma all mean no name.
public enum UserList {
    /// Parses `text`, reporting every bad line. Messages never contain the password.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> [UserListEntry] {
        try LineLimit.check(text, file: file)
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
        let parts = line.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        guard parts.count >= 2 else {
            problems.append("expected userid,password[,fullname], found no ','")
            return nil
        }
        guard parts.count <= 3 else {
            // Which comma was meant cannot be known, so no field is shown: the second may be part of a password.
            problems.append("\(parts.count) fields where userid,password[,fullname] has at most 3; a password or full "
                + "name cannot contain ','")
            return nil
        }
        let userID = parts[0]
        let password = parts[1]
        let fullName = parts.count > 2 ? cleanName(parts[2]) : ""
        if let message = UserID.problem(with: userID) { problems.append(message) }
        if password.isEmpty { problems.append("empty password for '\(UserID.printable(userID))'") }
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
