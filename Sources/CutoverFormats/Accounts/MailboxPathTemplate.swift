/// Where an account's folder lies under the mail root: a relative path with `%d` (the domain), `%n` (the user
/// id) and `%%` (a literal '%'), e.g. "%d/%n".
public struct MailboxPathTemplate: Sendable, Equatable {
    private enum Piece: Sendable, Equatable {
        case literal(String)
        case domain
        case userID
    }

    /// The template as written.
    public let template: String
    private let pieces: [Piece]

    /// Checks `template`: only `%d`, `%n` and `%%`; `%n` present; relative; no empty, "." or ".." component.
    public init(_ template: String) throws(InputProblem) {
        func problem(_ message: String) -> InputProblem {
            InputProblem(file: "pathTemplate", message: "'\(UserID.printable(template))' \(message)")
        }
        var pieces: [Piece] = []
        var literal = ""
        var scalars = template.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                literal.unicodeScalars.append(scalar)
                continue
            }
            let placeholder: Piece
            switch scalars.next() {
            case "%":
                literal += "%"
                continue
            case "d": placeholder = .domain
            case "n": placeholder = .userID
            case let other?: throw problem("has '%\(other)'; only %d, %n and %% are allowed")
            case nil: throw problem("ends with a lone '%'; write %% for a literal '%'")
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(placeholder)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        guard pieces.contains(.userID) else { throw problem("must contain %n (the user id)") }
        if template.hasPrefix("/") { throw problem("must be relative to the mail root, not start with '/'") }
        // Components are checked as written: user ids and domains never make '/', '.' or '..' on their own.
        for component in template.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { throw problem("has an empty path component ('//' or a trailing '/')") }
            if component == "." || component == ".." { throw problem("must not have a '\(component)' component") }
        }
        self.template = template
        self.pieces = pieces
    }

    /// The account's folder relative to the mail root, e.g. "example.jp/alice" for "%d/%n".
    public func relativePath(domain: String, userID: String) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .domain: domain
            case .userID: userID
            }
        }.joined()
    }

    /// Inverse for enumeration: the userID if `relativePath` fits the template for `domain`, else nil.
    ///
    /// The user id must be a valid one (see `UserID`), so a renamed folder such as "~alice" is not taken for an
    /// account. A trailing '/' on `relativePath` is ignored.
    public func userID(fromRelativePath relativePath: String, domain: String) -> String? {
        var path = Array(relativePath.utf8)
        while path.count > 1, path.last == UInt8(ascii: "/") { path.removeLast() }
        // With the domain filled in, only the user id is left to find: literal bytes and holes for %n.
        let tokens: [[UInt8]?] = pieces.map { piece in
            switch piece {
            case .literal(let text): Array(text.utf8)
            case .domain: Array(domain.utf8)
            case .userID: nil
            }
        }
        guard let found = Self.match(tokens[...], path[...], userID: nil) else { return nil }
        let userID = String(decoding: found, as: UTF8.self)
        return UserID.problem(with: userID) == nil ? userID : nil
    }

    /// Backtracking match; every %n hole must take the same non-empty text without '/'.
    private static func match(_ tokens: ArraySlice<[UInt8]?>, _ path: ArraySlice<UInt8>, userID: [UInt8]?) -> [UInt8]? {
        guard let token = tokens.first else { return path.isEmpty ? userID : nil }
        let rest = tokens.dropFirst()
        if let literal = token ?? userID {
            guard path.starts(with: literal) else { return nil }
            return match(rest, path.dropFirst(literal.count), userID: userID)
        }
        var end = path.startIndex
        while end < path.endIndex, path[end] != UInt8(ascii: "/") {
            end += 1
            if let found = match(rest, path[end...], userID: Array(path[..<end])) { return found }
        }
        return nil
    }
}
