#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import ArgumentParser

/// `allocviz trace [-o FILE] -- COMMAND [ARGS...]`: run a program with the allocation recorder
/// preloaded and write its allocation trace.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Record a program's allocations as a trace (CS:APP .rep with allocviz's extensions).",
        discussion: """
            Runs COMMAND with libAllocTrace.so preloaded (LD_PRELOAD; `swift build` makes it next to \
            allocviz; an installed allocviz finds it beside itself or in ../lib, or where --recorder \
            or ALLOCVIZ_RECORDER says) and writes every malloc, calloc, realloc, reallocarray, \
            free, posix_memalign, aligned_alloc, memalign and valloc of that process to FILE. \
            Processes it forks or starts are not traced; when it replaces itself with exec \
            (a wrapper script, `env`), the trace goes on in the new program. The program's input, output and \
            behaviour are unchanged; a statically linked or set-uid program ignores the preload.
            Exit status: the command's (128+N when signal N ended it); 127 the command was not \
            found, 126 it could not be run; 2 bad usage, an unwritable FILE or no library.
            """)

    @Option(name: .shortAndLong, help: "The trace to write: a file (a symbolic link writes the file it names), a device or FIFO (written in place), or - for standard output (after the command's own output).")
    var output = "allocviz-trace.rep"

    @Option(name: .long, help: ArgumentHelp("The recorder library to preload (default: $ALLOCVIZ_RECORDER, else libAllocTrace.so next to the allocviz executable, else in ../lib beside its directory).", valueName: "path"))
    var recorder: String?

    @Argument(parsing: .captureForPassthrough, help: "-- then the command to record and its arguments.")
    var command: [String] = []

    /// A missing command is a usage error of `trace` (so the usage shown is `trace`'s).
    func validate() throws {
        let words = command.first == "--" ? Array(command.dropFirst()) : command
        if words.isEmpty {
            throw ValidationError("give the command to record after --: allocviz trace -o FILE -- COMMAND [ARGS...]")
        }
    }

    func run() throws {
        var err = StandardError()
        var words = command
        if words.first == "--" {
            words.removeFirst()
        } else if words.first == "-h" || words.first == "--help" {
            // Before `--` these are allocviz's: the passthrough argument would otherwise take them.
            throw CleanExit.helpRequest(self)
        }
        guard let program = words.first else {
            throw ValidationError("give the command to record after --: allocviz trace -o FILE -- COMMAND [ARGS...]")
        }
        let library: String
        switch RecorderLibrary.locate(option: recorder, environment: getenv(RecorderLibrary.environmentVariable).map { String(cString: $0) }) {
        case .success(let path): library = path
        case .failure(let problem):
            print("allocviz trace: \(problem.message)", to: &err)
            throw ExitCode(2)
        }
        let destination: TraceDestination
        switch TraceDestination.of(output) {
        case .success(let found): destination = found
        case .failure(let problem):
            print("allocviz trace: cannot write \(output): \(problem)", to: &err)
            throw ExitCode(2)
        }
        let tracePath = destination.recordPath
        let shownOutput = destination.name(output)
        if let problem = Self.writeProblem(tracePath) {
            print("allocviz trace: cannot write \(output): \(problem)", to: &err)
            throw ExitCode(2)
        }
        let executable: String
        switch ProgramSearch.find(program) {
        case .found(let path): executable = path
        case .notFound:
            print("allocviz trace: \(program): command not found", to: &err)
            throw ExitCode(127)
        case .notExecutable(let reason):
            print("allocviz trace: \(program): \(reason)", to: &err)
            throw ExitCode(126)
        }
        unlink(tracePath)
        TraceFile.removeStaleBodies(tracePath: tracePath)
        let environment = Self.environment(library: library, tracePath: tracePath, commandText: words.joined(separator: " "))
        let started = TracedProcess.start(executable: executable, arguments: words, environment: environment)
        guard case .success(let pid) = started else {
            if case .failure(let reason) = started { print("allocviz trace: \(program): \(reason)", to: &err) }
            throw ExitCode(126)
        }
        let status = TracedProcess.wait(pid)
        var outcome = TraceFile.finish(tracePath: tracePath, pid: pid)
        switch outcome {
        case .written, .finishedHere:
            if let problem = destination.deliver() { outcome = .failed(problem) }
        case .notRecorded, .failed:
            if case .inPlace = destination { unlink(tracePath) }
        }
        let output = shownOutput
        switch outcome {
        case .written(let counts):
            print("recorded \(Self.grouped(counts.ids)) allocation\(counts.ids == 1 ? "" : "s") in \(Self.grouped(counts.operations)) operation\(counts.operations == 1 ? "" : "s") to \(output)", to: &err)
        case .finishedHere(let counts):
            let how = status > 128 ? "was ended by signal \(status - 128) (\(String(cString: strsignal(status - 128))))"
                : "ended without running its exit handlers (_exit, or an exec of a program that does not load the recorder)"
            print("allocviz trace: \(program) \(how); the trace holds the events written until then", to: &err)
            print("recorded \(Self.grouped(counts.ids)) allocation\(counts.ids == 1 ? "" : "s") in \(Self.grouped(counts.operations)) operation\(counts.operations == 1 ? "" : "s") to \(output)", to: &err)
        case .notRecorded:
            print("allocviz trace: nothing was recorded: \(program) did not load the recorder (a statically linked or set-uid program ignores LD_PRELOAD)", to: &err)
        case .failed(let reason):
            print("allocviz trace: cannot write \(output): \(reason)", to: &err)
            if status == 0 { throw ExitCode(2) }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Why a trace cannot be written at `path` (a directory, or no file can be made beside it), or nil.
    static func writeProblem(_ path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR { return "it is a directory" }
        let probe = path + ".\(getpid()).probe"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        unlink(probe)
        return nil
    }

    /// This process's environment with the preload and the recorder's settings added.
    static func environment(library: String, tracePath: String, commandText: String) -> [String] {
        var result: [String] = []
        var preload = library
        var index = 0
        while let entry = environ[index] {
            index += 1
            let text = String(cString: entry)
            if text.hasPrefix("ALLOCVIZ_TRACE_") { continue }
            if text.hasPrefix("LD_PRELOAD=") {
                let existing = text.dropFirst("LD_PRELOAD=".count)
                if !existing.isEmpty { preload += ":" + existing }
                continue
            }
            result.append(text)
        }
        result.append("LD_PRELOAD=" + preload)
        result.append("ALLOCVIZ_TRACE_FILE=" + tracePath)
        result.append("ALLOCVIZ_TRACE_PARENT=\(getpid())")
        result.append("ALLOCVIZ_TRACE_COMMAND=" + commandText)
        return result
    }

    /// `25000` as `25,000`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
