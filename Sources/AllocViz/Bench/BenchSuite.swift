/// One row of a benchmark table: a measured figure for one subject of a suite.
struct BenchResult: Sendable {
    /// The suite that produced the row, e.g. `buddy-fill`.
    var suite: String
    /// What was measured, e.g. `bitmap-tree alloc`.
    var subject: String
    /// The figure.
    var value: Double
    /// Its unit, e.g. `ns/op`, `Mops/s`, `%`.
    var unit: String
    /// Optional ratio to the suite's peer measured in the same run (for example glibc).
    var ratioToPeer: Double?
    /// The peer named by `ratioToPeer`.
    var peer: String?
}

/// Options shared by every suite.
struct BenchOptions: Sendable {
    /// Scale factor for work sizes (1 = the documented workload; tests use a small value).
    var scale: Double = 1
    /// Seconds each timed run lasts, for fixed-duration suites.
    var seconds: Double = 1
    /// Seed for random workloads.
    var seed: UInt64 = 1
}

/// A benchmark suite behind `allocviz bench NAME`.
struct BenchSuite: Sendable {
    /// Name used on the command line.
    var name: String
    /// One line for `allocviz bench --list`.
    var summary: String
    /// Runs the suite, reporting progress lines through `progress`, and returns its rows.
    var run: @Sendable (BenchOptions, (String) -> Void) throws -> [BenchResult]
}

/// Every suite `allocviz bench` knows, in the order a bare `allocviz bench` runs them.
enum BenchCatalog {
    static var all: [BenchSuite] { BuddyBenchSuites.all + HeapBenchSuites.all + RenderBenchSuites.all }
}
