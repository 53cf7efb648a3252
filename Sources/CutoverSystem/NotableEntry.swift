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

    public var description: String { "\(relativePath): \(what)" }

    /// What it is and what was done with it, without the path.
    public var what: String {
        switch kind {
        case .symbolicLink(let target): "a symbolic link to \(target), kept as a link, not followed"
        case .fifo: "a FIFO, not copied"
        case .socket: "a socket, not copied"
        case .device: "a device, not copied"
        case .other: "a special file, not copied"
        }
    }
}
