import Foundation
import Testing
@testable import AllocVizBench

/// `allocviz bench --trace` end to end, at a tiny scale (no timing is asserted).
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct TraceBenchCommandTests {
    static let trace = "2\n6\na 0 100\na 1 20\nf 0\nf 1\na 2 200\nr 2 300\n"

    /// The table's space cells are the JSON rows' values (the figures do not depend on timing,
    /// so two runs give the same ones), and both have a row for every allocator.
    @Test func tableAndJSONAgree() throws {
        let path = try #require(TemporaryFileForTrace.create(Self.trace))
        defer { TemporaryFileForTrace.remove(path) }
        let table = try BinaryRunner.run(["bench", "--trace", path, "--scale", "0.001"])
        let json = try BinaryRunner.run(["bench", "--trace", path, "--scale", "0.001", "--json"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(table.stderr.contains("timing round 1/1"))
        let rows = try json.stdout.split(separator: "\n").map(BenchCommandTests.Row.init)
        let suite = TraceBench.suiteName(for: path)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.suite == suite })
        let names = ["buddy bitmap", "buddy array-list", "buddy linked-list", "heap segregated", "heap segregated cache=16",
                     "heap first-fit", "glibc malloc"]
        let lines = table.stdout.split(separator: "\n").map(String.init)
        for name in names {
            let line = try #require(lines.first { $0.hasPrefix(name + "  ") }, "no table line for \(name)")
            let cells = line.dropFirst(name.count).split(separator: " ").map(String.init)
            let metrics = TraceBench.Metric.allCases.filter { $0 != .throughput }
            let space = metrics.map { metric in rows.first { $0.subject == "\(name): \(metric.rawValue)" } }
            #expect(space.allSatisfy { $0 != nil }, "\(name) lacks JSON rows")
            if name == "glibc malloc" {
                #expect(cells.prefix(4) == ["n/a", "n/a", "n/a", "n/a"])
                #expect(space.allSatisfy { $0?.unit == "n/a" })
            } else {
                let expected = [String(format: "%.2f%%", space[0]!.value), String(format: "%.2f%%", space[1]!.value),
                                "\(Int(space[2]!.value))", "B", "\(Int(space[3]!.value))"]
                #expect(Array(cells.prefix(5)) == expected, "\(name)")
            }
            let throughput = try #require(rows.first { $0.subject == "\(name): throughput" })
            #expect(throughput.unit == "Mops/s" && throughput.value > 0 && throughput.peer == "glibc")
            #expect(cells.count == (name == "glibc malloc" ? 6 : 7))
        }
        let segregated = try #require(rows.first { $0.subject == "heap segregated: peak utilisation" })
        #expect(segregated.value == 93.75)
    }

    /// A bad trace: the parser's message (file:line:col, the line, a caret) and exit 2, before
    /// anything is measured.
    @Test func badTraceExitsTwoWithTheParsersMessage() throws {
        let path = try #require(TemporaryFileForTrace.create("2\n2\na 0 16\nf 1\n"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["bench", "--trace", path, "--scale", "0.001"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):4:3: error: free of id 1, which was never allocated"), "\(result.stderr)")
        #expect(result.stderr.contains("f 1\n"))
        #expect(!result.stderr.contains("timing"))
    }

    /// A trace's header warning is printed once, as `check` prints it, even when the bench
    /// re-executes itself to load jemalloc (the re-executed process reads the trace again).
    @Test func aHeaderWarningIsPrintedOnce() throws {
        let path = try #require(TemporaryFileForTrace.create("2\n9\na 0 16\nf 0\n"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["bench", "--trace", path, "--scale", "0.001"])
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "\(path):2: warning: the header says 9 operations; the trace has 2"
        let check = try BinaryRunner.run(["check", path])
        #expect(check.stderr.components(separatedBy: warning).count - 1 == 1, "\(check.stderr)")
        #expect(result.stderr.components(separatedBy: warning).count - 1 == 1, "\(result.stderr)")
    }

    /// Suite names and --trace do not mix.
    @Test func traceTakesNoSuiteNames() throws {
        let result = try BinaryRunner.run(["bench", "render", "--trace", "x.rep"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--trace measures traces"))
    }
}
