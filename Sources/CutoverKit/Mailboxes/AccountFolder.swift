import CutoverSystem
import Foundation

/// Where an account's mail really is. Admins move big mailboxes to another disk and leave a symbolic link, so
/// a link is followed, but only into a root the plan names: a link out of the tree would make the cutover move
/// mail out of (or write copies into) any folder on the host.
enum AccountFolder: Equatable {
    /// The folder to use, links resolved.
    case folder(String)
    case missing
    /// A link (the account folder or one above it) to a folder outside every root the plan names.
    case outsideRoots(target: String)

    static func resolve(_ path: String, allowedRoots: [String]) throws -> AccountFolder {
        guard try FileStatus.ifExists(path) != nil else { return .missing }
        let real = resolved(path)
        let roots = allowedRoots.map(resolved)
        guard roots.contains(where: { real == $0 || real.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            return .outsideRoots(target: real)
        }
        return .folder(real)
    }

    /// The roots account folders may lie in (or link into): the mail root, the straggler source, and the plan's
    /// `mailboxes.linkedRoots`.
    static func allowedRoots(of plan: Plan) -> [String] {
        [plan.mailboxes.store.root] + (plan.stragglers.source.map { [$0.root] } ?? []) + plan.mailboxes.linkedRoots
    }

    /// The same folder however it is spelt (another root string, a link, a bind mount): then mail found there is
    /// already in the new mailbox, and removing it as "moved" would delete the only copy.
    static func same(_ folder: String, as other: String) throws -> Bool {
        guard let one = try FileStatus.ifExists(resolved(folder)),
              let two = try FileStatus.ifExists(resolved(other)) else { return resolved(folder) == resolved(other) }
        return one.device == two.device && one.inode == two.inode
    }

    static func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
}
