import Foundation
import Glibc

/// A comparable picture of a folder tree, so a test can assert "byte-identical" or "ended in the same state".
public enum TreeDigest {
    /// Every directory, regular file and symlink under `root`, by path relative to it, mapped to a description:
    /// "dir <mode>", "file <mode> <size> <FNV-1a 64 of the bytes>", "link <target>" (other kinds: "other <mode>").
    /// `exclude` gets each relative path; an excluded directory is skipped with everything in it.
    /// FNV-1a is no cryptographic digest, and needs none: it only compares trees that tests wrote themselves.
    public static func of(_ root: String, exclude: (String) -> Bool = { _ in false }) throws -> [String: String] {
        var digest: [String: String] = [:]
        try walk(root, relative: "", exclude: exclude, into: &digest)
        return digest
    }

    private static func walk(_ root: String, relative: String, exclude: (String) -> Bool,
                             into digest: inout [String: String]) throws {
        let folder = relative.isEmpty ? root : root + "/" + relative
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard !exclude(path) else { continue }
            var status = stat()
            guard lstat(root + "/" + path, &status) == 0 else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: root + "/" + path])
            }
            let mode = String(status.st_mode & 0o7777, radix: 8)
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                digest[path] = "dir \(mode)"
                try walk(root, relative: path, exclude: exclude, into: &digest)
            case S_IFREG:
                let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
                digest[path] = "file \(mode) \(bytes.count) " + String(fnv1a(bytes), radix: 16)
            case S_IFLNK:
                digest[path] = "link " + (try FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path))
            default:
                digest[path] = "other \(mode)"
            }
        }
    }

    private static func fnv1a(_ bytes: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return hash
    }
}
