import CutoverSystem
import Foundation

/// Account folders that are symbolic links into a root the plan names (a big mailbox moved to another disk). The
/// tree copy keeps such a link as a link, so the snapshot copies what it points to as a part of its own.
enum LinkedAccountFolders {
    /// Links at the template's depth under `root` (`%d/%n`: `root/DOMAIN/USER`) whose target lies inside one of
    /// `allowed` but outside `root` itself: relative path → resolved target. A link anywhere else is left as a link
    /// (the copy reports it).
    static func find(under root: String, depth: Int, allowed: [String]) throws -> [(relative: String, target: String)] {
        var level = [""]
        for _ in 1..<max(depth, 1) {
            level = try level.flatMap { relative -> [String] in
                let folder = relative.isEmpty ? root : root + "/" + relative
                guard try FileStatus.ifExists(folder)?.kind == .directory else { return [] }
                return try Directories.entries(folder).map { relative.isEmpty ? $0 : relative + "/" + $0 }
            }
        }
        var found: [(relative: String, target: String)] = []
        for relative in level {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard try FileStatus.ifExists(folder)?.kind == .directory else { continue }
            for name in try Directories.symbolicLinks(in: folder).sorted() {
                let path = folder + "/" + name
                guard case .folder(let target) = try AccountFolder.resolve(path, allowedRoots: allowed),
                      !Self.isInside(target, AccountFolder.resolved(root)) else { continue }
                found.append((relative.isEmpty ? name : relative + "/" + name, target))
            }
        }
        return found
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
