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
        try Resolver(allowedRoots: allowedRoots).resolve(path)
    }

    /// The roots account folders may lie in (or link into): the mail root, the straggler source, and the plan's
    /// `mailboxes.linkedRoots`.
    static func allowedRoots(of plan: Plan) -> [String] {
        [plan.mailboxes.store.root] + (plan.stragglers.source.map { [$0.root] } ?? []) + plan.mailboxes.linkedRoots
    }

    /// The same folder however it is spelt (another root string, a link, a bind mount): then mail found there is
    /// already in the new mailbox, and removing it as "moved" would delete the only copy.
    static func same(_ folder: String, as other: String) throws -> Bool {
        try same(resolved(folder), asResolved: resolved(other))
    }

    fileprivate static func same(_ one: String, asResolved two: String) throws -> Bool {
        guard let first = try FileStatus.ifExists(one), let second = try FileStatus.ifExists(two) else { return one == two }
        return first.device == second.device && first.inode == second.inode
    }

    static func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }

    /// Resolves many account folders against the same roots, the roots resolved once. A folder below a root with
    /// no link between the root and itself (the usual case) costs one `lstat` per path component below the root.
    struct Resolver {
        private let roots: [(written: String, real: String)]

        init(allowedRoots: [String]) {
            roots = allowedRoots.map { ($0, AccountFolder.resolved($0)) }
        }

        func resolve(_ path: String) throws -> AccountFolder {
            if let plain = try plainPath(path) { return plain }
            guard try FileStatus.ifExists(path) != nil else { return .missing }
            let real = AccountFolder.resolved(path)
            guard roots.contains(where: { real == $0.real || real.hasPrefix($0.real == "/" ? "/" : $0.real + "/") })
            else { return .outsideRoots(target: real) }
            return .folder(real)
        }

        /// Whether `folder` and `real` (a path already resolved) are the same folder; see `AccountFolder.same`.
        func same(_ folder: String, asResolved real: String) throws -> Bool {
            let one: String
            switch try plainPath(folder) {
            case .folder(let path)?: one = path
            default: one = AccountFolder.resolved(folder)
            }
            return try AccountFolder.same(one, asResolved: real)
        }

        /// `path` resolved without Foundation when it lies under a root as written and nothing between that root
        /// and it is a link (`.missing` when a component is absent); nil when the full resolution must decide.
        private func plainPath(_ path: String) throws -> AccountFolder? {
            guard let root = roots.first(where: { $0.written != "/" && path.hasPrefix($0.written + "/") }) else {
                return nil
            }
            let below = path.dropFirst(root.written.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            guard !below.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
            var current = root.written
            for component in below {
                current += "/" + component
                guard let status = try FileStatus.ifExists(current) else { return .missing }
                if status.kind == .symlink { return nil }
            }
            return .folder(root.real + "/" + below.joined(separator: "/"))
        }
    }
}
