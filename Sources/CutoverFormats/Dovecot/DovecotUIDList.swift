/// Dovecot's `dovecot-uidlist`: the IMAP UIDVALIDITY and next UID of one Maildir folder, and the UID Dovecot gave
/// each message (by Maildir unique name). POP3 UIDLs and IMAP UIDs come from here, so a new UIDVALIDITY makes every
/// client download the folder again (field note 11).
///
/// Version 3: `3 V<uidvalidity> N<nextuid> G<guid> [more header fields]`, then `<uid> [extensions] :<filename>`.
/// Version 1: `1 <uidvalidity> <nextuid>`, then `<uid> <filename>`.
public struct DovecotUIDList: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var uid: UInt32
        /// The file name as Dovecot recorded it: the Maildir unique name, usually without the `:2,` flags.
        public var fileName: String
        public var line: Int
    }

    public var version: Int
    public var uidValidity: UInt32
    public var nextUID: UInt32
    /// The mailbox GUID (version 3 only).
    public var guid: String?
    public var records: [Record]

    /// Parses `text`; every problem names `file` and the line.
    public static func parse(_ text: String, file: String) throws(InputProblems) -> DovecotUIDList {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else {
            throw InputProblems([InputProblem(file: file, line: 1, message: "empty dovecot-uidlist: no header line")])
        }
        var list = try parseHeader(header, file: file)
        var problems: [InputProblem] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            do throws(InputProblem) {
                list.records.append(try parseRecord(line, version: list.version, file: file, line: offset + 1))
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return list
    }

    private static func parseHeader(_ line: Substring, file: String) throws(InputProblems) -> DovecotUIDList {
        func problem(_ message: String) -> InputProblems {
            InputProblems([InputProblem(file: file, line: 1, message: message)])
        }
        let fields = line.split(separator: " ")
        switch fields.first {
        case "1":
            guard fields.count >= 3, let validity = UInt32(fields[1]), let next = UInt32(fields[2]) else {
                throw problem("version 1 header must be '1 <uidvalidity> <nextuid>'")
            }
            return DovecotUIDList(version: 1, uidValidity: validity, nextUID: next, guid: nil, records: [])
        case "3":
            var validity: UInt32?
            var next: UInt32?
            var guid: String?
            for field in fields.dropFirst() {
                let value = field.dropFirst()
                switch field.first {
                case "V": validity = UInt32(value)
                case "N": next = UInt32(value)
                case "G": guid = String(value)
                default: continue  // other header fields (e.g. the mailbox's creation time) do not matter here
                }
            }
            guard let validity else { throw problem("version 3 header has no valid V<uidvalidity> field") }
            guard let next else { throw problem("version 3 header has no valid N<nextuid> field") }
            return DovecotUIDList(version: 3, uidValidity: validity, nextUID: next, guid: guid, records: [])
        default:
            throw problem("unknown dovecot-uidlist version '\(fields.first ?? "")' (1 and 3 are known)")
        }
    }

    private static func parseRecord(_ line: Substring, version: Int, file: String,
                                    line number: Int) throws(InputProblem) -> Record {
        let uidText = line.prefix { $0 != " " }
        guard let uid = UInt32(uidText) else {
            throw InputProblem(file: file, line: number, message: "'\(uidText)' is not a UID")
        }
        let rest = line.dropFirst(uidText.count + 1)
        let name: Substring
        if version == 1 {
            name = rest
        } else if let colon = rest.firstIndex(of: ":") {
            // Extension fields (W<size>, S<size>, G<guid>, ...) come before the ':' that starts the file name.
            name = rest[rest.index(after: colon)...]
        } else {
            throw InputProblem(file: file, line: number, message: "no ':<filename>' after UID \(uid)")
        }
        guard !name.isEmpty else { throw InputProblem(file: file, line: number, message: "UID \(uid) has no file name") }
        return Record(uid: uid, fileName: String(name), line: number)
    }
}
