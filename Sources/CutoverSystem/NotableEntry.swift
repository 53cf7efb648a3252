/// Something in a mail tree that is neither a folder nor a regular file. A copy or walk never follows or reads
/// it: a link is copied as a link, a FIFO or device is left out. Listed so the step can report them, since in a
/// user's mailbox any of them may be an attempt to reach outside it.
public struct NotableEntry: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Copied as a link, with the target it names.
        case symbolicLink(target: String)
        /// Not copied.
        case fifo, socket, device, other
    }

    /// Relative to the tree's root.
    public var relativePath: String
    public var kind: Kind

    public init(relativePath: String, kind: Kind) {
        self.relativePath = relativePath
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .symbolicLink(let target): "\(relativePath): a symbolic link to \(target), kept as a link, not followed"
        case .fifo: "\(relativePath): a FIFO, not copied"
        case .socket: "\(relativePath): a socket, not copied"
        case .device: "\(relativePath): a device, not copied"
        case .other: "\(relativePath): a special file, not copied"
        }
    }
}
