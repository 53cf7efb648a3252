import CutoverSystem
import Foundation

/// The first bytes of a message file: enough for its header section without reading a large attachment.
enum MessageHead {
    static let limit = 64 * 1024

    static func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SystemError("read", path) }
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: limit) ?? Data())
    }
}
