import CutoverFormats

extension AccountDocument {
    /// This document with the accounts of `domain` replaced by `incoming` (whose passwords are already in stored
    /// form). Lines the cutover does not own (comments, other domains, fields such as uid, home and quota of kept
    /// accounts) stay exactly as they were; added accounts go at the end in the style of the existing entries.
    func replacingAccounts(of domain: String, with incoming: [IndexedAccount]) -> AccountDocument {
        switch self {
        case .userlist:
            return .userlist(incoming.map {
                UserListEntry(userID: $0.userID, password: $0.password, fullName: $0.fullName, line: $0.line)
            })
        case .passwdFile(let file):
            return .passwdFile(Self.replacing(in: file, domain: domain, with: incoming))
        }
    }

    private static func replacing(in file: PasswdFile, domain: String, with incoming: [IndexedAccount]) -> PasswdFile {
        var wanted = Dictionary(incoming.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [PasswdFile.Line] = []
        for line in file.lines {
            guard case .entry(var entry) = line, belongs(entry, to: domain) else {
                lines.append(line)
                continue
            }
            guard let account = wanted.removeValue(forKey: entry.userID) else { continue }
            entry.password = account.password
            entry.gecos = account.fullName
            if entry.fieldCount < 5 && !account.fullName.isEmpty { entry.fieldCount = 7 }
            lines.append(.entry(entry))
        }
        let style = NewEntryStyle(file.entries.filter { belongs($0, to: domain) }, domain: domain)
        for account in incoming where wanted[account.userID] != nil {
            lines.append(.entry(style.entry(for: account)))
        }
        // Edit a copy, so what the parser remembers of the file (a BOM, a missing final newline) is kept.
        var edited = file
        edited.lines = lines
        return edited
    }
}

/// How new passwd-file entries should look, learnt from the existing ones so Dovecot treats them alike.
private struct NewEntryStyle {
    var qualified: Bool
    var domain: String
    var uid = ""
    var gid = ""
    var homePrefix: String?
    var fieldCount = 7

    init(_ existing: [PasswdFileEntry], domain: String) {
        self.domain = domain
        qualified = existing.isEmpty || existing.contains { $0.domain != nil }
        uid = Self.mostCommon(existing.map(\.uid))
        gid = Self.mostCommon(existing.map(\.gid))
        // Homes such as /srv/mail/example.jp/alice: the new account's home is the same folder with its own name.
        if let sample = existing.first(where: { $0.home.hasSuffix("/" + $0.userID) }) {
            homePrefix = String(sample.home.dropLast(sample.userID.count))
        }
        fieldCount = max(7, existing.first?.fieldCount ?? 7)
    }

    /// A new entry: what the import carries (a passwd-file import has uid, gid, home, shell, extra fields) wins;
    /// what it leaves empty follows the existing entries.
    func entry(for account: IndexedAccount) -> PasswdFileEntry {
        let carried = account.passwdEntry
        func pick(_ value: String?, _ fallback: String) -> String { (value ?? "").isEmpty ? fallback : value! }
        let extra = carried?.extraFields ?? ""
        return PasswdFileEntry(
            userID: account.userID, domain: qualified ? domain : nil, password: account.password,
            uid: pick(carried?.uid, uid), gid: pick(carried?.gid, gid), gecos: account.fullName,
            home: pick(carried?.home, homePrefix.map { $0 + account.userID } ?? ""), shell: carried?.shell ?? "",
            extraFields: extra, fieldCount: extra.isEmpty ? min(fieldCount, 7) : 8, line: 0)
    }

    private static func mostCommon(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }
}
