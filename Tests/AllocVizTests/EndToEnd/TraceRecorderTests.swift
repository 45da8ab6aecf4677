#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// `allocviz trace`: C programs whose allocations are known exactly, compiled here with the
/// toolchain's clang, recorded through the preload library; and a real tool on the machine.
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason),
       .enabled(if: ToolchainClang.path != nil, "no clang on PATH or in /opt/swift/usr/bin"))
struct TraceRecorderTests {
    static var clang: String? { ToolchainClang.path }

    typealias Output = BinaryRunner.Result

    /// A fresh directory for one test's files, removed (with its files) by `removeDirectory`.
    private func makeDirectory() throws -> String {
        var template = Array("/tmp/allocviz-trace-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil)
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func removeDirectory(_ path: String) {
        for name in files(in: path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// The names in `directory`, sorted.
    private func files(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    private func read(_ path: String) -> String? {
        (try? ScriptFile.read(path).get()).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, standard input from /dev/null, output captured.
    private func run(_ executable: String, _ arguments: [String]) throws -> Output {
        try BinaryRunner.run(executable: executable, arguments)
    }

    /// Compiles `source` into `directory/name` and returns the program's path.
    private func compile(_ source: String, name: String, in directory: String) throws -> String {
        let sourcePath = directory + "/" + name + ".c"
        let programPath = directory + "/" + name
        #expect(ScriptFile.write(source, to: sourcePath) == nil)
        let compiled = try run(try #require(Self.clang), ["-O0", "-pthread", "-o", programPath, sourcePath])
        try #require(compiled.status == 0, "clang failed: \(compiled.stderr)")
        unlink(sourcePath)
        return programPath
    }

    private func trace(_ arguments: [String]) throws -> Output {
        try run(try #require(BinaryRunner.path), ["trace"] + arguments)
    }

    /// A trace's lines split in header numbers (after `#` comments) and operation lines.
    private func parse(_ text: String) -> (header: [Int], operations: [[String]]) {
        var header: [Int] = []
        var operations: [[String]] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if header.count < 2 {
                header.append(Int(line) ?? -1)
            } else {
                operations.append(line.split(separator: " ").map(String.init))
            }
        }
        return (header, operations)
    }

    /// The header matches the body: ids = the `a`, `c` and `m` lines, operations = all lines.
    private func expectConsistent(_ text: String) {
        let (header, operations) = parse(text)
        let allocations = operations.filter { ["a", "c", "m"].contains($0.first) }.count
        #expect(header == [allocations, operations.count])
    }

    /// Every line replays: an allocation names an id not live, a free or realloc a live one
    /// (what a single order of the threads' calls guarantees).
    private func expectReplayable(_ text: String) {
        var live = Set<String>()
        var problems: [String] = []
        for fields in parse(text).operations where fields.count >= 2 {
            switch fields[0] {
            case "a", "c", "m":
                if !live.insert(fields[1]).inserted { problems.append(fields.joined(separator: " ")) }
            case "f":
                if live.remove(fields[1]) == nil { problems.append(fields.joined(separator: " ")) }
            case "r":
                if !live.contains(fields[1]) { problems.append(fields.joined(separator: " ")) }
            default:
                problems.append(fields.joined(separator: " "))
            }
        }
        #expect(problems.prefix(5) == [], "\(problems.count) lines do not replay")
    }

    /// The operations on the ids whose allocating line (after its id) is one of `allocations`,
    /// in trace order, each id renamed by its order of appearance among them.
    private func operations(of allocations: Set<String>, in text: String) -> [String] {
        var names: [String: Int] = [:]
        var result: [String] = []
        for fields in parse(text).operations {
            guard fields.count >= 2 else { continue }
            let id = fields[1]
            if names[id] == nil {
                let key = ([fields[0]] + fields.dropFirst(2)).joined(separator: " ")
                guard ["a", "c", "m"].contains(fields[0]), allocations.contains(key) else { continue }
                names[id] = names.count
            }
            guard let name = names[id] else { continue }
            result.append(([fields[0], String(name)] + fields.dropFirst(2)).joined(separator: " "))
        }
        return result
    }

    static let knownProgram = """
        #include <pthread.h>
        #include <stdio.h>
        #include <stdlib.h>
        static void *worker(void *unused) {
            (void)unused;
            void *x = malloc(4242);
            void *y = malloc(4343);
            free(x);
            free(y);
            return NULL;
        }
        int main(void) {
            char *a = malloc(100);
            char *b = calloc(10, 20);
            a = realloc(a, 300);
            void *c = NULL;
            if (posix_memalign(&c, 64, 200) != 0) return 3;
            free(b);
            char *d = realloc(NULL, 50);
            char *e = realloc(d, 0);
            free(NULL);
            pthread_t thread;
            pthread_create(&thread, NULL, worker, NULL);
            pthread_join(thread, NULL);
            free(a);
            free(c);
            printf("done %d\\n", e == NULL);
            return 7;
        }
        """

    @Test func recordsEveryCallOfAKnownProgramInOrderAndKeepsItsOutputAndStatus() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile(Self.knownProgram, name: "known", in: directory)
        let plain = try run(program, [])
        #expect(plain.status == 7)
        #expect(plain.stdout == "done 1\n")

        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 7)
        #expect(traced.stdout == plain.stdout)
        #expect(traced.stderr.contains("allocations in"), "\(traced.stderr)")
        #expect(traced.stderr.contains("to \(tracePath)"))
        let text = try #require(read(tracePath))
        #expect(text.hasPrefix("# allocviz trace of: \(program)\n"))
        expectConsistent(text)
        expectReplayable(text)
        let mine = operations(of: ["a 100", "c 200", "m 200 64", "a 50", "a 4242", "a 4343"], in: text)
        #expect(mine == [
            "a 0 100", "c 1 200", "r 0 300", "m 2 200 64", "f 1", "a 3 50", "f 3",
            "a 4 4242", "a 5 4343", "f 4", "f 5", "f 0", "f 2",
        ])
        // Only the trace is left: no body or temporary file.
        #expect(files(in: directory) == ["known", "t.rep"])
    }

    @Test func forkAndExecChildrenAreNotTracedButRunNormally() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile("""
            #include <stdio.h>
            #include <stdlib.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int main(void) {
                void *before = malloc(1111);
                fflush(stdout);
                pid_t child = fork();
                if (child == 0) {
                    void *mine = malloc(2222);
                    free(mine);
                    printf("child\\n");
                    exit(0);
                }
                int status = 0;
                waitpid(child, &status, 0);
                if (system("echo execd") != 0) return 4;
                void *after = malloc(3333);
                free(before);
                free(after);
                printf("parent %d\\n", WEXITSTATUS(status));
                return 0;
            }
            """, name: "forks", in: directory)
        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 0)
        #expect(traced.stdout == "child\nexecd\nparent 0\n")
        let text = try #require(read(tracePath))
        expectConsistent(text)
        #expect(operations(of: ["a 1111", "a 2222", "a 3333"], in: text) == ["a 0 1111", "a 1 3333", "f 0", "f 1"])
        #expect(files(in: directory) == ["forks", "t.rep"])
    }

    @Test func aProgramThatExecsItselfGoesOnInTheSameTrace() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile("""
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                if (argc > 1 && strcmp(argv[1], "second") == 0) {
                    void *p = malloc(3434);
                    free(p);
                    printf("second\\n");
                    return 6;
                }
                malloc(1212);
                char *again[] = {argv[0], "second", NULL};
                execv(argv[0], again);
                return 9;
            }
            """, name: "execs", in: directory)
        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 6)
        #expect(traced.stdout == "second\n")
        let text = try #require(read(tracePath))
        expectConsistent(text)
        expectReplayable(text)
        #expect(text.contains("\n# exec: the blocks still live are freed\n"))
        #expect(operations(of: ["a 1212", "a 3434"], in: text) == ["a 0 1212", "f 0", "a 1 3434", "f 1"])
        #expect(files(in: directory) == ["execs", "t.rep"])
    }

    @Test func theCheckedInDemoTraceIsWhatRecordingItsProgramGives() throws {
        // .../Tests/AllocVizTests/EndToEnd/TraceRecorderTests.swift -> .../demos/traces
        var root: String = #filePath
        for _ in 0..<4 { root = String(root[..<root.lastIndex(of: "/")!]) }
        let demo = root + "/demos/traces/wordfreq"
        let source = try #require(read(demo + ".c"))
        let checkedIn = try #require(read(demo + ".rep"))
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile(source, name: "wordfreq", in: directory)
        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 0)
        #expect(traced.stdout.hasPrefix(" 14 the\n"))
        let recorded = try #require(read(tracePath))
        func withoutComments(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(withoutComments(recorded) == withoutComments(checkedIn))
    }

    @Test func aProgramEndingWithUnderscoreExitLeavesATraceThatAllocvizFinishes() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile("""
            #include <stdlib.h>
            #include <unistd.h>
            int main(void) {
                void *p = malloc(5555);
                free(p);
                malloc(6666);
                _exit(3);
            }
            """, name: "quits", in: directory)
        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 3)
        #expect(traced.stderr.contains("ended without running its exit handlers"), "\(traced.stderr)")
        let text = try #require(read(tracePath))
        expectConsistent(text)
        #expect(operations(of: ["a 5555", "a 6666"], in: text) == ["a 0 5555", "f 0", "a 1 6666"])
        #expect(files(in: directory) == ["quits", "t.rep"])
    }

    @Test func aRealToolGivesANonEmptyConsistentTrace() throws {
        let tool = FileManagerless.exists("/usr/bin/git") ? ["/usr/bin/git", "--version"] : ["ls", "-la", "/usr/lib"]
        let tracePath = try #require(TemporaryFile.create(suffix: ".rep"))
        defer { unlink(tracePath) }
        let plain = try run(tool[0].hasPrefix("/") ? tool[0] : "/bin/ls", Array(tool.dropFirst()))
        let traced = try trace(["-o", tracePath, "--"] + tool)
        #expect(traced.status == 0)
        #expect(traced.stdout == plain.stdout)
        let text = try #require(read(tracePath))
        expectConsistent(text)
        expectReplayable(text)
        #expect(parse(text).header.first ?? 0 > 0)
    }

    /// `-o` follows symbolic links (the file they name is written, the link stays), writes
    /// devices and FIFOs in place (never replaced by a file), and `-` is standard output.
    @Test func theTraceGoesThroughLinksDevicesFIFOsAndStandardOutput() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        func isLink(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
        }
        func kind(_ path: String) -> mode_t {
            var status = stat()
            return stat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
        }
        // A link to a device.
        symlink("/dev/null", directory + "/null-link")
        #expect(try trace(["-o", directory + "/null-link", "--", "/bin/true"]).status == 0)
        #expect(isLink(directory + "/null-link") && kind("/dev/null") == S_IFCHR)
        // A link to a file that does not exist yet, and one to a file that does.
        symlink("new.rep", directory + "/new-link")
        #expect(try trace(["-o", directory + "/new-link", "--", "/bin/true"]).status == 0)
        #expect(isLink(directory + "/new-link"))
        #expect(read(directory + "/new.rep")?.hasPrefix("# allocviz trace of: /bin/true") == true)
        // A FIFO with a reader: the reader gets the trace and the FIFO stays one.
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let allocviz = try #require(BinaryRunner.path)
        let piped = try run("/bin/sh", ["-c", "cat '\(fifo)' > '\(directory)/from-fifo' & '\(allocviz)' trace -o '\(fifo)' -- /bin/true; wait"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(kind(fifo) == S_IFIFO)
        #expect(read(directory + "/from-fifo")?.hasPrefix("# allocviz trace of: /bin/true") == true)
        // Standard output, after the command's own output.
        let out = try trace(["-o", "-", "--", "/bin/echo", "hello"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("hello\n# allocviz trace of: /bin/echo hello\n"), "\(out.stdout)")
        #expect(out.stderr.contains("to standard output"))
        // Nothing is left beside the destinations but what the test made.
        #expect(files(in: directory) == ["fifo", "from-fifo", "new-link", "new.rep", "null-link"])
    }

    @Test func threadsAllocatingAtOnceGiveOneOrderThatReplays() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let program = try compile("""
            #include <pthread.h>
            #include <stdlib.h>
            static void *worker(void *seed) {
                size_t base = (size_t)seed;
                for (size_t i = 0; i < 20000; i++) {
                    char *p = malloc(base + i % 97);
                    p[0] = 1;
                    p = realloc(p, base + i % 389 + 1);
                    free(p);
                }
                return NULL;
            }
            int main(void) {
                pthread_t threads[4];
                for (size_t t = 0; t < 4; t++) pthread_create(&threads[t], NULL, worker, (void *)(1 + t * 7));
                for (size_t t = 0; t < 4; t++) pthread_join(threads[t], NULL);
                return 0;
            }
            """, name: "threads", in: directory)
        let tracePath = directory + "/t.rep"
        let traced = try trace(["-o", tracePath, "--", program])
        #expect(traced.status == 0)
        let text = try #require(read(tracePath))
        expectConsistent(text)
        expectReplayable(text)
        let kinds = parse(text).operations.reduce(into: [String: Int]()) { $0[$1[0], default: 0] += 1 }
        #expect((kinds["r"] ?? 0) == 80000)
        #expect((kinds["a"] ?? 0) >= 80000)
    }

    @Test func theExitStatusOfASignalledCommandIs128PlusTheSignal() throws {
        let tracePath = try #require(TemporaryFile.create(suffix: ".rep"))
        defer { unlink(tracePath) }
        let traced = try trace(["-o", tracePath, "--", "sh", "-c", "kill -TERM $$"])
        #expect(traced.status == 128 + SIGTERM)
        // The message names the signal (it gave the generic "_exit, a signal, or an exec").
        #expect(traced.stderr.contains("sh was ended by signal 15"), "\(traced.stderr)")
    }

    @Test func aMissingCommandExits127AndAnUnwritableTraceExits2() throws {
        let tracePath = try #require(TemporaryFile.create(suffix: ".rep"))
        defer { unlink(tracePath) }
        let missing = try trace(["-o", tracePath, "--", "allocviz-no-such-command"])
        #expect(missing.status == 127)
        #expect(missing.stderr.contains("allocviz-no-such-command: command not found"))
        let unwritable = try trace(["-o", "/nonexistent-directory/t.rep", "--", "true"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write /nonexistent-directory/t.rep"))
        let noCommand = try trace(["-o", tracePath])
        #expect(noCommand.status == 2)
        // The usage shown is trace's own (it was the top-level `allocviz <subcommand>`).
        #expect(noCommand.stderr.contains("Usage: allocviz trace"), "\(noCommand.stderr)")
        let help = try trace(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: allocviz trace"))
    }

    /// Writes a copy of the file at `source` to `target` (made executable when `executable`).
    private func copyFile(_ source: String, to target: String, executable: Bool) throws {
        let bytes = try ScriptFile.read(source).get()
        // O_CLOEXEC: a program another test spawns meanwhile must not keep the copy open for
        // writing (running it would then fail with ETXTBSY).
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o755 : 0o644)
        try #require(descriptor >= 0)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count)
    }

    /// The recorder library `swift build` made beside the built binary.
    private func builtLibrary() throws -> String {
        let binary = try #require(BinaryRunner.path)
        return binary.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/libAllocTrace.so"
    }

    /// Whether `trace` recorded a run of `true` into `path` (a trace with its two header numbers).
    private func recordedATrace(_ result: Output, at path: String) -> Bool {
        result.status == 0 && result.stderr.contains("recorded") && parse(read(path) ?? "").header.count == 2
    }

    @Test func anAllocvizWithoutTheLibraryBesideItExits2AndSaysWhereToPutIt() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let copy = directory + "/allocviz"
        try copyFile(try #require(BinaryRunner.path), to: copy, executable: true)
        let result = try run(copy, ["trace", "-o", directory + "/t.rep", "--", "true"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("libAllocTrace.so is not next to the allocviz executable (\(directory))"), "\(result.stderr)")
        #expect(result.stderr.contains("--recorder PATH"))
        #expect(result.stderr.contains("ALLOCVIZ_RECORDER=PATH"))
        #expect(result.stderr.contains("swift build"))
    }

    /// A copied or installed allocviz finds the library through --recorder, ALLOCVIZ_RECORDER,
    /// or in ../lib beside its directory; the option wins over the variable.
    @Test func anInstalledAllocvizFindsTheLibraryWhereItIsTold() throws {
        let directory = try makeDirectory()
        let bin = directory + "/bin", lib = directory + "/lib"
        mkdir(bin, 0o755)
        mkdir(lib, 0o755)
        defer {
            removeDirectory(bin)
            removeDirectory(lib)
            removeDirectory(directory)
        }
        let copy = bin + "/allocviz"
        try copyFile(try #require(BinaryRunner.path), to: copy, executable: true)
        let library = directory + "/recorder.so"
        try copyFile(try builtLibrary(), to: library, executable: false)
        let tracePath = directory + "/t.rep"

        let byOption = try run(copy, ["trace", "--recorder", library, "-o", tracePath, "--", "true"])
        #expect(recordedATrace(byOption, at: tracePath), "\(byOption.stderr)")
        unlink(tracePath)
        let byVariable = try run("/usr/bin/env", ["ALLOCVIZ_RECORDER=" + library, copy, "trace", "-o", tracePath, "--", "true"])
        #expect(recordedATrace(byVariable, at: tracePath), "\(byVariable.stderr)")
        unlink(tracePath)
        let optionWins = try run("/usr/bin/env", ["ALLOCVIZ_RECORDER=/nonexistent/lib.so", copy, "trace", "--recorder", library,
                                                  "-o", tracePath, "--", "true"])
        #expect(recordedATrace(optionWins, at: tracePath), "\(optionWins.stderr)")
        unlink(tracePath)

        try copyFile(try builtLibrary(), to: lib + "/libAllocTrace.so", executable: false)
        let installed = try run(copy, ["trace", "-o", tracePath, "--", "true"])
        #expect(recordedATrace(installed, at: tracePath), "\(installed.stderr)")
        unlink(tracePath)
        unlink(library)
    }

    @Test func aRecorderPathThatCannotBeReadIsAnErrorNotAFallback() throws {
        let directory = try makeDirectory()
        defer { removeDirectory(directory) }
        let tracePath = directory + "/t.rep"
        let missing = try trace(["--recorder", directory + "/missing.so", "-o", tracePath, "--", "true"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the recorder library \(directory)/missing.so (from --recorder): No such file or directory"),
                "\(missing.stderr)")
        let aDirectory = try run("/usr/bin/env", ["ALLOCVIZ_RECORDER=" + directory, try #require(BinaryRunner.path),
                                                  "trace", "-o", tracePath, "--", "true"])
        #expect(aDirectory.status == 2)
        #expect(aDirectory.stderr.contains("(from ALLOCVIZ_RECORDER) is a directory"), "\(aDirectory.stderr)")
        #expect(read(tracePath) == nil, "a trace was written")
    }
}

/// The C compiler the tests build their programs with.
enum ToolchainClang {
    /// clang on PATH, else the one the Swift toolchain ships; nil when neither exists.
    static let path: String? = {
        let searchPath = getenv("PATH").map { String(cString: $0) } ?? ""
        for directory in searchPath.split(separator: ":") where access("\(directory)/clang", X_OK) == 0 {
            return "\(directory)/clang"
        }
        return access("/opt/swift/usr/bin/clang", X_OK) == 0 ? "/opt/swift/usr/bin/clang" : nil
    }()
}

/// File existence without Foundation.
private enum FileManagerless {
    static func exists(_ path: String) -> Bool { access(path, X_OK) == 0 }
}
