import Glibc

/// One name in a folder, as readdir(3) reports it.
struct DirectoryEntry {
    /// The raw name, NUL-terminated so it can be passed to system calls as is: file names are bytes, and a name
    /// that is not UTF-8 must still be opened exactly.
    var cName: [CChar]
    /// d_type (DT_REG, DT_DIR, ...); `DirectoryEntry.unknown` on file systems that do not fill it in.
    var type: UInt8

    /// The name without its terminating NUL.
    var name: ArraySlice<CChar> { cName.dropLast() }

    /// The name as text (bytes that are not UTF-8 become U+FFFD).
    var text: String { Self.text(name) }

    static func text(_ bytes: some Collection<CChar>) -> String {
        String(decoding: bytes.lazy.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static let unknown: UInt8 = 0
    static let fifo: UInt8 = 1
    static let directory: UInt8 = 4
    static let regular: UInt8 = 8
    static let symlink: UInt8 = 10

    /// The d_type that matches `mode`'s file type.
    static func type(of mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFREG: regular
        case S_IFDIR: directory
        case S_IFLNK: symlink
        default: fifo   // any special file: all of them are skipped alike
        }
    }
}

/// Listing folders with opendir/readdir (FileManager is slow and allocates per entry).
enum DirectoryListing {
    /// The entries of the folder open as `stream`, without "." and "..", sorted by name in byte order.
    static func read(_ stream: OpaquePointer, path: @autoclosure () -> String) throws -> [DirectoryEntry] {
        var entries: [DirectoryEntry] = []
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemError("list the folder", path()) }
                break
            }
            let name = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            let length = strlen(name)
            let dot = CChar(UInt8(ascii: "."))
            if name[0] == dot && (length == 1 || (length == 2 && name[1] == dot)) { continue }
            entries.append(DirectoryEntry(cName: Array(UnsafeBufferPointer(start: name, count: length + 1)),
                                          type: entry.pointee.d_type))
        }
        // Byte order: CChar is signed, so compare as UInt8 or every non-ASCII name would sort first.
        // (The terminating NUL makes "a" sort before "ab", as it should.)
        entries.sort { $0.cName.lexicographicallyPrecedes($1.cName) { UInt8(bitPattern: $0) < UInt8(bitPattern: $1) } }
        return entries
    }

    /// The entries of the folder at `path`.
    static func read(path: String) throws -> [DirectoryEntry] {
        // glibc's opendir opens with O_CLOEXEC.
        guard let stream = opendir(path) else { throw SystemError("list the folder", path) }
        defer { closedir(stream) }
        return try read(stream, path: path)
    }
}
