/// A mirror record (see `TreeSync`) that cannot be read: a line of the wrong shape, or lines out of order.
public struct DamagedMirrorRecord: Error, Sendable, CustomStringConvertible {
    public var path: String

    public var description: String { "the record \(path) is damaged" }
}
