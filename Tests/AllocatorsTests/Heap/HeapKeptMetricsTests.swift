import Testing
@testable import Allocators

/// The heaps' incremental totals (free count, sum of squared free sizes, largest free chunk,
/// live count, granted and requested bytes) equal a full walk after every step of seeded
/// random traces, on every heap configuration.
@Suite struct HeapKeptMetricsTests {
    /// A named way to build a heap, and whether the trace goes through the pointer API.
    struct Configuration: CustomTestStringConvertible, Sendable {
        let name: String
        let usesPointers: Bool
        let make: @Sendable () -> any HeapAllocator
        var testDescription: String { name }
    }

    static let configurations: [Configuration] = [
        Configuration(name: "segregated", usesPointers: false) { SegregatedFitHeap(capacity: 96 << 10) },
        Configuration(name: "segregated tracked", usesPointers: false) { SegregatedFitHeap(capacity: 96 << 10, tracksRequestedSizes: true) },
        Configuration(name: "segregated front cache, pointers", usesPointers: true) {
            SegregatedFitHeap(capacity: 96 << 10, frontCacheDepth: 8, frontCacheBudget: 1 << 14)
        },
        Configuration(name: "segregated front cache, offsets", usesPointers: false) {
            SegregatedFitHeap(capacity: 96 << 10, frontCacheDepth: 8, frontCacheBudget: 1 << 14)
        },
        Configuration(name: "segregated tracked front cache", usesPointers: false) {
            SegregatedFitHeap(capacity: 96 << 10, tracksRequestedSizes: true, frontCacheDepth: 8, frontCacheBudget: 1 << 14)
        },
        Configuration(name: "segregated exact tracked", usesPointers: true) {
            SegregatedFitHeap(capacity: 96 << 10, tracksRequestedSizes: true, exactPointerChecks: true)
        },
        Configuration(name: "segregated exact front cache", usesPointers: true) {
            SegregatedFitHeap(capacity: 96 << 10, frontCacheDepth: 8, exactPointerChecks: true)
        },
        Configuration(name: "first fit", usesPointers: false) { FirstFitHeap(capacity: 96 << 10) },
        Configuration(name: "first fit tracked", usesPointers: true) { FirstFitHeap(capacity: 96 << 10, tracksRequestedSizes: true) },
    ]

    @Test(arguments: configurations, [1, 2] as [UInt64])
    func keptTotalsEqualAWalkAfterEveryStep(configuration: Configuration, seed: UInt64) throws {
        let heap = configuration.make()
        var rng = SplitMix64(seed: seed)
        var live: [Int] = []
        var failures = 0
        for step in 0..<2_500 {
            let action = rng.int(in: 0...9)
            let alignment = rng.int(in: 0...7) == 0 ? 1 << rng.int(in: 4...9) : 8
            let size = rng.int(in: 0...(rng.int(in: 0...4) == 0 ? 6000 : 700))
            if action < 5 || live.isEmpty {
                if configuration.usesPointers, let pointer = try? heap.allocate(byteCount: size, alignment: alignment) {
                    live.append(heap.offset(of: pointer))
                } else if !configuration.usesPointers, let offset = try? heap.allocateOffset(byteCount: size, alignment: alignment) {
                    live.append(offset)
                } else {
                    failures += 1
                }
            } else if action < 8 {
                let index = rng.int(in: 0...(live.count - 1))
                let offset = live.remove(at: index)
                if configuration.usesPointers { try heap.deallocate(heap.pointer(at: offset)) } else { try heap.deallocate(offset: offset) }
            } else {
                let index = rng.int(in: 0...(live.count - 1))
                if configuration.usesPointers,
                   let pointer = try? heap.reallocate(heap.pointer(at: live[index]), newByteCount: size, alignment: alignment) {
                    live[index] = heap.offset(of: pointer)
                } else if !configuration.usesPointers,
                          let offset = try? heap.reallocate(offset: live[index], newByteCount: size, alignment: alignment) {
                    live[index] = offset
                } else {
                    failures += 1
                }
            }
            let kept = heap.metrics(), walked = heap.walkedMetrics()
            #expect(kept == walked, "step \(step)")
            if kept != walked { return }
            try heap.checkInvariants()
            if let offset = live.last {
                let walkedSize = heap.chunks().first { $0.contentOffset == offset }?.size
                #expect(heap.liveChunkSize(atContentOffset: offset) == walkedSize, "step \(step)")
            }
        }
        #expect(failures > 0, "the trace should fill the heap at times")
        #expect(heap.metrics().freeBlockCount > 1)
    }

    @Test func flushingTheFrontCacheKeepsTheTotals() throws {
        let heap = SegregatedFitHeap(capacity: 64 << 10, frontCacheDepth: 8, frontCacheBudget: 1 << 15)
        let blocks = try (0..<40).map { _ throws(HeapError) in try heap.allocate(byteCount: 40, alignment: 8) }
        for block in blocks.enumerated() where block.offset % 2 == 0 { try heap.deallocate(block.element) }
        #expect(heap.frontCachedChunks > 0)
        #expect(heap.metrics() == heap.walkedMetrics())
        heap.flushFrontCache()
        #expect(heap.metrics() == heap.walkedMetrics())
        try heap.checkInvariants()
    }

    @Test func largestFreeChunkComesFromTheHighestClass() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 20)
        let a = try heap.allocateOffset(byteCount: 5000)
        _ = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 5100)
        _ = try heap.allocateOffset(byteCount: 100)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: b)
        // The tail of the region is the largest; both freed chunks share a TLSF class.
        #expect(heap.largestBinnedFreeChunk() == heap.walkedMetrics().largestFreeBlock)
        #expect(heap.metrics().freeBlockCount == 3)
        #expect(heap.liveChunkSize(atContentOffset: a) == nil)
    }
}
