import Allocators

/// `heap-walk`: what a visualizer frame pays to look at a big heap — the chunk walk,
/// `chunks()`, a 200-column `memoryMap`, `usage(in:)` and `metrics()` — in ns per chunk, on a
/// 256 MiB tracked heap (scaled) holding 100,000 chunks (scaled), called through
/// `any HeapAllocator` the way the session code calls them. The first set spreads the chunks
/// over the heap (blocks of 100 ... 4000 bytes, so nearly every header is a cache and TLB
/// miss); the dense set packs them into a few MiB (blocks of 16 ... 200 bytes).
enum HeapWalkBench {
    static var suite: BenchSuite {
        BenchSuite(name: "heap-walk", summary: "chunk walk, chunks(), memoryMap, usage(in:) on 100,000 chunks: ns/chunk") { options, progress in
            try run(options: options, progress: progress)
        }
    }

    /// Repetitions of each measurement; the best one counts.
    static let repetitions = 15

    static func run(options: BenchOptions, progress: (String) -> Void) throws -> [BenchResult] {
        let bytes = HeapBenchSuites.heapBytes(options)
        let target = max(1000, Int(100_000 * options.scale))
        progress("building a \(bytes >> 20) MiB tracked heap with \(target) chunks")
        var rows: [BenchResult] = []
        var sink = 0
        for (label, sizes) in [("", 100...4000), (" dense", 16...200)] {
            let heap: any HeapAllocator = try populatedHeap(bytes: bytes, chunks: target, sizes: sizes, seed: options.seed)
            var walked = 0
            heap.forEachChunk(from: 0) { _ in walked += 1; return true }
            func best(_ name: String, _ body: () -> Int) -> BenchResult {
                progress(name + label)
                var fastest = UInt64.max
                for _ in 0..<repetitions {
                    var result = 0
                    let elapsed = MonotonicClock.measure { result = body() }
                    sink &+= result
                    fastest = min(fastest, elapsed)
                }
                return BenchResult(suite: "heap-walk", subject: name + label, value: Double(fastest) / Double(walked), unit: "ns/chunk")
            }
            rows.append(BenchResult(suite: "heap-walk", subject: "chunks" + label, value: Double(walked), unit: "chunks"))
            rows.append(best("forEachChunk") {
                var live = 0
                heap.forEachChunk(from: 0) { chunk in
                    if !chunk.isFree { live += chunk.requestedBytes ?? 0 }
                    return true
                }
                return live
            })
            rows.append(best("chunks()") { heap.chunks().count })
            rows.append(best("memoryMap 200 columns") {
                heap.memoryMap(range: 0..<heap.capacity, columns: 200).reduce(0) { $0 + $1.usedBytes }
            })
            rows.append(best("usage(in:) whole heap") { heap.usage(in: 0..<heap.capacity).freeBytes })
            rows.append(best("metrics()") { heap.metrics().liveBlockCount })
        }
        if sink == 42 { progress("") }  // keeps the results alive
        return rows
    }

    /// A tracked heap with about `chunks` chunks: live blocks of `sizes` bytes with every other
    /// one freed again, so free and live chunks alternate (then the free rest of the heap).
    static func populatedHeap(bytes: Int, chunks: Int, sizes: ClosedRange<Int>, seed: UInt64) throws -> SegregatedFitHeap {
        let heap = SegregatedFitHeap(capacity: bytes, tracksRequestedSizes: true)
        var rng = BenchRandom(seed: seed)
        var offsets: [Int] = []
        offsets.reserveCapacity(chunks / 2)
        let count = min(chunks, bytes / ((sizes.lowerBound + sizes.upperBound) / 2 + 64))
        for _ in 0..<count { offsets.append(try heap.allocateOffset(byteCount: rng.uniform(sizes.lowerBound, sizes.upperBound))) }
        for index in stride(from: 0, to: offsets.count, by: 2) { try heap.deallocate(offset: offsets[index]) }
        return heap
    }
}
