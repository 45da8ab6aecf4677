#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import Synchronization
import Testing

/// Runs the built `allocviz` binary (found next to the test bundle) with its output captured.
enum BinaryRunner {
    /// The binary's path: the test bundle lives in the build products directory, beside the
    /// executable (`.build/<triple>/debug/allocviz`). Nil when it is not there.
    static let path: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        var candidates: [String] = []
        if count > 0 {
            let exe = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var dir = exe
            // Walk up out of the .xctest bundle (if any) to the products directory.
            for _ in 0..<4 {
                guard let slash = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<slash])
                candidates.append(dir + "/allocviz")
            }
        }
        candidates.append(".build/debug/allocviz")
        return candidates.first { access($0, X_OK) == 0 }
    }()

    /// Why the end-to-end tests are skipped, shown by the test runner.
    static let skipReason: Comment = "the allocviz binary was not found next to the test bundle or at .build/debug/allocviz; run `swift build` first"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private static let counter = Mutex(0)

    /// Runs the binary with `arguments` in the current directory.
    static func run(_ arguments: [String]) throws -> Result {
        guard let path else { throw SessionError("no binary") }
        let id = counter.withLock { value -> Int in value += 1; return value }
        let stem = "/tmp/allocviz-e2e-\(getpid())-\(id)"
        let outPath = stem + ".out", errPath = stem + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
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
