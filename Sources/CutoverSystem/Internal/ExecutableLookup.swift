import Glibc

/// Finds the file a command name refers to, the way a shell would, before anything is started: so a missing
/// program is a clear `CommandNotFound` instead of an exit status 127 from a child.
enum ExecutableLookup {
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// `name` itself when it contains a "/" (relative to `workingDirectory`), else the first executable file
    /// called `name` in PATH: the child's PATH when `environment` sets one, else ours.
    static func find(_ name: String, workingDirectory: String, environment: [String: String]?) throws -> String {
        if name.contains("/") {
            let path = name.hasPrefix("/") ? name : workingDirectory + "/" + name
            guard isExecutableFile(path) else { throw CommandNotFound(name) }
            return path
        }
        let search = environment?["PATH"] ?? getenv("PATH").map { String(cString: $0) } ?? defaultPath
        for entry in search.split(separator: ":", omittingEmptySubsequences: false) {
            // An empty PATH entry means the current folder, which for the child is `workingDirectory`.
            let folder = entry.isEmpty ? workingDirectory
                : entry.hasPrefix("/") ? String(entry) : workingDirectory + "/" + entry
            let candidate = folder + "/" + name
            if isExecutableFile(candidate) { return candidate }
        }
        throw CommandNotFound(name)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
