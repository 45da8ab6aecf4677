#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// `check` and `play --headless` of trace files, through the built binary.
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct TraceCommandTests {
    static let trace = "# made by a test\n20000\n3\n6\n1\na 0 2040\na 1 4010\nf 1\nr 0 48\nm 2 100 64\nc 1 30\n"

    @Test func checkReadsATraceAndSaysHowItsLanesWereSized() throws {
        let path = try #require(TemporaryFileForTrace.create(Self.trace, suffix: ".txt"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            \(path): lanes sized from the trace: buddy 64KiB min=32, heap 64KiB (peak live 5.9K, largest request 3.9K)
            \(path): ok (6 steps, no expectations)

            """)
        #expect(result.stderr == "")
        let overridden = try BinaryRunner.run(["check", "--heap", "1MiB", "--buddy", "0", path])
        #expect(overridden.status == 0)
        #expect(overridden.stdout.hasPrefix("\(path): lanes for the trace: heap 1MiB (--heap) (peak live"))
    }

    /// A lane too small for the trace: `check` still passes it (a trace states no
    /// expectations) but says which lanes failed requests (before, it said only `ok`).
    @Test func checkSaysWhichLanesFailedRequests() throws {
        let path = try #require(TemporaryFileForTrace.create(Self.trace, suffix: ".rep"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["check", "--heap", "4KiB", "--buddy", "4KiB", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("\(path): ok (6 steps, no expectations; failed requests: buddy 1, heap 1)\n"), "\(result.stdout)")
    }

    @Test func playHeadlessShowsTheTraceAndItsLanes() throws {
        let path = try #require(TemporaryFileForTrace.create(Self.trace))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["play", path, "--headless", "--size", "100x30"])
        #expect(result.status == 0)
        let base = path.split(separator: "/").last!
        #expect(result.stdout.hasPrefix(" allocviz · \(base) · buddy 64KiB min=32, heap 64KiB "))
        #expect(result.stdout.contains("t2"))
        let json = try BinaryRunner.run(["play", path, "--headless", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.split(separator: "\n").count == 7)
    }

    @Test func badTracesExitTwoWithTheLocatedError() throws {
        let path = try #require(TemporaryFileForTrace.create("2\n2\na 0 8\nr 1 9\n"))
        defer { TemporaryFileForTrace.remove(path) }
        for command in [["check", path], ["play", path, "--headless"]] {
            let result = try BinaryRunner.run(command)
            #expect(result.status == 2)
            #expect(result.stderr == """
                \(path):4:3: error: realloc of id 1, which was never allocated (a realloc of NULL is written 'a 1 SIZE')
                 4 | r 1 9
                   |   ^

                """)
        }
    }

    @Test func headerWarningsGoToStandardErrorAndCheckStillPasses() throws {
        let path = try #require(TemporaryFileForTrace.create("2\n5\na 0 8\n"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["check", "-q", path])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(path):2: warning: the header says 5 operations; the trace has 1\n")
    }

    @Test func laneOptionsAreRefusedForScripts() throws {
        let path = try #require(TemporaryFileForTrace.create("alloc A 8\n", suffix: ".aviz"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["check", "--heap", "1MiB", path])
        #expect(result.status == 2)
        #expect(result.stderr == "\(path):1:1: error: --heap and --buddy size the lanes of a trace; a script declares its own lanes\n")
    }
}
