import CutoverKit
import CutoverTestSupport
import Foundation
import Glibc
import Testing

@Suite("input files must be regular files")
struct InputFileKindTests {
    /// An import list that is a FIFO, or an index that is `/dev/zero`, is refused by name without hanging.
    @Test func specialFilesAreRefusedByName() throws {
        let tree = try TestTree(extraPlan: ["accounts": [
            "index": ["path": "/dev/zero", "format": "passwd-file"], "import": ["path": "fifo", "format": "userlist"]]])
        #expect(mkfifo(tree.folder.path + "/fifo", 0o600) == 0)
        let text = try #require(throws: PlanInvalid.self) { try tree.plan() }.description
        #expect(text.contains("/dev/zero: is a character device, not a regular file (named by `accounts.index.path`)"))
        #expect(text.contains("/fifo: is a FIFO, not a regular file (named by `accounts.import.path`)"))
    }
}
