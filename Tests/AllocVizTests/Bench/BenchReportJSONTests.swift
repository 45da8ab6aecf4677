import Foundation
import AllocVizCore
import Testing
@testable import AllocVizBench

/// `bench --json` lines as an independent JSON reader (Foundation's) sees them: a figure that
/// does not exist is `null`, in the suites' rows and in `--trace`'s rows alike.
struct BenchReportJSONTests {
    /// Each line parsed by JSONSerialization.
    static func objects(_ lines: String) throws -> [[String: Any]] {
        try lines.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test func aRowWithoutAFigureHasValueNull() throws {
        let rows = [
            BenchResult(suite: "heap-w3", subject: "FirstFitHeap mean", value: 0, unit: "%"),
            BenchResult.withoutFigure(suite: "heap-w3", subject: "jemalloc", unit: "n/a", note: "no fixed heap"),
            BenchResult.withoutFigure(suite: "heap-w2", subject: "tcmalloc", unit: "absent", note: "libtcmalloc.so.4 not found"),
        ]
        let objects = try Self.objects(BenchReport.jsonLines(rows))
        #expect(objects.count == 3)
        // A measured 0 stays a number; the rows without a figure have null, and keep their note.
        #expect((objects[0]["value"] as? NSNumber)?.doubleValue == 0)
        #expect(!(objects[0]["value"] is NSNull))
        for object in objects.dropFirst() {
            #expect(object["value"] is NSNull, "\(object)")
            #expect(object["note"] is String)
        }
    }

    /// glibc has no offsets: its space rows are null, its throughput a number.
    @Test func traceRowsOfAnAllocatorWithoutOffsetsHaveNullSpaceFigures() throws {
        let script = try TraceParser.parse("2\n3\na 0 100\na 1 20\nf 0\n", file: "small.rep")
        let result = try TraceBench.run(script, repetitions: 1, scale: 0.0001, heapCapacity: 64 << 10, buddySize: 1024) { _ in }
        let objects = try Self.objects(TraceBench.jsonLines([result]))
        let glibc = objects.filter { ($0["subject"] as? String)?.hasPrefix("glibc malloc: ") == true }
        #expect(glibc.count == TraceBench.Metric.allCases.count)
        for object in glibc {
            if object["subject"] as? String == "glibc malloc: throughput" {
                #expect(((object["value"] as? NSNumber)?.doubleValue ?? 0) > 0, "\(object)")
            } else {
                #expect(object["value"] is NSNull, "\(object)")
                #expect(object["unit"] as? String == "n/a")
            }
        }
        // An allocator with offsets has every figure, a failure count of 0 included.
        let failed = try #require(objects.first { $0["subject"] as? String == "heap first-fit: failed requests" })
        #expect((failed["value"] as? NSNumber)?.doubleValue == 0 && !(failed["value"] is NSNull))
    }
}
