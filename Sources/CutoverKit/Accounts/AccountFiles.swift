import CutoverFormats
import CutoverSystem

/// Reads the plan's account files as they are on disk now.
struct AccountFiles {
    let plan: Plan

    func index() throws -> AccountDocument {
        try read(plan.accounts.index)
    }

    func incoming() throws -> [IndexedAccount] {
        try read(plan.accounts.importList).accounts(in: plan.domain)
    }

    /// The accounts before the cutover: the first snapshot's copy of the index. Before any snapshot (a preview),
    /// the index itself, which no import has touched yet; `requireSnapshot` refuses that guess.
    func baseline(_ state: StateFolder, requireSnapshot: Bool = true) throws -> [IndexedAccount] {
        if let snapshot = try state.earliestSnapshot(), let copy = try snapshot.copy(of: plan.accounts.index.path) {
            let text = try FileReading.text(copy)
            return try AccountDocument.parse(text, format: plan.accounts.index.format, file: copy).accounts(in: plan.domain)
        }
        guard !requireSnapshot else {
            throw StepFailure("no snapshot holds \(plan.accounts.index.path) as it was before the import; run the snapshot step")
        }
        return try index().accounts(in: plan.domain)
    }

    private func read(_ file: AccountFile) throws -> AccountDocument {
        try AccountDocument.parse(try FileReading.text(file.path), format: file.format, file: file.path)
    }
}
