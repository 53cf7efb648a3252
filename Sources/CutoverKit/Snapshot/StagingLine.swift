import CutoverSystem

/// The lines of a staging record, tab-separated rather than JSON: the record is read at the start of the cutover's
/// snapshot, inside the downtime, and a JSON decoder per line would cost seconds on a large store.
///
/// `F digest size mtime device inode mode uid gid copyInode link path`, `D path` (a folder), `L path` (a link);
/// paths escape `\`, tab, newline and carriage return as `\\`, `\t`, `\n`, `\r`; an empty link field means none.
enum StagingLine {
    static func file(_ file: MirroredFile) -> String {
        ["F", file.digest, String(file.size), String(file.mtime), String(file.device), String(file.inode),
         String(file.mode), String(file.uid), String(file.gid), String(file.copyInode),
         escape(file.link ?? ""), escape(file.path)].joined(separator: "\t")
    }

    static func folder(_ path: String) -> String { "D\t" + escape(path) }

    static func link(_ path: String) -> String { "L\t" + escape(path) }

    static func read(_ line: ArraySlice<UInt8>, into state: inout MirrorState, file: String) throws {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        switch (fields.first, fields.count) {
        case ("D", 2): state.folders.append(unescape(fields[1]))
        case ("L", 2): state.links.append(unescape(fields[1]))
        case ("F", 12):
            guard let size = Int64(fields[2]), let mtime = Double(fields[3]), let device = UInt64(fields[4]),
                  let inode = UInt64(fields[5]), let mode = UInt32(fields[6]), let uid = UInt32(fields[7]),
                  let gid = UInt32(fields[8]), let copyInode = UInt64(fields[9]) else { throw corrupt(file) }
            let link = unescape(fields[10])
            state.files.append(MirroredFile(path: unescape(fields[11]), size: size, mtime: mtime,
                                            digest: fields[1], link: link.isEmpty ? nil : link,
                                            device: device, inode: inode, mode: mode, uid: uid, gid: gid,
                                            copyInode: copyInode))
        default: throw corrupt(file)
        }
    }

    private static func corrupt(_ file: String) -> StepFailure {
        StepFailure("the staging record \(file) is damaged; remove it and the snapshots/staging folder, then run "
            + "`cutover prestage` again")
    }

    private static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
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

    private static func unescape(_ field: String) -> String {
        guard field.utf8.contains(92) else { return field }
        var result = "", escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                result.unicodeScalars.append(scalar == "t" ? "\t" : scalar == "n" ? "\n" : scalar == "r" ? "\r" : scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
