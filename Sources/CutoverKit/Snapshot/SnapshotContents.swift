import CutoverSystem

/// What a plan's snapshot must hold: the files the cutover rewrites and the mail trees it touches.
struct SnapshotContents {
    struct Item {
        var name: String
        var original: String
        var isTree: Bool
        /// For a mail tree: how its mailboxes are laid out.
        var layout: MailboxLayoutKind?

        var part: SnapshotMetadata.Part { SnapshotMetadata.Part(name: name, original: original) }

        /// The content of an account folder that is a link into a linked root.
        var isLinked: Bool { name.hasPrefix(Self.linkedPrefix) }

        /// Whether the folder `path` (relative to the tree) holds only files that are never rewritten in place:
        /// Maildir's `cur/` and `new/`, where a message is written in `tmp/` and only ever renamed after, so each
        /// change moves the folder's mtime. Dovecot's index, uidlist and every other file are rewritten in place.
        func holdsWholeMessagesOnly(_ path: String) -> Bool {
            guard layout == .maildir else { return false }
            return path == "cur" || path == "new" || path.hasSuffix("/cur") || path.hasSuffix("/new")
        }

        static let linkedPrefix = "linked/"
    }

    static func items(of plan: Plan) throws -> [Item] {
        var items = [file("index", plan.accounts.index.path)]
        if let map = plan.accounts.recipientMap, try FileStatus.ifExists(map.path) != nil {
            items.append(file("recipient-map", map.path))
        }
        if let routes = plan.routes { items.append(file("routes", routes.path)) }
        var trees = [Item(name: "mailboxes", original: plan.mailboxes.store.root, isTree: true,
                          layout: plan.mailboxes.store.layout)]
        if let source = plan.stragglers.source, source.root != plan.mailboxes.store.root {
            trees.append(Item(name: stragglerPart, original: source.root, isTree: true, layout: source.layout))
        }
        for tree in trees {
            items.append(tree)
            items += try linkedParts(of: tree, plan: plan)
        }
        return items
    }

    /// An account folder that links into a root the plan names is snapshotted by its content, under
    /// `linked/PART/DOMAIN/USER`; the link itself stays in the part as a link.
    private static func linkedParts(of tree: Item, plan: Plan) throws -> [Item] {
        let depth = plan.mailboxes.store.template.relativePath(domain: plan.domain, userID: "x")
            .split(separator: "/").count
        return try LinkedAccountFolders.find(under: tree.original, depth: depth,
                                             allowed: AccountFolder.allowedRoots(of: plan)).map {
            Item(name: Item.linkedPrefix + tree.name + "/" + $0.relative, original: $0.target, isTree: true,
                 layout: tree.layout)
        }
    }

    /// The snapshot part that holds the old side's mail stragglers are compared against.
    static func stragglerPart(of plan: Plan) -> String {
        if let source = plan.stragglers.source, source.root != plan.mailboxes.store.root { return stragglerPart }
        return "mailboxes"
    }

    private static let stragglerPart = "stragglers-source"

    private static func file(_ folder: String, _ path: String) -> Item {
        Item(name: folder + "/" + (path.split(separator: "/").last.map(String.init) ?? "file"), original: path,
             isTree: false)
    }
}
