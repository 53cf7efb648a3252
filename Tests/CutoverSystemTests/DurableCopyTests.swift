import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct DurableCopyTests {
    /// The copy has the content, the given ownership and the source's mtime; the digest is of the content.
    @Test(.enabled(if: geteuid() == 0, "needs root: it gives files to other users")) func copiesWithOwnership() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try scratch.write("old/cur/msg", "Message-ID: <1@x>\n\nhello\n", mode: 0o644)
        var times = [timespec(tv_sec: 1_600_000_000, tv_nsec: 0), timespec(tv_sec: 1_650_000_000, tv_nsec: 5)]
        utimensat(AT_FDCWD, source, &times, 0)
        mkdir(scratch.at("new"), 0o755)
        let target = scratch.at("new/msg")
        let digest = try DurableCopy.copyFile(from: source, to: target, ownership: Ownership(uid: 5000, gid: 8,
                                                                                            mode: 0o600))
        #expect(digest == (try FileReading.digest(source)).digest)
        #expect(try FileReading.text(target) == "Message-ID: <1@x>\n\nhello\n")
        let status = try FileStatus.of(target)
        #expect(Ownership(of: status) == Ownership(uid: 5000, gid: 8, mode: 0o600))
        #expect(status.modificationTime == 1_650_000_000.000000005)
        #expect(try Directories.entries(scratch.at("new")) == ["msg"])
    }

    /// An existing target is never replaced (EEXIST), and no temporary file is left.
    @Test func refusesAnExistingTarget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try scratch.write("a", "new")
        let target = try scratch.write("b", "precious")
        let error = #expect(throws: SystemError.self) {
            try DurableCopy.copyFile(from: source, to: target, ownership: Ownership(uid: 0, gid: 0, mode: 0o600))
        }
        #expect(error?.errno == EEXIST)
        #expect(error?.path == target)
        #expect(try scratch.read("b") == "precious")
        #expect(try Directories.entries(scratch.path) == ["a", "b"])
    }

    /// A symbolic link as source is refused instead of followed; a missing one names the path.
    @Test func refusesLinksAndMissingSources() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        symlink("/etc/shadow", scratch.at("evil"))
        let link = #expect(throws: NotARegularFile.self) {
            try DurableCopy.copyFile(from: scratch.at("evil"), to: scratch.at("copy"),
                                     ownership: Ownership(uid: 0, gid: 0, mode: 0o600))
        }
        #expect(link?.description == "cannot copy \(scratch.at("evil")): it is a symbolic link, not a regular file")
        let missing = #expect(throws: SystemError.self) {
            try DurableCopy.copyFile(from: scratch.at("none"), to: scratch.at("copy"),
                                     ownership: Ownership(uid: 0, gid: 0, mode: 0o600))
        }
        #expect(missing?.path == scratch.at("none"))
        #expect(try Directories.entries(scratch.path) == ["evil"])
    }
}
