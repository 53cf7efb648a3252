import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct FileStatusTests {
    /// lstat's facts come through: kind, size, permission bits only, owner, mtime with nanoseconds, links.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func describesARegularFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("a", "hello")
        chown(file, 1234, 5678)
        chmod(file, 0o4640)   // after chown, which clears setuid
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 250_000_000),
                     timespec(tv_sec: 1_700_000_123, tv_nsec: 500_000_000)]
        utimensat(AT_FDCWD, file, &times, 0)
        link(file, scratch.at("b"))

        let status = try FileStatus.of(file)
        #expect(status.kind == .regular)
        #expect(status.size == 5)
        #expect(status.mode == 0o4640)
        #expect(status.uid == 1234 && status.gid == 5678)
        #expect(status.modificationTime == 1_700_000_123.5)
        #expect(status.linkCount == 2)
        #expect(try FileStatus.of(scratch.at("b")).inode == status.inode)
        #expect(Ownership(of: status) == Ownership(uid: 1234, gid: 5678, mode: 0o4640))
    }

    /// Folders and symbolic links are told apart, and a link is described itself, not followed.
    @Test func describesFoldersAndLinksWithoutFollowing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.at("folder"), 0o750)
        symlink("folder", scratch.at("link"))
        mkfifo(scratch.at("fifo"), 0o600)
        #expect(try FileStatus.of(scratch.at("folder")).kind == .directory)
        #expect(try FileStatus.of(scratch.at("link")).kind == .symlink)
        #expect(try FileStatus.of(scratch.at("fifo")).kind == .other)
    }

    /// A missing path, or one below a file, is nil for `ifExists` and a SystemError naming it for `of`.
    @Test func missingPaths() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("file", "x")
        #expect(try FileStatus.ifExists(scratch.at("nothing")) == nil)
        #expect(try FileStatus.ifExists(scratch.at("file/below")) == nil)
        let error = #expect(throws: SystemError.self) { try FileStatus.of(scratch.at("nothing")) }
        #expect(error?.errno == ENOENT)
        #expect(error?.description.contains(scratch.at("nothing")) == true)
    }

    /// Errors other than "not there" are not hidden as nil (a name longer than NAME_MAX gives ENAMETOOLONG).
    @Test func otherErrorsThrow() throws {
        let long = "/tmp/" + String(repeating: "x", count: 300)
        #expect(throws: SystemError.self) { try FileStatus.ifExists(long) }
    }
}
