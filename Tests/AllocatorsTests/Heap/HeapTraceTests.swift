import Testing
@testable import Allocators

@Suite struct HeapTraceTests {
    /// Random allocate / free / reallocate with sizes and alignments up to 4096, invariants
    /// after every step, tags verified on free and realloc, no overlap ever.
    @discardableResult
    func runTrace(_ heap: some HeapAllocator, steps: Int, seed: UInt64, maxSize: Int, pointers: Bool = false) throws -> (successes: Int, failures: Int, moves: Int) {
        // The pointer API (with its inlined front-cache paths) or the offset API.
        func allocate(_ size: Int, _ alignment: Int) throws(HeapError) -> Int {
            pointers ? heap.offset(of: try heap.allocate(byteCount: size, alignment: alignment))
                : try heap.allocateOffset(byteCount: size, alignment: alignment)
        }
        func deallocate(_ offset: Int) throws(HeapError) {
            if pointers { try heap.deallocate(heap.pointer(at: offset)) } else { try heap.deallocate(offset: offset) }
        }
        func reallocate(_ offset: Int, _ size: Int, _ alignment: Int) throws(HeapError) -> Int {
            pointers ? heap.offset(of: try heap.reallocate(heap.pointer(at: offset), newByteCount: size, alignment: alignment))
                : try heap.reallocate(offset: offset, newByteCount: size, alignment: alignment)
        }
        var successes = 0, failures = 0, moves = 0
        var rng = SplitMix64(seed: seed)
        var live: [TracedBlock] = []
        var tag: UInt8 = 1
        for step in 0..<steps {
            let roll = rng.int(in: 0...9)
            if roll < 5 || live.isEmpty {
                let size = rng.int(in: 0...maxSize)
                let alignment = 1 << rng.int(in: 0...12)
                do {
                    let offset = try allocate(size, alignment)
                    #expect(offset % max(alignment, 8) == 0)
                    #expect((Int(bitPattern: heap.pointer(at: offset)) % alignment) == 0)
                    let block = TracedBlock(offset: offset, size: size, alignment: alignment, tag: tag)
                    tag &+= 1
                    stamp(heap, block)
                    live.append(block)
                    successes += 1
                } catch {
                    failures += 1
                    #expect(error.isOutOfMemory)
                }
            } else if roll < 8 {
                let index = rng.int(in: 0...(live.count - 1))
                let block = live.swapAt(index)
                #expect(stampIsIntact(heap, block), "step \(step): block at \(block.offset) was overwritten")
                try deallocate(block.offset)
            } else {
                let index = rng.int(in: 0...(live.count - 1))
                var block = live[index]
                #expect(stampIsIntact(heap, block))
                let newSize = rng.int(in: 0...(maxSize * 2))
                do {
                    let offset = try reallocate(block.offset, newSize, block.alignment)
                    #expect(offset % max(block.alignment, 8) == 0)
                    if offset != block.offset { moves += 1 }
                    block.offset = offset
                    #expect(stampIsIntact(heap, block, size: min(block.size, newSize) < block.size ? min(8, newSize) : nil))
                    block.size = newSize
                    stamp(heap, block)
                    live[index] = block
                } catch {
                    #expect(error.isOutOfMemory)
                    #expect(stampIsIntact(heap, block))
                }
            }
            do { try heap.checkInvariants() } catch {
                Issue.record("step \(step): \(error)")
                return (successes, failures, moves)
            }
        }
        for block in live {
            #expect(stampIsIntact(heap, block))
            try heap.deallocate(offset: block.offset)
        }
        (heap as? SegregatedFitHeap)?.flushFrontCache()
        try heap.checkInvariants()
        #expect(heap.chunks().count == 1)
        #expect(heap.totals.liveChunks == 0)
        return (successes, failures, moves)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func smallHeapTrace(seed: UInt64) throws {
        let stats = try runTrace(SegregatedFitHeap(capacity: 8192, tracksRequestedSizes: true), steps: 3000, seed: seed, maxSize: 600)
        #expect(stats.successes > 500 && stats.failures > 50 && stats.moves > 50, "\(stats)")
    }

    @Test(arguments: [11, 12] as [UInt64])
    func largeHeapTrace(seed: UInt64) throws {
        let stats = try runTrace(SegregatedFitHeap(capacity: 1 << 20, tracksRequestedSizes: true), steps: 3000, seed: seed, maxSize: 6000)
        #expect(stats.successes > 1000 && stats.moves > 50, "\(stats)")
    }

    @Test(arguments: [5, 6] as [UInt64])
    func frontCacheSmallHeapTrace(seed: UInt64) throws {
        let heap = SegregatedFitHeap(capacity: 8192, tracksRequestedSizes: true, frontCacheDepth: 3, frontCacheBudget: 1 << 20)
        let stats = try runTrace(heap, steps: 3000, seed: seed, maxSize: 600)
        #expect(stats.successes > 500 && stats.failures > 50 && stats.moves > 50, "\(stats)")
    }

    @Test(arguments: [13] as [UInt64])
    func frontCacheLargeHeapTrace(seed: UInt64) throws {
        let heap = SegregatedFitHeap(capacity: 1 << 20, tracksRequestedSizes: true, frontCacheDepth: 8, frontCacheBudget: 1 << 17)
        let stats = try runTrace(heap, steps: 3000, seed: seed, maxSize: 300)
        #expect(stats.successes > 1000 && stats.moves > 50, "\(stats)")
    }

    @Test(arguments: [7, 8] as [UInt64])
    func frontCachePointerTrace(seed: UInt64) throws {
        let heap = SegregatedFitHeap(capacity: 16384, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let stats = try runTrace(heap, steps: 4000, seed: seed, maxSize: 300, pointers: true)
        #expect(stats.successes > 1000 && stats.failures > 20 && stats.moves > 100, "\(stats)")
    }

    @Test(arguments: [9] as [UInt64])
    func pointerTraceOnBothHeaps(seed: UInt64) throws {
        try runTrace(SegregatedFitHeap(capacity: 1 << 18), steps: 2000, seed: seed, maxSize: 3000, pointers: true)
        try runTrace(FirstFitHeap(capacity: 1 << 18), steps: 2000, seed: seed, maxSize: 3000, pointers: true)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func firstFitSmallHeapTrace(seed: UInt64) throws {
        let stats = try runTrace(FirstFitHeap(capacity: 8192, tracksRequestedSizes: true), steps: 3000, seed: seed, maxSize: 600)
        #expect(stats.successes > 500 && stats.failures > 50 && stats.moves > 50, "\(stats)")
    }

    @Test(arguments: [11] as [UInt64])
    func firstFitLargeHeapTrace(seed: UInt64) throws {
        let stats = try runTrace(FirstFitHeap(capacity: 1 << 20, tracksRequestedSizes: true), steps: 3000, seed: seed, maxSize: 6000)
        #expect(stats.successes > 1000 && stats.moves > 50, "\(stats)")
    }
}

extension Array {
    /// Removes and returns the element at `index` in O(1) by swapping the last into its place.
    mutating func swapAt(_ index: Int) -> Element {
        swapAt(index, count - 1)
        return removeLast()
    }
}
