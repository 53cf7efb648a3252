import CutoverSystem
import Foundation
import Glibc
import Testing

@Suite struct FileLockTests {
    /// The holder writes its pid; a second acquire (even in this process) is refused naming that pid; after
    /// release the lock can be taken again and the file is empty.
    @Test func secondAcquireIsRefusedUntilRelease() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.at("lock")
        let lock = try FileLock.acquire(at: path)
        #expect(try scratch.read("lock") == "\(getpid())\n")
        #expect(try FileStatus.of(path).mode == 0o644)
        let held = #expect(throws: LockHeld.self) { try FileLock.acquire(at: path) }
        #expect(held == LockHeld(path: path, holderPID: getpid()))
        lock.release()
        lock.release()
        #expect(try scratch.read("lock") == "")
        let again = try FileLock.acquire(at: path)
        again.release()
    }

    /// Dropping the last reference releases the lock.
    @Test func deinitReleases() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        do { _ = try FileLock.acquire(at: scratch.at("lock")) }
        try FileLock.acquire(at: scratch.at("lock")).release()
    }

    /// Another process holding the lock is reported with the pid it wrote; once that process dies, the stale file
    /// is simply taken over.
    @Test func otherProcessHoldsThenDies() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.at("lock")
        // The shell locks fd 9 and leaves a background sleep holding it (sharing the open file), pid in the file.
        let script = "exec 9<>'\(path)'; flock -n 9 || exit 1; sleep 30 & echo $! >&9"
        let result = try ProcessRunner().run(ExternalCommand(["/bin/sh", "-c", script]), workingDirectory: "/",
                                            environment: nil, timeoutSeconds: 10)
        #expect(result.succeeded)
        let holder = try #require(Int32(try scratch.read("lock").trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(holder, SIGKILL) }
        let held = #expect(throws: LockHeld.self) { try FileLock.acquire(at: path) }
        #expect(held?.holderPID == holder)
        #expect(held?.description == "another cutover run (pid \(holder)) holds the lock \(path); wait for it to "
            + "finish, or if pid \(holder) is not running, remove \(path)")

        kill(holder, SIGKILL)
        // The sleeper is a child of the exited shell, reaped by init; wait until the kernel dropped its lock.
        var lock: FileLock?
        for _ in 0..<200 where lock == nil {
            lock = try? FileLock.acquire(at: path)
            if lock == nil { usleep(10_000) }
        }
        #expect(lock != nil)
        #expect(try scratch.read("lock") == "\(getpid())\n")
    }

    /// Without a pid in the file the message still says what to do.
    @Test func unknownHolderMessage() {
        let held = LockHeld(path: "/srv/state/lock", holderPID: nil)
        #expect(held.description == "another cutover run holds the lock /srv/state/lock; wait for it to finish, "
            + "or if no cutover run is active, remove /srv/state/lock")
    }

    /// The lock's descriptor is close-on-exec and does not reach a child process.
    @Test func descriptorIsNotInherited() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let lock = try FileLock.acquire(at: scratch.at("lock"))
        defer { lock.release() }
        #expect(ThisProcess.descriptorFlags(for: scratch.at("lock")).allSatisfy { $0 & ThisProcess.closeOnExec != 0 })
        let listing = try ProcessRunner().run(ExternalCommand(["ls", "-l", "/proc/self/fd/"]), workingDirectory: "/",
                                             environment: nil, timeoutSeconds: 10)
        #expect(listing.succeeded)
        #expect(!listing.output.contains(scratch.at("lock")))
    }

    /// A lock file that is a symbolic link is refused; its target is not truncated.
    @Test func symbolicLinkIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = try scratch.write("target", "precious")
        try FileManager.default.createSymbolicLink(atPath: scratch.at("lock"), withDestinationPath: target)
        #expect(throws: SystemError.self) { try FileLock.acquire(at: scratch.at("lock")) }
        #expect(try scratch.read("target") == "precious")
    }
}
