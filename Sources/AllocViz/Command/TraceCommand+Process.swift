#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Finds a command the way a shell does: a name with a slash is a path, any other name is
/// looked up in the directories of PATH.
enum ProgramSearch {
    enum Outcome: Equatable {
        case found(String)
        case notFound
        case notExecutable(String)
    }

    static func find(_ name: String) -> Outcome {
        if name.contains("/") {
            var status = stat()
            guard stat(name, &status) == 0 else { return .notFound }
            if (status.st_mode & S_IFMT) == S_IFDIR { return .notExecutable("is a directory") }
            return access(name, X_OK) == 0 ? .found(name) : .notExecutable("permission denied")
        }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            var status = stat()
            if stat(candidate, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return .found(candidate)
            }
        }
        return .notFound
    }
}

/// The traced command as a child process sharing allocviz's standard input, output and error.
enum TracedProcess {
    /// Starts `executable` with `arguments` (argv[0] first) and `environment`. The child gets
    /// default SIGINT, SIGQUIT and SIGPIPE handling and an empty signal mask, as from a shell.
    static func start(executable: String, arguments: [String], environment: [String]) -> Result<pid_t, SpawnError> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, nil, &attributes, argv, envp)
        guard code == 0 else { return .failure(SpawnError(reason: String(cString: strerror(code)))) }
        return .success(pid)
    }

    /// Waits for `pid` with SIGINT and SIGQUIT ignored here (a Ctrl-C reaches the command, and
    /// allocviz stays to finish the trace) and returns its exit status, 128+N for signal N.
    static func wait(_ pid: pid_t) -> Int32 {
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        let terminatingSignal = status & 0x7F
        return terminatingSignal == 0 ? (status >> 8) & 0xFF : 128 + terminatingSignal
    }
}

/// Why the command could not be started.
struct SpawnError: Error {
    var reason: String
}
