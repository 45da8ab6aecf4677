/// One row of a benchmark table: a measured figure for one subject of a suite.
public struct BenchResult: Sendable {
    /// The suite that produced the row, e.g. `buddy-fill`.
    public var suite: String
    /// What was measured, e.g. `bitmap-tree alloc`.
    public var subject: String
    /// The figure (0 in a row without one: see ``figure``).
    public var value: Double
    /// Its unit, e.g. `ns/op`, `Mops/s`, `%`.
    public var unit: String
    /// Optional ratio to the suite's peer measured in the same run (for example glibc).
    public var ratioToPeer: Double?
    /// The peer named by `ratioToPeer`.
    public var peer: String?
    /// Nanoseconds per operation this subject takes above the suite's ceiling (the bump
    /// subject run through the same workload), when the suite has one.
    public var nanosecondsAboveCeiling: Double?
    /// Why the row has no figure (unit `absent` or `n/a`), or a remark on it.
    public var note: String?

    /// Creates a row.
    public init(suite: String, subject: String, value: Double, unit: String, ratioToPeer: Double? = nil, peer: String? = nil,
                nanosecondsAboveCeiling: Double? = nil, note: String? = nil) {
        self.suite = suite
        self.subject = subject
        self.value = value
        self.unit = unit
        self.ratioToPeer = ratioToPeer
        self.peer = peer
        self.nanosecondsAboveCeiling = nanosecondsAboveCeiling
        self.note = note
    }

    /// A row for a subject that has no figure in this suite: `unit` says why in one word
    /// (`absent`, `n/a`) and `note` in a sentence. Its ``figure`` is nil (`"value": null` in JSON).
    public static func withoutFigure(suite: String, subject: String, unit: String, note: String) -> BenchResult {
        BenchResult(suite: suite, subject: subject, value: 0, unit: unit, note: note)
    }

    /// Whether the row carries a measured figure.
    public var hasFigure: Bool { unit != "absent" && unit != "n/a" }

    /// The measured figure, or nil when the row has none (unit `absent` or `n/a`).
    public var figure: Double? { hasFigure ? value : nil }
}

/// Options shared by every suite.
public struct BenchOptions: Sendable {
    /// Scale factor for work sizes (1 = the documented workload; tests use a small value).
    public var scale: Double = 1
    /// Seconds each timed run lasts, for fixed-duration suites.
    public var seconds: Double = 1
    /// Seed for random workloads.
    public var seed: UInt64 = 1

    /// Creates options (the defaults are the documented workload).
    public init(scale: Double = 1, seconds: Double = 1, seed: UInt64 = 1) {
        self.scale = scale
        self.seconds = seconds
        self.seed = seed
    }
}

/// A benchmark suite behind `allocviz bench NAME`.
public struct BenchSuite: Sendable {
    /// Name used on the command line.
    public var name: String
    /// One line for `allocviz bench --list`.
    public var summary: String
    /// Runs the suite, reporting progress lines through `progress`, and returns its rows.
    public var run: @Sendable (BenchOptions, (String) -> Void) throws -> [BenchResult]

    /// Creates a suite.
    public init(name: String, summary: String, run: @escaping @Sendable (BenchOptions, (String) -> Void) throws -> [BenchResult]) {
        self.name = name
        self.summary = summary
        self.run = run
    }
}

/// Every suite `allocviz bench` knows, in the order a bare `allocviz bench` runs them.
public enum BenchCatalog {
    /// The suites, in running order.
    public static var all: [BenchSuite] { BuddyBenchSuites.all + HeapBenchSuites.all + RenderBenchSuites.all + TraceBenchSuites.all + FrameBenchSuites.all }

    /// The suite named `name`, if any.
    public static func suite(named name: String) -> BenchSuite? { all.first { $0.name == name } }
}
