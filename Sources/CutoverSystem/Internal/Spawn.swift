import Glibc

/// posix_spawn with the descriptors, signals and folder a child of cutover must get.
enum Spawn {
    /// Starts `executable` with argv `arguments` in `workingDirectory`: stdin /dev/null, stdout and stderr both
    /// `output`, every other descriptor closed, default signal handling. Returns the child's pid.
    /// `newSession` detaches the child from our session and terminal, for a daemon that must outlive us.
    static func start(executable: String, arguments: [String], workingDirectory: String,
                      environment: [String: String]?, output: Int32, newSession: Bool = false) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // dup2 clears close-on-exec on the copies only: `output` itself (O_CLOEXEC) does not reach the program.
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Also closes what other code in this process leaked without O_CLOEXEC (glibc 2.34+).
        if let closeFrom = GNUFunctions.addCloseFrom { _ = closeFrom(&actions, 3) }
        guard let addChdir = GNUFunctions.addChdir else {
            throw SystemError("run \(executable) in", workingDirectory, errno: ENOSYS)
        }
        _ = addChdir(&actions, workingDirectory)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Ignored signals survive exec: a daemon must not inherit an ignored SIGPIPE or a blocked SIGTERM from us.
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
            | (newSession ? setSessionFlag : 0)))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = environment.map { pairs in
            pairs.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { variables?.forEach { free($0) } }
        var pid = pid_t()
        var status: Int32 = 0
        // ETXTBSY: a script written a moment ago is still open for writing in a child another thread is forking
        // (the descriptor lives until that child's exec closes it); it passes within milliseconds.
        for attempt in 0..<20 {
            if let variables {
                status = posix_spawn(&pid, executable, &actions, &attributes, argv, variables)
            } else {
                status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
            }
            guard status == ETXTBSY, attempt < 19 else { break }
            usleep(10_000)
        }
        guard status == 0 else { throw SystemError("run", executable, errno: status) }
        return pid
    }

    /// POSIX_SPAWN_SETSID (glibc's value): a GNU extension that Swift's Glibc module does not export.
    private static let setSessionFlag: Int32 = 0x80
}
