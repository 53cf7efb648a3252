/// A file `TreeSync.apply` reports, in walk order. With each file the caller may keep a note in the record (the
/// snapshot's manifest line, say), which comes back unchanged for as long as the file is kept: a store of a
/// million files then costs the next update a copy of each note instead of making a million lines again.
public enum MirrorVisit {
    /// A file the mirror keeps as the record lists it: its size, whether it is another name of a file reported
    /// before (no bytes of its own), and its note.
    case kept(size: Int64, isLink: Bool, note: ArraySlice<UInt8>)
    /// A file copied, renamed or linked anew, or kept without a note: the caller returns the note to keep with it
    /// (without a tab or a line break).
    case placed(MirroredFile)
}
