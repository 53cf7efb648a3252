import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct AtomicFileTests {
    /// A new file gets 0644 and the caller's ids; the folder holds no temporary file afterwards.
    @Test func createsANewFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try AtomicFile.write("one\n", to: scratch.at("new"))
        #expect(try scratch.read("new") == "one\n")
        let status = try FileStatus.of(scratch.at("new"))
        #expect(Ownership(of: status) == Ownership(uid: getuid(), gid: getgid(), mode: 0o644))
        #expect(try Directories.entries(scratch.path) == ["new"])
    }

    /// Rewriting keeps the existing owner, group and mode, and replaces the inode (readers see old or new).
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func keepsTheExistingOwnership() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("passwd", "old\n", mode: 0o640)
        chown(file, 5000, 8)
        let before = try FileStatus.of(file)
        try AtomicFile.write(Array("new\n".utf8), to: file)
        let after = try FileStatus.of(file)
        #expect(try scratch.read("passwd") == "new\n")
        #expect(Ownership(of: after) == Ownership(uid: 5000, gid: 8, mode: 0o640))
        #expect(after.inode != before.inode)
    }

    /// An explicit ownership wins over the existing file's.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func appliesAGivenOwnership() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("map", "old", mode: 0o600)
        try AtomicFile.write("new", to: scratch.at("map"), ownership: Ownership(uid: 42, gid: 43, mode: 0o2640))
        #expect(Ownership(of: try FileStatus.of(scratch.at("map"))) == Ownership(uid: 42, gid: 43, mode: 0o2640))
    }

    /// Writing through a symbolic link replaces the file it points to and keeps the link.
    @Test func writesThroughASymbolicLink() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("real/transport", "old", mode: 0o640)
        symlink("real/transport", scratch.at("transport"))
        try AtomicFile.write("new", to: scratch.at("transport"))
        #expect(try FileStatus.of(scratch.at("transport")).kind == .symlink)
        #expect(try scratch.read("real/transport") == "new")
        #expect(try FileStatus.of(scratch.at("real/transport")).mode == 0o640)
    }

    /// A failure (here: the target is a folder, so the rename fails) names the target and leaves no temporary file.
    @Test func failureLeavesTargetAndNoTemporary() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.at("folder"), 0o755)
        let error = #expect(throws: SystemError.self) { try AtomicFile.write("x", to: scratch.at("folder")) }
        #expect(error?.path == scratch.at("folder"))
        #expect(try FileStatus.of(scratch.at("folder")).kind == .directory)
        #expect(try Directories.entries(scratch.path) == ["folder"])
    }

    /// A missing folder is reported with the target's path.
    @Test func missingFolderNamesTheTarget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = #expect(throws: SystemError.self) { try AtomicFile.write("x", to: scratch.at("no/file")) }
        #expect(error?.path == scratch.at("no/file"))
        #expect(error?.errno == ENOENT)
    }

    /// A full disk surfaces as ENOSPC naming the target, and the old content survives. Needs a tiny tmpfs, so it
    /// only runs where this root may mount one.
    @Test func fullDiskKeepsTheOldFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.withTinyFilesystem { mountPoint in
            try AtomicFile.write("old", to: mountPoint + "/index")
            let big = [UInt8](repeating: 65, count: 256 * 1024)
            let error = #expect(throws: SystemError.self) { try AtomicFile.write(big, to: mountPoint + "/index") }
            #expect(error?.errno == ENOSPC)
            #expect(error?.path == mountPoint + "/index")
            #expect(try FileReading.text(mountPoint + "/index") == "old")
            #expect(try Directories.entries(mountPoint) == ["index"])
        }
    }

    /// Folder and file syncs work on real paths and name a missing one.
    @Test func durabilityCalls() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("f", "x")
        try Durability.syncFile(scratch.at("f"))
        try Durability.syncDirectory(scratch.path)
        let error = #expect(throws: SystemError.self) { try Durability.syncDirectory(scratch.at("gone")) }
        #expect(error?.path == scratch.at("gone"))
    }
}
