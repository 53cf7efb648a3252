/// One line of a mirror record, tab-separated (a JSON decoder per line would cost seconds on a large store, and the
/// record is read inside the downtime): `D path contents mode uid gid mtime device inode stampedAt` (a folder),
/// `F path link digest size mtime device inode links mode uid gid copyInode note` (a file; an empty link field
/// means none; `note` is what the caller keeps with the file, see `MirrorVisit`), `L path` (a symbolic link). Times
/// are nanoseconds since 1970. Paths escape `\`, tab, newline and carriage return as `\\`, `\t`, `\n`, `\r`.
/// Lines come in walk order (`WalkOrder`), every folder before what it holds.
struct MirrorRecordLine {
    static let header = "# cutover mirror record 2"

    /// The line without its newline.
    let bytes: ArraySlice<UInt8>
    /// The path as written (escaped), which sorts like the path itself unless it holds an escape.
    let escapedPath: ArraySlice<UInt8>

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        let start = min(bytes.startIndex + 2, bytes.endIndex)
        escapedPath = bytes[start..<(bytes[start...].firstIndex(of: Self.tab) ?? bytes.endIndex)]
    }

    var kind: UInt8 { bytes.first ?? 0 }
    var isFolder: Bool { kind == UInt8(ascii: "D") }
    var isFile: Bool { kind == UInt8(ascii: "F") }

    /// The path's bytes, unescaped.
    var pathBytes: [UInt8] { Self.unescape(escapedPath) }

    var path: String { String(decoding: pathBytes, as: UTF8.self) }

    /// Whether this line's path comes before `path` (unescaped) in walk order.
    func precedes(_ path: [UInt8]) -> Bool {
        let escaped = escapedPath
        return escaped.contains(Self.backslash) ? WalkOrder.precedes(pathBytes, path) : WalkOrder.precedes(escaped, path)
    }

    // MARK: Writing

    static func folder(_ folder: MirroredFolder) -> String {
        ["D", escape(folder.path), String(UnicodeScalar(folder.contents.rawValue)), String(folder.mode),
         String(folder.uid), String(folder.gid), String(folder.mtime), String(folder.device), String(folder.inode),
         String(folder.stampedAt)].joined(separator: "\t")
    }

    /// A file's line, with `note` (none when it holds a tab or a line break, which would end the field).
    static func file(_ file: MirroredFile, note: [UInt8]?) -> [UInt8] {
        var line = Array(["F", escape(file.path), escape(file.link ?? ""), file.digest, String(file.size),
                          String(file.modified), String(file.device), String(file.inode), String(file.linkCount),
                          String(file.mode), String(file.uid), String(file.gid), String(file.copyInode), ""]
            .joined(separator: "\t").utf8)
        if let note, !note.contains(where: { $0 == tab || $0 == 10 || $0 == 13 }) { line += note }
        return line
    }

    static func link(_ path: String) -> String { "L\t" + escape(path) }

    // MARK: Reading

    func folder() -> MirroredFolder? {
        guard isFolder else { return nil }
        return withFields(9) { fields in
            guard fields[1].count == 1, let contents = MirroredFolder.Contents(rawValue: fields[1].first!),
                  let mode = fields.number(2), let uid = fields.number(3), let gid = fields.number(4),
                  let mtime = fields.signed(5), let device = fields.number(6), let inode = fields.number(7),
                  let stampedAt = fields.number(8) else { return nil }
            return MirroredFolder(path: path, contents: contents, mode: UInt32(truncatingIfNeeded: mode),
                                  uid: UInt32(truncatingIfNeeded: uid), gid: UInt32(truncatingIfNeeded: gid),
                                  mtime: mtime, device: device, inode: inode, stampedAt: Int64(stampedAt))
        }
    }

    func file() -> MirroredFile? {
        guard isFile else { return nil }
        return withFields(13) { fields in
            guard let size = fields.number(3), let modified = fields.signed(4), let device = fields.number(5),
                  let inode = fields.number(6), let links = fields.number(7), let mode = fields.number(8),
                  let uid = fields.number(9), let gid = fields.number(10), let copyInode = fields.number(11)
            else { return nil }
            let link = fields[1].isEmpty ? nil : String(decoding: Self.unescape(fields[1]), as: UTF8.self)
            return MirroredFile(path: path, size: Int64(size), modified: modified,
                                digest: String(decoding: fields[2], as: UTF8.self), link: link, device: device,
                                inode: inode, linkCount: links, mode: UInt32(truncatingIfNeeded: mode),
                                uid: UInt32(truncatingIfNeeded: uid), gid: UInt32(truncatingIfNeeded: gid),
                                copyInode: copyInode)
        }
    }

    /// What counting and carrying over a kept file needs, read without making a string: size, whether it is a
    /// link of an earlier name, how many names its original had, the original's identity, and the note.
    struct KeptFile {
        var size: Int64
        var isLink: Bool
        var linkCount: UInt64
        var device: UInt64
        var inode: UInt64
        var note: ArraySlice<UInt8>
    }

    func keptFile() -> KeptFile? {
        guard isFile else { return nil }
        return withFields(13) { fields in
            guard let size = fields.number(3), let device = fields.number(5), let inode = fields.number(6),
                  let links = fields.number(7) else { return nil }
            return KeptFile(size: Int64(size), isLink: !fields[1].isEmpty, linkCount: links, device: device,
                            inode: inode, note: fields[12])
        }
    }

    /// The fields after the kind, found in one pass without allocating.
    private struct Fields {
        let bytes: ArraySlice<UInt8>
        /// Where each field's tab is; the last entry is the end of the line.
        let tabs: UnsafeMutableBufferPointer<Int>

        subscript(_ index: Int) -> ArraySlice<UInt8> { bytes[(tabs[index] + 1)..<tabs[index + 1]] }

        /// A decimal number without sign.
        func number(_ index: Int) -> UInt64? { Self.digits(self[index]) }

        /// A decimal number, maybe negative (a time before 1970).
        func signed(_ index: Int) -> Int64? {
            let field = self[index]
            guard field.first == UInt8(ascii: "-") else { return Self.digits(field).flatMap { Int64(exactly: $0) } }
            return Self.digits(field.dropFirst()).flatMap { Int64(exactly: $0) }.map { -$0 }
        }

        private static func digits(_ field: ArraySlice<UInt8>) -> UInt64? {
            guard !field.isEmpty, field.count <= 19 else { return nil }
            var value: UInt64 = 0
            for byte in field {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    /// `body` on the line's `count` fields (the last one runs to the end of the line); nil when it has fewer.
    private func withFields<T>(_ count: Int, _ body: (Fields) -> T?) -> T? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count + 1) { tabs -> T? in
            var found = 0
            var index = bytes.startIndex
            while found < count, let tab = bytes[index...].firstIndex(of: Self.tab) {
                tabs[found] = tab
                found += 1
                index = tab + 1
            }
            guard found == count else { return nil }
            tabs[count] = bytes.endIndex
            return body(Fields(bytes: bytes, tabs: tabs))
        }
    }

    private static let tab = UInt8(ascii: "\t")
    private static let backslash = UInt8(ascii: "\\")

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == backslash || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func unescape(_ field: ArraySlice<UInt8>) -> [UInt8] {
        guard field.contains(backslash) else { return Array(field) }
        var result: [UInt8] = [], escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): result.append(9)
                case UInt8(ascii: "n"): result.append(10)
                case UInt8(ascii: "r"): result.append(13)
                default: result.append(byte)
                }
                escaped = false
            } else if byte == backslash {
                escaped = true
            } else {
                result.append(byte)
            }
        }
        return result
    }
}
