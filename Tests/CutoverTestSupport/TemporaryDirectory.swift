import Foundation
import Glibc

/// A fresh, uniquely named folder under /tmp for one test; `remove()` deletes it with everything in it.
public final class TemporaryDirectory: Sendable {
    public let path: String

    /// Mode 0755, not mkdtemp's 0700: mail daemons and tools running as other users must traverse it.
    public init(prefix: String = "cutover-test") throws {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/tmp/\(prefix)-XXXXXX"])
        }
        path = String(cString: created)
        chmod(path, 0o755)
    }

    /// Tests that forget to remove their folder do not leave it behind.
    deinit { remove() }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
