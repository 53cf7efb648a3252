import CutoverFormats
import CutoverSystem
import Foundation

/// Reads the plan's account files as they are on disk now.
struct AccountFiles {
    let plan: Plan

    func index() throws -> AccountDocument {
        try read(plan.accounts.index)
    }

    func incoming() throws -> [IndexedAccount] {
        try read(plan.accounts.importList).accounts(in: plan.domain)
    }

    /// The accounts before the cutover. The import keeps the index it replaces (`pre-import-index`) whenever no
    /// snapshot holds it yet, so that copy, when it exists, is the older one (a snapshot taken after an import run
    /// alone holds the imported list); else the first snapshot's copy; and when neither exists no import has run
    /// and the index itself is still the one from before.
    func baseline(_ state: StateFolder) throws -> [IndexedAccount] {
        var record: String?
        let kept = state.marker(Self.preImportIndex)
        if try FileStatus.ifExists(kept) != nil { record = kept }
        if record == nil, let snapshot = try state.earliestSnapshot() {
            record = try snapshot.copy(of: plan.accounts.index.path)
        }
        guard let record else { return try index().accounts(in: plan.domain) }
        let text = try FileReading.text(record)
        return try AccountDocumentMemo.shared.parse(text, format: plan.accounts.index.format, file: record)
            .accounts(in: plan.domain)
    }

    /// Keeps the index as it is now in the state folder, once, unless a snapshot already holds it: without it a plan
    /// without the snapshot step could not tell, after the import, which accounts it removed.
    func recordBeforeImport(_ state: StateFolder) throws {
        if let snapshot = try state.earliestSnapshot(), try snapshot.copy(of: plan.accounts.index.path) != nil { return }
        guard try FileStatus.ifExists(state.marker(Self.preImportIndex)) == nil else { return }
        try state.create()
        try AtomicFile.write(try FileReading.bytes(plan.accounts.index.path), to: state.marker(Self.preImportIndex),
                             ownership: Ownership.ofThisProcess(mode: 0o600))
    }

    /// The index as it was before the first import, kept by the import when no snapshot holds it.
    static let preImportIndex = "pre-import-index"

    private func read(_ file: AccountFile) throws -> AccountDocument {
        try AccountDocumentMemo.shared.parse(try FileReading.text(file.path, sizeLimit: FileReading.inputSizeLimit),
                                  format: file.format, file: file.path)
    }
}
