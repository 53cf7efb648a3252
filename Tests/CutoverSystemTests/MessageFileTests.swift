@testable import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct MessageFileTests {
    /// Both ways of making a message file (unnamed then named, or a temporary name renamed) give the same file:
    /// content, permissions, modification time and the status returned; an existing file is never replaced, and
    /// nothing else is left in the folder.
    @Test func createsUnderATemporaryName() throws {
        try createsWithoutReplacing(unnamed: false)
    }

    @Test(.enabled(if: unnamedFilesWork, "/tmp's file system has no unnamed files (O_TMPFILE) or there is no /proc"))
    func createsUnnamed() throws {
        try createsWithoutReplacing(unnamed: true)
    }

    private static let unnamedFilesWork: Bool = {
        guard let scratch = try? Scratch() else { return false }
        defer { scratch.remove() }
        let probe = MessageFile.NewFile(bytes: [], path: scratch.at("probe"), ownership: .ofThisProcess(mode: 0o600),
                                        modificationTime: 0, durable: false)
        return (try? MessageFile.createUnnamed(probe)) != nil
    }()

    private func createsWithoutReplacing(unnamed: Bool) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let create = { (name: String, text: String, durable: Bool) throws -> FileStatus in
            let file = MessageFile.NewFile(bytes: Array(text.utf8), path: scratch.at(name),
                                           ownership: .ofThisProcess(mode: 0o640),
                                           modificationTime: 1_700_000_000.25, durable: durable)
            return unnamed ? try #require(try MessageFile.createUnnamed(file)) : try MessageFile.createUnderTemporaryName(file)
        }
        let status = try create("a", "first", true)
        _ = try create("b", "second", false)
        #expect(try scratch.read("a") == "first" && scratch.read("b") == "second")
        let onDisk = try FileStatus.of(scratch.at("a"))
        #expect(onDisk.inode == status.inode && onDisk.size == 5 && onDisk.mode == 0o640)
        #expect(onDisk.modificationTime == 1_700_000_000.25 && status.modificationTime == onDisk.modificationTime)
        let exists = #expect(throws: SystemError.self) { _ = try create("a", "again", true) }
        #expect(exists?.errno == EEXIST)
        #expect(try scratch.read("a") == "first")
        #expect(try Directories.entries(scratch.path) == ["a", "b"])
    }

    /// The public call places the file whichever way the file system allows; a missing folder is an error.
    @Test func createsThroughEitherWay() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try MessageFile.create(Array("x".utf8), at: scratch.at("m"), ownership: .ofThisProcess(mode: 0o600),
                                   modificationTime: 1_600_000_000)
        #expect(try scratch.read("m") == "x" && FileStatus.of(scratch.at("m")).mode == 0o600)
        #expect(throws: SystemError.self) {
            _ = try MessageFile.create(Array("x".utf8), at: scratch.at("none/m"),
                                       ownership: .ofThisProcess(mode: 0o600), modificationTime: 1_600_000_000)
        }
    }

    /// Another owner is given to the file before it has a name (root only).
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func givesTheOwnerAskedFor() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try MessageFile.create(Array("x".utf8), at: scratch.at("m"), ownership: Ownership(uid: 5000, gid: 8, mode: 0o600),
                                   modificationTime: 1_600_000_000)
        #expect(Ownership(of: try FileStatus.of(scratch.at("m"))) == Ownership(uid: 5000, gid: 8, mode: 0o600))
    }
}
