import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct DirectoriesTests {
    /// A new folder gets the ownership asked for; an existing one is fine and left as it is.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func createsWithOwnership() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.at("alice")
        try Directories.create(folder, ownership: Ownership(uid: 5000, gid: 8, mode: 0o2770))
        #expect(Ownership(of: try FileStatus.of(folder)) == Ownership(uid: 5000, gid: 8, mode: 0o2770))
        try Directories.create(folder, ownership: Ownership(uid: 0, gid: 0, mode: 0o700))
        #expect(Ownership(of: try FileStatus.of(folder)) == Ownership(uid: 5000, gid: 8, mode: 0o2770))
    }

    /// Only the symbolic links of a folder, whatever they point at (a folder, nothing), in byte order.
    @Test func listsSymbolicLinks() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("file", "x")
        try FileManager.default.createDirectory(atPath: scratch.at("folder"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: scratch.at("to-folder"), withDestinationPath: "folder")
        try FileManager.default.createSymbolicLink(atPath: scratch.at("dangling"), withDestinationPath: "nowhere")
        #expect(try Directories.symbolicLinks(in: scratch.path) == ["dangling", "to-folder"])
    }

    /// Only regular files, hidden names left out, each with its own status; no folder (missing, a file, a link to
    /// a folder) has none.
    @Test func listsVisibleFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.at("cur/sub"), withIntermediateDirectories: true)
        try scratch.write("cur/b", "bb")
        try scratch.write("cur/a", "a")
        try scratch.write("cur/.tmp", "x")
        try FileManager.default.createSymbolicLink(atPath: scratch.at("cur/link"), withDestinationPath: "a")
        try FileManager.default.createSymbolicLink(atPath: scratch.at("to-cur"), withDestinationPath: "cur")
        let files = try Directories.visibleFiles(in: scratch.at("cur")).files
        #expect(files.map(\.name) == ["a", "b"] && files.map(\.status.size) == [1, 2])
        #expect(files[1].status.inode == (try FileStatus.of(scratch.at("cur/b")).inode))
        for noFolder in ["none", "cur/a", "to-cur"] {
            #expect(try Directories.visibleFiles(in: scratch.at(noFolder)).files.isEmpty)
        }
    }

    /// A file in the way, or a missing parent, is an error naming the folder.
    @Test func createRefusals() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("file", "x")
        let inTheWay = #expect(throws: SystemError.self) {
            try Directories.create(scratch.at("file"), ownership: Ownership(uid: 0, gid: 0, mode: 0o755))
        }
        #expect(inTheWay?.description == "cannot create the folder \(scratch.at("file")): File exists")
        let noParent = #expect(throws: SystemError.self) {
            try Directories.create(scratch.at("a/b"), ownership: Ownership(uid: 0, gid: 0, mode: 0o755))
        }
        #expect(noParent?.errno == ENOENT)
    }

    /// Entries are sorted in byte order, without "." and "..", hidden names included.
    @Test func listsEntries() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for name in ["b", "A", ".hidden", "~alice", "é", "a"] { try scratch.write(name, "") }
        #expect(try Directories.entries(scratch.path) == [".hidden", "A", "a", "b", "~alice", "é"])
        #expect(throws: SystemError.self) { try Directories.entries(scratch.at("none")) }
    }

    /// Rename moves a folder, and refuses to replace an existing target (both left as they were).
    @Test func renameNeverReplaces() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("mail/alice/cur/1", "one")
        try scratch.write("mail/~alice/cur/old", "old")
        try Directories.rename(scratch.at("mail/alice"), to: scratch.at("mail/~alice.2"))
        #expect(try Directories.entries(scratch.at("mail")) == ["~alice", "~alice.2"])
        try scratch.write("mail/bob/x", "x")
        let error = #expect(throws: SystemError.self) {
            try Directories.rename(scratch.at("mail/bob"), to: scratch.at("mail/~alice"))
        }
        #expect(error?.errno == EEXIST)
        #expect(error?.description
            == "cannot rename \(scratch.at("mail/bob")) to \(scratch.at("mail/~alice")): File exists")
        #expect(try Directories.entries(scratch.at("mail/~alice/cur")) == ["old"])
        #expect(try Directories.entries(scratch.at("mail/bob")) == ["x"])
    }

    /// Removing a file works once; the second time names the path.
    @Test func removesFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("straggler", "x")
        try Directories.removeFile(file)
        #expect(try FileStatus.ifExists(file) == nil)
        let error = #expect(throws: SystemError.self) { try Directories.removeFile(file) }
        #expect(error?.description == "cannot remove \(file): No such file or directory")
    }
}
