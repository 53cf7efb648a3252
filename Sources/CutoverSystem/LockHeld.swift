/// Another cutover run holds the state folder's lock: says who, and what to do about it.
public struct LockHeld: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The pid the holder wrote into the lock file; nil when it has not written it yet or the file is unreadable.
    public var holderPID: Int32?

    public init(path: String, holderPID: Int32?) {
        self.path = path
        self.holderPID = holderPID
    }

    public var description: String {
        guard let pid = holderPID else {
            return "another cutover run holds the lock \(path); wait for it to finish, "
                + "or if no cutover run is active, remove \(path)"
        }
        return "another cutover run (pid \(pid)) holds the lock \(path); wait for it to finish, "
            + "or if pid \(pid) is not running, remove \(path)"
    }
}
