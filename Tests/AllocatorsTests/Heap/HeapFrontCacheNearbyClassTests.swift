import Testing
@testable import Allocators

/// The front cache serves an over-aligned request (beyond 16) from a slightly larger class (8 to
/// 24 bytes more, too little to split off) when its own class has nothing aligned, and the
/// inlined pointer paths hand validated chunks to the library without losing any misuse report.
@Suite struct HeapFrontCacheNearbyClassTests {
    private func heapWithCachedChunk(requestSize: Int) throws -> (SegregatedFitHeap, Int) {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let block = try heap.allocateOffset(byteCount: requestSize, alignment: 64)
        _ = try heap.allocateOffset(byteCount: 100)  // keeps `block` from merging with the rest
        try heap.deallocate(offset: block)
        #expect(heap.frontCachedChunks == 1)
        return (heap, block)
    }

    @Test(arguments: [false, true])
    func aRequestUpTo24BytesSmallerTakesTheCachedChunkWhole(pointerAPI: Bool) throws {
        let (heap, block) = try heapWithCachedChunk(requestSize: 120)  // a 128-byte chunk
        let before = heap.totals
        // 96 bytes -> a 104-byte chunk: the cached 128-byte chunk is 24 bytes more.
        let taken = pointerAPI
            ? heap.offset(of: try heap.allocate(byteCount: 96, alignment: 64))
            : try heap.allocateOffset(byteCount: 96, alignment: 64)
        #expect(taken == block)
        #expect(heap.frontCachedChunks == 0)
        #expect(heap.totals.liveBytes == before.liveBytes + 128)
        #expect(heap.chunks().first { $0.offset == block - 8 }?.size == 128)
        try heap.checkInvariants()
        try heap.deallocate(offset: taken)
        try heap.checkInvariants()
    }

    @Test(arguments: [false, true])
    func aRequest32BytesSmallerLeavesTheCachedChunk(pointerAPI: Bool) throws {
        let (heap, block) = try heapWithCachedChunk(requestSize: 120)
        // 88 bytes -> a 96-byte chunk: 32 bytes less could stand alone, so the bins serve it.
        let taken = pointerAPI
            ? heap.offset(of: try heap.allocate(byteCount: 88, alignment: 64))
            : try heap.allocateOffset(byteCount: 88, alignment: 64)
        #expect(taken != block)
        #expect(heap.frontCachedChunks == 1)
        try heap.checkInvariants()
    }

    @Test(arguments: [false, true])
    func aPlainRequestLeavesALargerCachedChunk(pointerAPI: Bool) throws {
        let (heap, block) = try heapWithCachedChunk(requestSize: 120)
        for alignment in [8, 16] {
            let taken = pointerAPI
                ? heap.offset(of: try heap.allocate(byteCount: 96, alignment: alignment))
                : try heap.allocateOffset(byteCount: 96, alignment: alignment)
            #expect(taken != block)
        }
        #expect(heap.frontCachedChunks == 1)
        try heap.checkInvariants()
    }

    @Test func aLargerCachedChunkMustBeAlignedToo() throws {
        let (heap, block) = try heapWithCachedChunk(requestSize: 120)
        let alignment = (block & -block) << 1  // more than the cached content's alignment
        let taken = try heap.allocateOffset(byteCount: 104, alignment: alignment)
        #expect(taken != block && taken % alignment == 0)
        #expect(heap.frontCachedChunks == 1)
        try heap.checkInvariants()
    }

    @Test func growthByPointerTakesASlightlyLargerCachedChunk() throws {
        let (heap, block) = try heapWithCachedChunk(requestSize: 120)
        let small = try heap.allocate(byteCount: 40, alignment: 64)
        _ = try heap.allocate(byteCount: 200)  // so `small` cannot grow in place
        small.storeBytes(of: 0x1234_5678, as: UInt64.self)
        let grown = try heap.reallocate(small, newByteCount: 100, alignment: 64)  // a 112-byte chunk from the 128 class
        #expect(heap.offset(of: grown) == block)
        #expect(grown.load(as: UInt64.self) == 0x1234_5678)
        try heap.checkInvariants()
    }

    @Test func largeBlocksThroughThePointerPathsKeepTheirChecks() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 18, frontCacheDepth: 4)
        let a = try heap.allocate(byteCount: 3000)
        let b = try heap.allocate(byteCount: 5000)
        let c = try heap.allocate(byteCount: 2000)
        try heap.deallocate(b)  // between two live blocks: a free chunk start
        #expect(throws: HeapError.doubleFree(offset: heap.offset(of: b))) { try heap.deallocate(b) }
        #expect(throws: HeapError.doubleFree(offset: heap.offset(of: b))) { _ = try heap.reallocate(b, newByteCount: 4000) }
        a.storeBytes(of: 0xABCD, as: UInt64.self)
        let grown = try heap.reallocate(a, newByteCount: 9000, alignment: 64)  // moves: b's space is too small
        #expect(grown != a)
        #expect(grown.load(as: UInt64.self) == 0xABCD)
        #expect(throws: HeapError.invalidAlignment(alignment: 8192)) { _ = try heap.reallocate(grown, newByteCount: 100, alignment: 8192) }
        #expect(throws: HeapError.outOfMemory(byteCount: 1 << 40, alignment: 8)) { _ = try heap.reallocate(grown, newByteCount: 1 << 40) }
        #expect(throws: HeapError.notAChunk(offset: heap.offset(of: grown + 8))) { try heap.deallocate(grown + 8) }
        try heap.checkInvariants()
        try heap.deallocate(grown)
        try heap.deallocate(c)
        try heap.checkInvariants()
        #expect(heap.totals.liveChunks == 0)
    }
}
