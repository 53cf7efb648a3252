import CutoverSystem
import Foundation

/// Digests the import step records in the state folder, so that a later look at an unchanged world needs no
/// SHA512-CRYPT at all (each verification costs milliseconds, and a re-run asks once per account):
/// - `prepared-import.json`: what `cutover prestage` prepared (`prepared-index`, `prepared-recipient-map`), from
///   which index and import list, and the changes it found;
/// - `import-applied.json`: the index the last import wrote (or found already right) and the import list it used.
struct ImportRecord: Codable, Equatable {
    var indexDigest: String
    var importDigest: String
    /// Of `prepared-index`; nil in `import-applied.json`.
    var preparedDigest: String?
    var changes: AccountChanges?

    static let prepared = "prepared-import.json"
    static let applied = "import-applied.json"
    static let preparedIndex = "prepared-index"
    static let preparedRecipientMap = "prepared-recipient-map"

    /// The digests of the plan's index and import list as they are now.
    static func inputs(_ plan: Plan) throws -> (index: String, importList: String) {
        (try FileReading.digest(plan.accounts.index.path).digest,
         try FileReading.digest(plan.accounts.importList.path).digest)
    }

    static func read(_ name: String, _ state: StateFolder) throws -> ImportRecord? {
        guard try FileStatus.ifExists(state.marker(name)) != nil else { return nil }
        return try? JSONDecoder().decode(ImportRecord.self, from: Data(try FileReading.bytes(state.marker(name))))
    }

    func write(_ name: String, _ state: StateFolder) throws {
        try state.create()
        try AtomicFile.write(Array(try ManifestWriter.encoder.encode(self)), to: state.marker(name),
                             ownership: Staging.private600)
    }

    /// Were these digests taken from these inputs?
    func matches(_ inputs: (index: String, importList: String)) -> Bool {
        indexDigest == inputs.index && importDigest == inputs.importList
    }

    /// Why a prepared import does not fit the inputs now, for the run's note.
    func mismatch(_ inputs: (index: String, importList: String)) -> String {
        let changed = [indexDigest == inputs.index ? nil : "the index", importDigest == inputs.importList ? nil : "the import list"]
        return "prepared index not used: " + changed.compactMap { $0 }.joined(separator: " and ")
            + " changed since `cutover prestage`; hashing now"
    }
}
