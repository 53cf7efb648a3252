/// When a folder's modification time may stand for "nothing in it changed since": adding, removing or renaming an
/// entry sets it, but only to the file system's clock, which ticks coarsely (one second on some file systems, and
/// a file server's clock may lag ours). A folder changed just before its time was read could change again within
/// the same tick and keep that time, so such a stamp is not trusted.
public enum FolderSettling {
    /// How long before its stamp a folder must have last changed.
    public static let nanoseconds: Int64 = 2_000_000_000

    public static func isSettled(modifiedAt mtime: Int64, stampedAt: Int64) -> Bool {
        mtime <= stampedAt - nanoseconds
    }

    /// The same in seconds since 1970.
    public static func isSettled(modifiedAt mtime: Double, stampedAt: Double) -> Bool {
        mtime <= stampedAt - Double(nanoseconds) / 1_000_000_000
    }
}
