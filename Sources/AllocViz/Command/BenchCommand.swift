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
        discussion: "With no SUITE, every suite runs. --list names them.")

    @Argument(help: "Suites to run (default: all).",
              completion: .list(BenchCatalog.all.map(\.name)))
    var suites: [String] = []

    @Flag(help: "List the suites and exit.")
    var list = false

    @Flag(help: "Print the results as JSON lines instead of a table.")
    var json = false

    @Option(help: "Scale factor for the workload sizes (1 = the documented workload).")
    var scale: Double = 1

    @Option(help: "Seconds for each fixed-duration run.")
    var seconds: Double = 1

    @Option(help: "Seed for the random workloads.")
    var seed: UInt64 = 1

    func validate() throws {
        guard scale > 0, scale.isFinite else { throw ValidationError("--scale must be a positive number") }
        guard seconds > 0, seconds.isFinite else { throw ValidationError("--seconds must be a positive number") }
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
