#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// Runs the built `allocviz` binary (found next to the test executable) with its output captured.
enum BinaryRunner {
    /// The binary's path (the build products directory, as ``BuiltBinary`` finds it for every
    /// test target). Nil when it is not there.
    static let path: String? = BuiltBinary.path

    /// Why the end-to-end tests are skipped, shown by the test runner.
    static let skipReason: Comment = "the allocviz binary was not found next to the test executable; run `swift build` first"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments` in the current directory.
    static func run(_ arguments: [String]) throws -> Result {
        guard let path else { throw SessionError("no binary") }
        return try run(executable: path, arguments)
    }

    /// Runs `executable` with `arguments`, standard input from /dev/null, output captured.
    static func run(executable path: String, _ arguments: [String]) throws -> Result {
        guard let outPath = TemporaryFile.create(suffix: ".out") else { throw SessionError("no temporary file") }
        defer { unlink(outPath) }
        guard let errPath = TemporaryFile.create(suffix: ".err") else { throw SessionError("no temporary file") }
        defer { unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        // A file just written can be briefly busy while a child another test forked still
        // holds it open: retry for up to a second.
        for _ in 0..<50 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        }
        guard spawned == 0 else { throw SessionError("posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func text(_ file: String) -> String {
            (try? ScriptFile.read(file).get()).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Result(status: exitStatus, stdout: text(outPath), stderr: text(errPath))
    }
}
