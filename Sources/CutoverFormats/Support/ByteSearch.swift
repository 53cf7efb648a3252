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

extension ArraySlice<UInt8> {
    /// Whether the slice holds `bytes` starting at `index`, compared by memcmp: ledger lines are checked key by key
    /// by the hundred thousand, and comparing with a string's UTF-8 view goes a byte at a time.
    public func hasBytes(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index >= startIndex, endIndex - index >= bytes.count else { return false }
        return withUnsafeBufferPointer { slice in
            bytes.withUnsafeBufferPointer { wanted in
                wanted.isEmpty || memcmp(slice.baseAddress! + (index - startIndex), wanted.baseAddress!, wanted.count) == 0
            }
        }
    }
}

extension ArraySlice<UInt8> {
    /// The index of the last `byte` in the slice, searched from the end through a pointer (a slice's own
    /// subscript checks bounds and indices at each step). memrchr is a GNU extension Swift's Glibc does not show.
    public func fastLastIndex(of byte: UInt8) -> Int? {
        withUnsafeBufferPointer { buffer in
            var index = buffer.count
            while index > 0 {
                index -= 1
                if buffer[index] == byte { return startIndex + index }
            }
            return nil
        }
    }

    /// Byte order of two slices, by memcmp: negative, zero or positive as `self` sorts before, with or after `other`.
    public func compareBytes(_ other: ArraySlice<UInt8>) -> Int {
        let common = Swift.min(count, other.count)
        let order = withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in
                common == 0 ? 0 : Int(memcmp(mine.baseAddress!, theirs.baseAddress!, common))
            }
        }
        return order != 0 ? order : count - other.count
    }
}
