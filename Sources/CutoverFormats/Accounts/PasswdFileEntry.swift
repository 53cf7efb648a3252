/// One account line of a Dovecot passwd-file: `user[@domain]:password:uid:gid:gecos:home:shell:extra_fields`.
///
/// Equality compares the public fields only, not how the line was spelled on disk.
public struct PasswdFileEntry: Sendable, Equatable {
    /// The local part of the user name (before '@').
    public var userID: String
    /// The part after '@', or nil for a bare user name.
    public var domain: String?
    /// The password field as written, e.g. "{SHA512-CRYPT}$6$...", "{PLAIN}x" or "".
    public var password: String
    public var uid: String
    public var gid: String
    /// Dovecot ignores this field; the cutover keeps the account's full name here.
    public var gecos: String
    public var home: String
    public var shell: String
    /// Everything after the 7th ':' verbatim (it may itself contain ':'), "" when absent.
    public var extraFields: String
    /// How many ':'-separated fields the line had (1...8), so a changed entry is written in the same shape.
    public var fieldCount: Int
    /// 1-based line number in the parsed file; 0 for an entry made in code.
    public var line: Int
    /// The line as read (with its "\r" in a CRLF file); an entry whose fields still match it renders as it was.
    var originalText: String?

    public init(
        userID: String = "", domain: String? = nil, password: String = "", uid: String = "", gid: String = "",
        gecos: String = "", home: String = "", shell: String = "", extraFields: String = "",
        fieldCount: Int = 8, line: Int = 0
    ) {
        self.userID = userID
        self.domain = domain
        self.password = password
        self.uid = uid
        self.gid = gid
        self.gecos = gecos
        self.home = home
        self.shell = shell
        self.extraFields = extraFields
        self.fieldCount = fieldCount
        self.line = line
    }

    /// The user name as Dovecot sees it: "id@domain", or "id" for a bare user.
    public var user: String {
        domain.map { "\(userID)@\($0)" } ?? userID
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.sameFields(as: rhs) && lhs.line == rhs.line
    }

    /// Field-by-field equality, ignoring the line number and the original spelling.
    func sameFields(as other: Self) -> Bool {
        userID == other.userID && domain == other.domain && password == other.password && uid == other.uid
            && gid == other.gid && gecos == other.gecos && home == other.home && shell == other.shell
            && extraFields == other.extraFields && fieldCount == other.fieldCount
    }
}

extension PasswdFileEntry {
    /// Splits a line (without "\r") into fields; no validation. Nil when the line has no ':' at all.
    static func fields(of text: String, line: Int) -> PasswdFileEntry? {
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), maxSplits: 7, omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
        guard parts.count >= 2 else { return nil }
        func part(_ index: Int) -> String { index < parts.count ? parts[index] : "" }
        var entry = PasswdFileEntry(
            password: part(1), uid: part(2), gid: part(3), gecos: part(4), home: part(5), shell: part(6),
            extraFields: part(7), fieldCount: parts.count, line: line)
        if let at = parts[0].utf8.firstIndex(of: UInt8(ascii: "@")) {
            entry.userID = String(parts[0][..<at])
            entry.domain = String(parts[0][parts[0].utf8.index(after: at)...])
        } else {
            entry.userID = parts[0]
        }
        return entry
    }

    /// The line to write: the original text when nothing changed, else the fields joined by ':'.
    func renderedLine() -> String {
        if let originalText {
            let (text, carriageReturn) = TextLines.content(of: originalText)
            if let parsed = Self.fields(of: text, line: line), parsed.sameFields(as: self) { return originalText }
            return joinedFields() + (carriageReturn ? "\r" : "")
        }
        return joinedFields()
    }

    private func joinedFields() -> String {
        let all = [user, password, uid, gid, gecos, home, shell, extraFields]
        // Never drop a field that holds something; Dovecot reads gecos and home by position, so write up to shell.
        var needed = (all.lastIndex { !$0.isEmpty } ?? 0) + 1
        if !gecos.isEmpty || !home.isEmpty || !shell.isEmpty { needed = max(needed, 7) }
        let count = min(8, max(2, fieldCount, needed))
        return all.prefix(count).joined(separator: ":")
    }
}
