import Testing
@testable import AllocVizBench

/// `bench --trace`'s table keeps its columns apart whatever the figures.
struct TraceBenchTableTests {
    /// A buddy whose high-water mark is 16 million times its payload (J&W fragmentation
    /// 1,638,399,900 %) next to a tiny utilisation; huge byte and failure counts; a small row
    /// below. Every cell stays a separate word, and ends where its heading ends.
    @Test func hugeFiguresNeverRunIntoTheirNeighbours() throws {
        let huge = TraceBenchFigures(peakPayload: 16, highWaterMark: 262_144_000, internalFragmentationAtPeak: 1 << 50, failedRequests: 123_456_789_012)
        let small = TraceBenchFigures(peakPayload: 30, highWaterMark: 32, internalFragmentationAtPeak: 2, failedRequests: 0)
        let result = TraceBench.TraceResult(
            file: "huge.rep", operationCount: 3, idCount: 2, peakLiveBytes: 1 << 48, heapCapacity: 1 << 28,
            buddySize: 1 << 40, buddyMinimumBlock: 1 << 18,
            allocators: [
                .init(name: "buddy bitmap", figures: huge, operationsPerSecond: 123_456_789_000_000, ratioToGlibc: 12345.5),
                .init(name: "heap first-fit", figures: small, operationsPerSecond: 1e6, ratioToGlibc: 1),
                .init(name: "glibc malloc", figures: nil, operationsPerSecond: 1e6, ratioToGlibc: 1),
            ])
        let lines = TraceBench.table([result]).split(separator: "\n").map(String.init)
        let header = lines[1]
        #expect(header.hasPrefix("allocator "))
        let headings = ["peak util", "J&W frag", "internal@peak", "failed", "Mops/s", "vs glibc"]
        let headingEnds = try headings.map { heading in
            try #require(header.range(of: heading)).upperBound.utf16Offset(in: header)
        }
        let expectedCells: [String: [String]] = [
            "buddy bitmap": ["0.00%", BenchReport.format(huge.johnstoneWilsonFragmentation * 100) + "%", "\(1 << 50) B", "123456789012", "123456789.00", "12345.50x"],
            "heap first-fit": ["93.75%", "6.67%", "2 B", "0", "1.00", "1.00x"],
            "glibc malloc": ["n/a", "n/a", "n/a", "n/a", "1.00", "1.00x"],
        ]
        for (name, cells) in expectedCells {
            let line = try #require(lines.first { $0.hasPrefix(name + " ") }, "no line for \(name)")
            // Cells separated by at least one space: the words after the name are the cells.
            let words = line.dropFirst(name.count).split(separator: " ").map(String.init)
            #expect(words == cells.flatMap { $0.split(separator: " ").map(String.init) }, "\(line)")
            // Each cell ends under the end of its heading.
            var searchFrom = line.index(line.startIndex, offsetBy: name.count)
            for (cell, end) in zip(cells, headingEnds) {
                let range = try #require(line.range(of: cell, range: searchFrom..<line.endIndex), "\(cell) in \(line)")
                #expect(range.upperBound.utf16Offset(in: line) == end, "\(name): \(cell) ends at \(range.upperBound.utf16Offset(in: line)), its heading at \(end)\n\(header)\n\(line)")
                searchFrom = range.upperBound
            }
        }
    }
}
