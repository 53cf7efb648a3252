import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct FileReadingTests {
    /// Bytes and text come back exactly, empty files included.
    @Test func readsBytesAndText() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("utf8", "グループ\nline 2\n")
        try scratch.write("empty", "")
        #expect(try FileReading.text(scratch.at("utf8")) == "グループ\nline 2\n")
        #expect(try FileReading.bytes(scratch.at("empty")) == [])
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try scratch.write("big", bytes: big)
        #expect(try FileReading.bytes(scratch.at("big")) == big)
    }

    /// A file longer than its size said (as /proc's files are: size 0) is read to its end, through regrowth.
    @Test func readsPastTheSizeTheFileGave() throws {
        let maps = try FileReading.bytes("/proc/self/maps")
        #expect(try FileStatus.of("/proc/self/maps").size == 0)
        #expect(maps.count > 4096 && maps.last == UInt8(ascii: "\n"))
    }

    /// Invalid UTF-8 is an error naming the file, the line and the offset of the first bad byte.
    @Test func invalidTextNamesFileAndLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("latin1", bytes: Array("ok\nalso ok\ncaf".utf8) + [0xE9, 0x0A])
        let error = #expect(throws: InvalidText.self) { try FileReading.text(file) }
        #expect(error?.line == 3)
        #expect(error?.byteOffset == 14)
        #expect(error?.description.hasPrefix(file + " line 3 ") == true)
    }

    /// The digest is SHA-256 as sha256sum computes it, across the 1 MiB buffer boundary, with the size.
    @Test func digestMatchesSha256sum() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("blob", bytes: (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let expected = try shell("sha256sum '\(file)'").prefix(64)
        let (digest, size) = try FileReading.digest(file)
        #expect(digest == String(expected))
        #expect(size == (3 << 20) + 17)
        try scratch.write("abc", "abc")
        #expect(try FileReading.digest(scratch.at("abc")).digest
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A missing file is a SystemError naming it.
    @Test func missingFile() throws {
        let error = #expect(throws: SystemError.self) { try FileReading.bytes("/nonexistent/cutover/file") }
        #expect(error?.description == "cannot read /nonexistent/cutover/file: No such file or directory")
    }

    /// A FIFO, a device or a folder is refused by kind, at once: a FIFO without a writer does not block the read.
    @Test func refusesWhatIsNotARegularFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(mkfifo(scratch.at("fifo"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: scratch.at("folder"), withIntermediateDirectories: false)
        for (path, kind) in [(scratch.at("fifo"), "a FIFO"), ("/dev/zero", "a character device"), (scratch.at("folder"), "a folder")] {
            let error = #expect(throws: UnsuitableInput.self) { try FileReading.text(path) }
            #expect(error?.description == "\(path): is \(kind), not a regular file")
        }
    }

    /// With a size limit, a larger file is refused before it is read.
    @Test func refusesFilesOverTheLimit() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("eleven", "0123456789\n")
        #expect(try FileReading.bytes(file, sizeLimit: 11).count == 11)
        #expect(throws: UnsuitableInput.self) { try FileReading.bytes(file, sizeLimit: 10) }
        #expect(FileReading.inputSizeLimit == 256 << 20)
    }
}
