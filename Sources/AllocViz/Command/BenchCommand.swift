import AllocVizBench
import AllocVizCore
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `allocviz bench [SUITE...]`: run the benchmark suites of ``AllocVizBench`` and print a table.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the allocator benchmark suites (use a release build: swift run -c release allocviz bench).",
        discussion: """
            With no SUITE, every suite runs. --list names them. --trace FILE... measures every allocator on \
            allocation traces instead (peak utilisation, fragmentation, failed requests, throughput).
            """)

    @Argument(help: "Suites to run (default: all).",
              completion: .list(BenchCatalog.all.map(\.name)))
    var suites: [String] = []

    @Flag(help: "List the suites and exit.")
    var list = false

    @Flag(help: "Print the results as JSON lines instead of a table.")
    var json = false

    @Option(help: "Scale factor for the workload sizes (1 = the documented workload); with --trace, for the timing rounds (5 × scale rounds of at least 20 ms × scale each).")
    var scale: Double = 1

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Measure every allocator on these traces (CS:APP .rep format) instead of running suites.",
                               valueName: "FILE"))
    var trace: [String] = []

    @Option(help: "Seconds for each fixed-duration run.")
    var seconds: Double = 1

    @Option(help: "Seed for the random workloads.")
    var seed: UInt64 = 1

    func validate() throws {
        guard scale > 0, scale.isFinite else { throw ValidationError("--scale must be a positive number") }
        guard seconds > 0, seconds.isFinite else { throw ValidationError("--seconds must be a positive number") }
        if !trace.isEmpty && !suites.isEmpty {
            throw ValidationError("--trace measures traces; it takes no suite names (found '\(suites[0])')")
        }
        for name in suites where BenchCatalog.suite(named: name) == nil {
            throw ValidationError("unknown suite '\(name)'; known suites: \(BenchCatalog.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let catalog = BenchCatalog.all
        if list {
            for suite in catalog { print(DisplayFormat.pad(suite.name, 20) + suite.summary) }
            return
        }
        if !trace.isEmpty { return try runTraces() }
        let chosen = suites.isEmpty ? catalog : catalog.filter { suites.contains($0.name) }
        if chosen.contains(where: { Self.suitesRacingPeers.contains($0.name) }) { Self.reexecuteForJemallocIfNeeded() }
        let options = BenchOptions(scale: scale, seconds: seconds, seed: seed)
        var rows: [BenchResult] = []
        for suite in chosen {
            let progress: (String) -> Void = { line in
                var err = StandardError()
                print("[\(suite.name)] \(line)", to: &err)
            }
            rows += try suite.run(options, progress)
        }
        print(json ? BenchReport.jsonLines(rows) : BenchReport.table(rows), terminator: "")
    }

    /// `--trace FILE...`: parses every trace first (a bad one exits 2 with the parser's
    /// message, before anything is timed), then measures each: 5 timing rounds (times
    /// `--scale`, at least 1) of at least 20 ms of CPU time each (times `--scale`). The traces'
    /// warnings are printed after any re-execution for jemalloc, so once.
    func runTraces() throws {
        var err = StandardError()
        var scripts: [TraceBench.LoadedTrace] = []
        var badInput = false
        for path in trace {
            do {
                scripts.append(try TraceBench.load(path))
            } catch {
                print(error.description, to: &err)
                badInput = true
            }
        }
        if badInput { throw ExitCode(2) }
        Self.reexecuteForJemallocIfNeeded()
        for script in scripts {
            for warning in script.trace?.warnings ?? [] { print(warning, to: &err) }
        }
        if let notice = GeneralPurposePeers.absenceNotice { print("[trace] \(notice)", to: &err) }
        let repetitions = max(1, Int((5 * scale).rounded()))
        var results: [TraceBench.TraceResult] = []
        for script in scripts {
            results.append(try TraceBench.run(script, repetitions: repetitions, scale: scale) { line in
                var err = StandardError()
                print("[trace] \(line)", to: &err)
            })
        }
        print(json ? TraceBench.jsonLines(results) : TraceBench.table(results), terminator: "")
    }

    /// The suites that race the dlopen'd general-purpose allocators.
    static let suitesRacingPeers: Set<String> = ["heap-w1", "heap-w2", "heap-w4"]

    /// jemalloc's library loads with `dlopen` only when the process started with a larger
    /// optional static TLS reserve (`GLIBC_TUNABLES=glibc.rtld.optional_static_tls=65536`):
    /// when it is installed and that setting is missing, this replaces the process with itself,
    /// same arguments, the setting added. Returns when no re-execution is needed or it failed.
    static func reexecuteForJemallocIfNeeded() {
        guard GeneralPurposePeers.jemallocNeedsStaticTLSReserve else { return }
        setenv("GLIBC_TUNABLES", GeneralPurposePeers.tunablesWithStaticTLSReserve(), 1)
        var err = StandardError()
        print("[bench] re-executing with GLIBC_TUNABLES=\(GeneralPurposePeers.staticTLSTunable) so jemalloc can load", to: &err)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        print("[bench] re-execution failed (errno \(errno)); jemalloc stays absent", to: &err)
    }
}
