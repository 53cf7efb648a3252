/// A path that must be a plain file is a folder, a symbolic link or a special file. Symbolic links are refused
/// rather than followed: in a mail user's folder one could point at any file on the host.
public struct NotARegularFile: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var kind: FileStatus.Kind

    public init(path: String, kind: FileStatus.Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        let what = switch kind {
        case .directory: "a folder"
        case .symlink: "a symbolic link"
        case .regular, .other: "a special file"
        }
        return "cannot copy \(path): it is \(what), not a regular file"
    }
}
