import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct TreeCopierTests {
    /// A small mail tree: nested folders, odd names, an empty file, links of both kinds, special files.
    private func makeTree(in scratch: Scratch) throws -> String {
        let root = scratch.at("mail")
        try scratch.write("mail/example.jp/alice/cur/1700000000.M1P1.host:2,S", "Subject: hi\n\nbody\n", mode: 0o600)
        try scratch.write("mail/example.jp/alice/new/1700000001.M2P1.host", "", mode: 0o600)
        try scratch.write("mail/example.jp/alice/.Sent Items/cur/msg 1", "sent\n", mode: 0o640)
        try scratch.write("mail/example.jp/bob/メール.txt", "日本語\n", mode: 0o644)
        try scratch.write("mail/example.jp/bob/big", bytes: (0..<(2 << 20) + 5).map { UInt8(truncatingIfNeeded: $0) })
        link(root + "/example.jp/alice/cur/1700000000.M1P1.host:2,S", root + "/example.jp/bob/shared")
        link(root + "/example.jp/alice/cur/1700000000.M1P1.host:2,S", root + "/example.jp/zz-also-shared")
        symlink("../alice", root + "/example.jp/bob/alice-link")
        symlink("/nonexistent/target", root + "/dangling")
        mkfifo(root + "/example.jp/fifo", 0o600)
        // Another owner shows that the copy keeps owners; only root may give files away.
        if geteuid() == 0 { try shell("chown -R 5000:8 '\(root)/example.jp'") }
        chmod(root + "/example.jp/alice", 0o2750)
        var times = [timespec(tv_sec: 1_600_000_000, tv_nsec: 111),
                     timespec(tv_sec: 1_650_000_000, tv_nsec: 123_456_789)]
        utimensat(AT_FDCWD, root + "/example.jp/bob/big", &times, 0)
        utimensat(AT_FDCWD, root + "/example.jp/bob/alice-link", &times, AT_SYMLINK_NOFOLLOW)
        utimensat(AT_FDCWD, root + "/example.jp/alice", &times, 0)
        return root
    }

    /// Everything is copied with content, mode, owner and mtime; links stay links and specials are skipped, both
    /// listed (a walk lists the same).
    @Test func copiesContentAndAttributes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try makeTree(in: scratch)
        let copy = scratch.at("copy")
        var visited: [CopiedFile] = []
        let notable = try TreeCopier.copy(from: source, to: copy) { visited.append($0) }
        #expect(notable == [NotableEntry(relativePath: "dangling", kind: .symbolicLink(target: "/nonexistent/target")),
                            NotableEntry(relativePath: "example.jp/bob/alice-link", kind: .symbolicLink(target: "../alice")),
                            NotableEntry(relativePath: "example.jp/fifo", kind: .fifo)])
        #expect(try TreeCopier.walk(source, computeDigests: false) { _ in } == notable)

        for file in visited {
            #expect(try FileReading.bytes(copy + "/" + file.relativePath)
                == FileReading.bytes(source + "/" + file.relativePath))
            #expect(try FileReading.digest(source + "/" + file.relativePath).digest == file.digest)
        }
        let checked = ["", "/example.jp", "/example.jp/alice", "/example.jp/alice/.Sent Items/cur/msg 1",
                       "/example.jp/bob/big", "/example.jp/bob/メール.txt", "/example.jp/bob/alice-link",
                       "/dangling"]
        for path in checked {
            let original = try FileStatus.of(source + path), copied = try FileStatus.of(copy + path)
            #expect(copied.kind == original.kind, "\(path)")
            #expect(copied.mode == original.mode || original.kind == .symlink, "\(path)")
            #expect(copied.uid == original.uid && copied.gid == original.gid, "\(path)")
            #expect(copied.modificationTime == original.modificationTime, "\(path)")
            #expect(copied.size == original.size, "\(path)")
        }
        #expect(try FileStatus.of(copy + "/example.jp/alice").mode == 0o2750)
        #expect(try FileStatus.of(copy + "/example.jp/bob/big").modificationTime == 1_650_000_000.123456789)
        #expect(String(cString: realpath(copy + "/example.jp/bob/alice-link", nil)) == copy + "/example.jp/alice")
        #expect(try FileStatus.ifExists(copy + "/example.jp/fifo") == nil)
    }

    /// Hard links inside the tree are links in the copy too (new inode, shared by the copies), reported once with
    /// `hardLinkOf` pointing at the first path.
    @Test func keepsHardLinks() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try makeTree(in: scratch)
        let copy = scratch.at("copy")
        var visited: [String: CopiedFile] = [:]
        try TreeCopier.copy(from: source, to: copy) { visited[$0.relativePath] = $0 }
        let first = "example.jp/alice/cur/1700000000.M1P1.host:2,S"
        let original = try FileStatus.of(copy + "/" + first)
        for other in ["example.jp/bob/shared", "example.jp/zz-also-shared"] {
            let status = try FileStatus.of(copy + "/" + other)
            #expect(status.inode == original.inode)
            #expect(visited[other]?.hardLinkOf == first)
            #expect(visited[other]?.digest == visited[first]?.digest)
            #expect(visited[other]?.size == 18)
        }
        #expect(original.linkCount == 3)
        #expect(original.inode != (try FileStatus.of(source + "/" + first)).inode)
        #expect(visited[first]?.hardLinkOf == nil)
    }

    /// Files are visited depth-first with each folder's names in byte order, and the walk reports the very same
    /// values (with or without digests) in the same order.
    @Test func orderAndWalkAgree() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try makeTree(in: scratch)
        try scratch.write("mail/B", "upper")
        try scratch.write("mail/a", "lower")
        try scratch.write("mail/a b", "space")
        var copied: [CopiedFile] = []
        try TreeCopier.copy(from: source, to: scratch.at("copy")) { copied.append($0) }
        #expect(copied.map(\.relativePath) == [
            "B", "a", "a b",
            "example.jp/alice/.Sent Items/cur/msg 1",
            "example.jp/alice/cur/1700000000.M1P1.host:2,S",
            "example.jp/alice/new/1700000001.M2P1.host",
            "example.jp/bob/big", "example.jp/bob/shared", "example.jp/bob/メール.txt",
            "example.jp/zz-also-shared",
        ])
        var walked: [CopiedFile] = []
        try TreeCopier.walk(source, computeDigests: true) { walked.append($0) }
        #expect(walked == copied)
        var quick: [CopiedFile] = []
        try TreeCopier.walk(scratch.at("copy"), computeDigests: false) { quick.append($0) }
        #expect(quick.map(\.relativePath) == copied.map(\.relativePath))
        #expect(quick.map(\.size) == copied.map(\.size))
        #expect(quick.map(\.hardLinkOf) == copied.map(\.hardLinkOf))
        #expect(quick.allSatisfy { $0.digest.isEmpty })
    }

    /// Deep trees, empty folders, empty files and names that are not UTF-8 are copied exactly.
    @Test func deepAndOddTrees() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = scratch.at("deep")
        var folder = source
        for level in 0..<100 { folder += "/level\(level)" }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("bottom".utf8).write(to: URL(fileURLWithPath: folder + "/file"))
        mkdir(source + "/empty", 0o700)
        let odd = source + "/caf\u{E9}"   // then rename to the Latin-1 byte 0xE9
        creat(odd, 0o644)
        let latin1: [CChar] = Array((source + "/caf").utf8CString.dropLast()) + [CChar(bitPattern: 0xE9), 0]
        rename(odd, latin1)
        var visited: [String] = []
        try TreeCopier.copy(from: source, to: scratch.at("copy")) { visited.append($0.relativePath) }
        #expect(visited.count == 2)
        #expect(visited.contains("caf\u{FFFD}"))
        let copiedName: [CChar] = Array(scratch.at("copy/caf").utf8CString.dropLast()) + [CChar(bitPattern: 0xE9), 0]
        #expect(access(copiedName, F_OK) == 0)
        let bottom = scratch.at("copy") + String(folder.dropFirst(source.count)) + "/file"
        #expect(try FileReading.text(bottom) == "bottom")
        #expect(try FileStatus.of(scratch.at("copy/empty")).mode == 0o700)
    }

    /// A missing source and an existing destination are errors naming the path; nothing is created for the first.
    @Test func refusals() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let missing = #expect(throws: SystemError.self) {
            try TreeCopier.copy(from: scratch.at("absent"), to: scratch.at("copy")) { _ in }
        }
        #expect(missing?.path == scratch.at("absent"))
        #expect(try FileStatus.ifExists(scratch.at("copy")) == nil)
        mkdir(scratch.at("src"), 0o755)
        mkdir(scratch.at("dst"), 0o755)
        let exists = #expect(throws: SystemError.self) {
            try TreeCopier.copy(from: scratch.at("src"), to: scratch.at("dst")) { _ in }
        }
        #expect(exists?.errno == EEXIST)
        #expect(exists?.path == scratch.at("dst"))
        #expect(throws: SystemError.self) { try TreeCopier.walk(scratch.at("absent"), computeDigests: false) { _ in } }
    }

    /// An error thrown by `visit` stops the copy and reaches the caller.
    @Test func visitErrorStopsTheCopy() throws {
        struct Stop: Error {}
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = try makeTree(in: scratch)
        var count = 0
        #expect(throws: Stop.self) {
            try TreeCopier.copy(from: source, to: scratch.at("copy")) { _ in
                count += 1
                if count == 2 { throw Stop() }
            }
        }
        #expect(count == 2)
    }

    /// Many files, more than the copy keeps in flight, with hard links far apart: the order, the digests and the
    /// links all hold.
    @Test func manyFilesInOrder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let source = scratch.at("many")
        for folder in 0..<5 {
            for file in 0..<120 {
                try scratch.write("many/f\(folder)/m\(String(format: "%03d", file))", "message \(folder) \(file)\n")
            }
        }
        for folder in 1..<5 { link(source + "/f0/m007", source + "/f\(folder)/zz-link") }
        var copied: [CopiedFile] = []
        try TreeCopier.copy(from: source, to: scratch.at("copy")) { copied.append($0) }
        #expect(copied.count == 604)
        #expect(copied.map(\.relativePath) == copied.map(\.relativePath).sorted())
        let expected = try shell("cd '\(source)/f3' && sha256sum m042").prefix(64)
        #expect(copied.first { $0.relativePath == "f3/m042" }?.digest == String(expected))
        let links = copied.filter { $0.hardLinkOf != nil }
        #expect(links.map(\.relativePath) == ["f1/zz-link", "f2/zz-link", "f3/zz-link", "f4/zz-link"])
        #expect(links.allSatisfy { $0.hardLinkOf == "f0/m007" && $0.digest == copied[7].digest })
        let linked = try FileStatus.of(scratch.at("copy/f4/zz-link"))
        #expect(linked.inode == (try FileStatus.of(scratch.at("copy/f0/m007"))).inode)
    }

    /// A write failing on a worker thread (a full disk) reaches the caller as a SystemError naming the copy.
    /// Needs a tiny tmpfs, so it only runs where this root may mount one.
    @Test func fullDiskFailsTheCopy() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.withTinyFilesystem { mountPoint in
            for index in 0..<8 { try scratch.write("src/file\(index)", bytes: [UInt8](repeating: 7, count: 40_000)) }
            let error = #expect(throws: SystemError.self) {
                try TreeCopier.copy(from: scratch.at("src"), to: mountPoint + "/copy") { _ in }
            }
            #expect(error?.errno == ENOSPC)
            #expect(error?.path.hasPrefix(mountPoint + "/copy/file") == true)
        }
    }

    // Permission-denied folders cannot be simulated: the tests run as root, which reads any folder.

    /// A folder nested 1,000 levels deep (any mail user can make one) stops a copy and a walk with the first path
    /// past the limit, without a crash.
    @Test func tooDeepTreeIsRefusedByPath() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.at("deep"), 0o755)
        var fd = open(scratch.at("deep"), O_RDONLY | O_DIRECTORY)
        for _ in 0..<1_000 {
            #expect(mkdirat(fd, "d", 0o755) == 0)
            let child = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = child
        }
        close(fd)
        let expected = scratch.at("deep") + String(repeating: "/d", count: 256)
        let copyError = #expect(throws: TreeTooDeep.self) { try TreeCopier.copy(from: scratch.at("deep"), to: scratch.at("copy")) { _ in } }
        #expect(copyError?.path == expected)
        #expect(copyError?.description.contains("more than 256 levels") == true)
        let walkError = #expect(throws: TreeTooDeep.self) { try TreeCopier.walk(scratch.at("deep"), computeDigests: false) { _ in } }
        #expect(walkError?.path == expected)
    }

    /// A file hard-linked to a name outside the tree is copied as its content, a file of its own.
    @Test func hardLinkOutsideTheTreeIsCopiedAsContent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.at("tree"), 0o755)
        let outside = try scratch.write("outside", "shared content")
        #expect(link(outside, scratch.at("tree/inside")) == 0)
        var visited: [CopiedFile] = []
        try TreeCopier.copy(from: scratch.at("tree"), to: scratch.at("copy")) { visited.append($0) }
        #expect(visited.map(\.relativePath) == ["inside"] && visited[0].hardLinkOf == nil)
        #expect(try scratch.read("copy/inside") == "shared content")
        #expect(try FileStatus.of(scratch.at("copy/inside")).linkCount == 1)
    }
}
