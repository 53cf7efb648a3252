/// One entry of a Postfix `virtual_mailbox_maps` source: a recipient address and its mailbox path.
public struct VirtualMailboxEntry: Sendable, Equatable {
    /// e.g. "alice@example.jp", or "@example.jp" for a catch-all.
    public var address: String
    /// Relative to `virtual_mailbox_base`; a trailing '/' means Maildir delivery.
    public var path: String
    /// 1-based number of the line that holds the address; 0 for an entry made in code.
    public var line: Int

    public init(address: String, path: String, line: Int = 0) {
        self.address = address
        self.path = path
        self.line = line
    }
}
