#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// Nothing lost, nothing trusted: output files written whole or not at all, standard output
/// errors reported, outputs that would destroy an input refused, lanes limited before they are
/// built. Every case ends with exit status 2 and a message naming the problem.
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct ReliabilityTests {
    /// A script file with `text`, removed by the caller.
    private func script(_ text: String, name: String) throws -> String {
        let path = try #require(TemporaryFile.create(suffix: "-\(name).aviz"))
        #expect(ScriptFile.write(text, to: path) == nil)
        return path
    }

    private func contents(_ path: String) -> String? {
        (try? ScriptFile.read(path).get()).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs the binary with standard output opened on `stdoutPath` (a file or a device), or on a
    /// pipe whose reading end is already closed when `stdoutPath` is nil; returns the status and
    /// standard error.
    private func run(_ arguments: [String], stdoutPath: String?) throws -> (status: Int32, stderr: String) {
        let binary = try #require(BinaryRunner.path)
        let errPath = try #require(TemporaryFile.create(suffix: ".err"))
        defer { unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if let stdoutPath {
            posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY, 0)
        } else {
            #expect(pipe(&pipeEnds) == 0)
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            close(pipeEnds[0])
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        if stdoutPath == nil { close(pipeEnds[1]) }
        try #require(spawned == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, contents(errPath) ?? "")
    }

    /// A small script that passes (the tests run from the package directory; demos/ may change).
    static let demo: String = {
        let path = "/tmp/allocviz-reliability-\(getpid()).aviz"
        _ = ScriptFile.write("title \"reliability\"\nalloc A 3000\nalloc B 12KiB\nfree A\nexpect live(buddy) == 1\n", to: path)
        return path
    }()

    // Failed before: `--record /dev/full` and `--record /proc/version` exited 0.
    @Test func aRecordingThatCannotBeWrittenIsAnError() throws {
        let full = try BinaryRunner.run(["play", Self.demo, "--headless", "--record", "/dev/full"])
        #expect(full.status == 2)
        #expect(full.stderr == "allocviz play: /dev/full: cannot write: No space left on device\n", "\(full.stderr)")
        let proc = try BinaryRunner.run(["play", Self.demo, "--headless", "--record", "/proc/version"])
        #expect(proc.status == 2)
        #expect(proc.stderr.hasPrefix("allocviz play: /proc/version: cannot write: "), "\(proc.stderr)")
        let cast = try BinaryRunner.run(["play", Self.demo, "--headless", "--cast", "/dev/full"])
        #expect(cast.status == 2)
        #expect(cast.stderr == "allocviz play: /dev/full: cannot write: No space left on device\n", "\(cast.stderr)")
    }

    // Failed before: all three exited 0 with no message.
    @Test(arguments: [["play", demo, "--headless", "--json"], ["play", demo, "--headless"], ["play", demo, "--headless", "--frames"], ["check", demo]])
    func aFullStandardOutputIsAnError(arguments: [String]) throws {
        let result = try run(arguments, stdoutPath: "/dev/full")
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("allocviz: cannot write to standard output: No space left on device\n"), "\(result.stderr)")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let result = try run(["play", Self.demo, "--headless", "--frames"], stdoutPath: nil)
        // 141: killed by SIGPIPE (its default); 0: SIGPIPE ignored, EPIPE seen and ended quietly.
        #expect(result.status == 0 || result.status == 128 + SIGPIPE, "\(result.status)")
        #expect(result.stderr == "")
    }

    // Failed before: `--cast s.aviz` replaced the script with asciicast JSON, `--record s.aviz`
    // rewrote it, `--cast F --record F` kept one of them silently.
    @Test func anOutputThatIsTheInputOrAnotherOutputIsRefused() throws {
        let text = "# precious comment\nalloc A 16\nexpect live(heap) == 1\n"
        let path = try script(text, name: "input")
        defer { unlink(path) }
        for option in ["--cast", "--record"] {
            let result = try BinaryRunner.run(["play", path, "--headless", option, path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(option) \(path) is the script (\(path)); writing it would destroy it"), "\(result.stderr)")
            #expect(result.stdout == "")
            #expect(contents(path) == text)
        }
        let other = try #require(TemporaryFile.create(suffix: ".out"))
        defer { unlink(other) }
        let both = try BinaryRunner.run(["play", path, "--headless", "--cast", other, "--record", other])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--cast and --record name the same file (\(other))"), "\(both.stderr)")
        #expect(contents(other) == "")
        #expect(contents(path) == text)
    }

    // Failed before: 40 lanes of 256 MiB were built (6 GiB and counting) before anything was said.
    @Test func lanesBeyondTheLimitsAreRefusedBeforeTheyAreBuilt() throws {
        let huge = (1...40).map { "heap 256MiB name=h\($0)" }.joined(separator: "\n") + "\nalloc A 16\n"
        let hugePath = try script(huge, name: "huge")
        defer { unlink(hugePath) }
        for command in [["check", hugePath], ["play", hugePath, "--headless"]] {
            let result = try BinaryRunner.run(command)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("\(hugePath):9:1: error: 40 lanes; a session may have at most 8"), "\(result.stderr)")
        }
        let heavy = (1...5).map { "heap 256MiB name=h\($0)" }.joined(separator: "\n") + "\nalloc A 16\n"
        let heavyPath = try script(heavy, name: "heavy")
        defer { unlink(heavyPath) }
        let refused = try BinaryRunner.run(["check", heavyPath])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("\(heavyPath):1:1: error: these 5 lanes need about 1.3 GiB; the limit is 1 GiB (raise it with --memory-limit)"),
                "\(refused.stderr)")
        let small = try script("heap 64KiB\nalloc A 16\n", name: "small")
        defer { unlink(small) }
        let lowered = try BinaryRunner.run(["check", small, "--memory-limit", "32KiB"])
        #expect(lowered.status == 2)
        #expect(lowered.stderr.hasPrefix("\(small):1:1: error: this lane needs about 68 KiB; the limit is 32 KiB (raise it with --memory-limit)"),
                "\(lowered.stderr)")
        #expect(try BinaryRunner.run(["check", small]).status == 0)
    }
}
