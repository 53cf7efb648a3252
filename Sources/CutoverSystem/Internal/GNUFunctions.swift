import Glibc

/// glibc functions that Swift's Glibc module hides (it is built without _GNU_SOURCE), looked up once at run time.
/// Each is optional: a C library without it gets the portable fallback chosen by the caller.
enum GNUFunctions {
    typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?)
        -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    typealias Syncfs = @convention(c) (Int32) -> Int32

    /// renameat2(2)'s flag that makes the rename fail with EEXIST instead of replacing the target.
    static let renameNoReplace: UInt32 = 1

    /// POSIX_SPAWN_SETSID (glibc's value): the child gets a session of its own.
    static let spawnSetSession: Int32 = 0x80

    static let renameat2: Renameat2? = lookup("renameat2")
    static let addChdir: AddChdir? = lookup("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = lookup("posix_spawn_file_actions_addclosefrom_np")
    static let syncfs: Syncfs? = lookup("syncfs")

    private static func lookup<Function>(_ name: String) -> Function? {
        // A null handle is RTLD_DEFAULT: search every library already loaded, libc among them.
        dlsym(nil, name).map { unsafeBitCast($0, to: Function.self) }
    }
}
