/// The audit cannot read something it must: the state folder, the snapshot, an account file.
struct AuditFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
