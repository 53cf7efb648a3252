#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension ArraySlice<UInt8> {
    /// The index of the first `byte` in the slice, found by memchr: files of hundreds of megabytes are split into
    /// lines, and the generic search goes a byte at a time.
    public func fastFirstIndex(of byte: UInt8) -> Int? {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }
}
