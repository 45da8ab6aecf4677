import Allocators
import AllocVizCore
import Testing
@testable import AllocVizBench

/// `bench --trace`'s figures on a small trace, against a hand computation.
struct TraceBenchTests {
    /// Two blocks (100 and 20 bytes), both freed, a 200-byte block grown to 300, and a request
    /// of 1,000,000 bytes that fits in no region given here (its `f` is then skipped).
    static let trace = """
        2
        7
        a 0 100
        a 1 20
        f 0
        f 1
        a 2 200
        r 2 300
        a 3 1000000
        f 3

        """

    static func measure() throws -> TraceBench.TraceResult {
        let script = try TraceParser.parse(trace, file: "small.rep")
        return try TraceBench.run(script, repetitions: 1, scale: 0.0001, heapCapacity: 64 << 10, buddySize: 1024) { _ in }
    }

    static func figures(_ result: TraceBench.TraceResult, _ name: String) throws -> TraceBenchFigures {
        try #require(result.allocators.first { $0.name == name }?.figures, "no figures for \(name)")
    }

    /// Segregated fit: a chunk is max(32, request + 8 rounded up to 8), the first at offset 8.
    /// 100 -> [8, 120), 20 -> [120, 152): payload 120, granted 144, internal 24. Both freed
    /// coalesce; 200 -> [8, 216), payload 200, internal 8; grown in place to 312 -> [8, 320):
    /// payload 300, internal 12, high-water mark 320. Utilisation 300 / 320; J&W 320 / 300 - 1.
    @Test func segregatedFitFiguresMatchTheHandComputation() throws {
        let result = try Self.measure()
        for name in ["heap segregated", "heap segregated cache=16"] {
            let figures = try Self.figures(result, name)
            #expect(figures == TraceBenchFigures(peakPayload: 300, highWaterMark: 320, internalFragmentationAtPeak: 12, failedRequests: 1), "\(name)")
            #expect(figures.peakUtilisation == 300.0 / 320.0)
            #expect(figures.johnstoneWilsonFragmentation == 320.0 / 300.0 - 1)
        }
    }

    /// Bitmap buddy over 1 KiB with 32-byte minimum blocks (the smallest request, 20, rounded
    /// up): 100 -> 128 at 0; 20 -> 32 at 128 (payload 120, granted 160). Both freed merge;
    /// 200 -> 256 at 0; 300 needs 512: allocated first at 512, then the old block freed:
    /// payload 300, granted 512, internal 212, high-water mark 1024. The 1,000,000-byte
    /// request fails.
    @Test func bitmapBuddyFiguresMatchTheHandComputation() throws {
        let result = try Self.measure()
        #expect(result.buddySize == 1024 && result.buddyMinimumBlock == 32)
        for name in ["buddy bitmap", "buddy array-list", "buddy linked-list"] {
            let figures = try Self.figures(result, name)
            #expect(figures == TraceBenchFigures(peakPayload: 300, highWaterMark: 1024, internalFragmentationAtPeak: 212, failedRequests: 1), "\(name)")
            #expect(figures.peakUtilisation == 300.0 / 1024.0)
        }
    }

    /// A slot whose allocation failed: its `f` does nothing, its `r` allocates (like
    /// `realloc(NULL, size)`), and a failed `r` keeps the old block live.
    @Test func failedBlocksAreSkippedAndReallocOfNoneAllocates() throws {
        let script = try TraceParser.parse("2\n5\na 0 2000\nf 0\na 0 2000\nr 0 100\nr 0 5000\n", file: "fail.rep")
        let result = try TraceBench.run(script, repetitions: 1, scale: 0.0001, heapCapacity: 64 << 10, buddySize: 1024) { _ in }
        // buddy: 2000 never fits in 1 KiB: a, a fail; r of the empty slot allocates 100 (block
        // 128 at 0); r to 5000 fails and keeps it.
        let buddy = try Self.figures(result, "buddy bitmap")
        #expect(buddy == TraceBenchFigures(peakPayload: 100, highWaterMark: 128, internalFragmentationAtPeak: 28, failedRequests: 3))
        let heap = try Self.figures(result, "heap first-fit")
        #expect(heap.failedRequests == 0)
        #expect(heap.peakPayload == 5000)
    }

    /// glibc and the peers have throughput and no space figures; every row is in the suite
    /// `trace:FILE`.
    @Test func rowsGiveSpaceFiguresOnlyWithOffsets() throws {
        let result = try Self.measure()
        let rows = TraceBench.rows(result)
        #expect(rows.allSatisfy { $0.suite == "trace:small.rep" })
        let glibc = rows.filter { $0.subject.hasPrefix("glibc malloc: ") }
        #expect(glibc.map(\.unit) == ["n/a", "n/a", "n/a", "n/a", "Mops/s"])
        #expect(glibc.last?.ratioToPeer == 1)
        let utilisation = try #require(rows.first { $0.subject == "heap segregated: peak utilisation" })
        #expect(utilisation.value == 93.75 && utilisation.unit == "%")
        let names = Set(result.allocators.map(\.name))
        for implementation in HeapImplementation.allCases { #expect(names.contains("heap \(implementation.name)")) }
    }

    /// A trace without operations measures zeros (no division by zero, no ratio to glibc).
    @Test func anEmptyTraceMeasuresZeros() throws {
        let script = try TraceParser.parse("0\n0\n", file: "empty.rep")
        let result = try TraceBench.run(script, repetitions: 1, scale: 0.0001) { _ in }
        let segregated = try Self.figures(result, "heap segregated")
        #expect(segregated == TraceBenchFigures())
        #expect(segregated.peakUtilisation == 0 && segregated.johnstoneWilsonFragmentation == 0)
        #expect(result.allocators.allSatisfy { $0.ratioToGlibc == nil })
        #expect(!TraceBench.jsonLines([result]).contains("nan"))
    }
}
