import Testing

/// `allocviz bench` at a tiny scale: every suite runs, verifies its own work, and reports.
/// (Speed is never asserted here; the numbers come from release builds.)
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct BenchCommandTests {
    @Test func listNamesEverySuite() throws {
        let list = try BinaryRunner.run(["bench", "--list"])
        #expect(list.status == 0)
        for suite in ["buddy-fill", "buddy-scatter", "buddy-view", "heap-w1", "heap-w2", "heap-w4", "heap-w3", "render"] {
            #expect(list.stdout.contains(suite), "\(suite) is missing from bench --list")
        }
    }

    @Test func everySuiteRunsAtATinyScale() throws {
        let result = try BinaryRunner.run(["bench", "--scale", "0.001", "--seconds", "0.01", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count >= 20)
        for line in lines {
            #expect(line.hasPrefix("{\"suite\":") && line.hasSuffix("}"))
        }
        // glibc is the live peer of the heap suites, measured in the same run.
        #expect(lines.contains { $0.contains("\"suite\":\"heap-w1\"") && $0.contains("\"peer\":") })
        #expect(result.stderr.contains("[buddy-fill]"), "progress goes to stderr")
    }

    @Test func unknownSuiteIsAUsageError() throws {
        let result = try BinaryRunner.run(["bench", "no-such-suite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown suite 'no-such-suite'"))
    }
}
