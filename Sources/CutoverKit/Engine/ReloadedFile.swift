import CutoverSystem

/// Writes a server file (keeping its owner, group and mode) and runs its `reload` command. A marker in the state
/// folder covers the window between the two, so a crash there is seen on resume and the reload is run again.
struct ReloadedFile {
    let context: StepContext
    let path: String
    let reload: ExternalCommand?
    let markerName: String

    /// Exists from just before the write until the reload succeeded.
    private var marker: String { context.state.marker("reload-pending." + markerName) }

    func write(_ text: String, current: String?) throws {
        if reload != nil {
            try context.state.create()
            try AtomicFile.write("\(path)\n", to: marker)
        }
        // No ownership given: AtomicFile keeps the replaced file's owner, group and mode.
        if current != text { try AtomicFile.write(text, to: path) }
        try runReload()
    }

    /// Runs a reload still owed by an earlier, interrupted write.
    func finishPendingReload() throws {
        if try isReloadPending() { try runReload() }
    }

    func isReloadPending() throws -> Bool {
        try FileStatus.ifExists(marker) != nil
    }

    private func runReload() throws {
        guard let reload else { return }
        context.progress("running \(reload)")
        let result = try context.run(reload)
        guard result.succeeded else {
            throw StepFailure("`\(reload)` \(result.ending)")
        }
        try Directories.removeFile(marker)
    }
}
