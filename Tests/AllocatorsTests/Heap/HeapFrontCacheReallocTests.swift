import Testing
@testable import Allocators

/// Reallocation with a front cache: shed tails wait in the cache, a cached next chunk at the
/// head of its list is absorbed for growth, and both pointer and offset paths agree.
@Suite struct HeapFrontCacheReallocTests {
    @Test(arguments: [false, true])
    func shrinkingSendsAnAlignedTailToTheCache(pointerAPI: Bool) throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let a = try heap.allocateOffset(byteCount: 400)
        let guardBlock = try heap.allocateOffset(byteCount: 100)  // keeps the next chunk of `a` live
        let before = heap.totals
        let shrunk = pointerAPI
            ? heap.offset(of: try heap.reallocate(heap.pointer(at: a), newByteCount: 100))
            : try heap.reallocate(offset: a, newByteCount: 100)
        #expect(shrunk == a)
        try heap.checkInvariants()
        // 408-byte chunk -> 112 bytes kept, a 296-byte tail parked (it is 8-aligned like `a`).
        #expect(heap.frontCachedChunks == 1)
        #expect(heap.totals.liveBytes == before.liveBytes - 296)
        let tail = heap.chunks().first { $0.offset == a - 8 + 112 }
        #expect(tail?.isCached == true && tail?.size == 296)
        // The parked tail serves the next request of its exact size.
        let reused = try heap.allocateOffset(byteCount: 288)
        #expect(reused == a + 112)
        #expect(heap.frontCachedChunks == 0)
        try heap.deallocate(offset: guardBlock)
        try heap.checkInvariants()
    }

    @Test func aTailIsNotCachedWhenLessAlignedThanItsBlock() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let a = try heap.allocateOffset(byteCount: 400, alignment: 256)
        _ = try heap.allocateOffset(byteCount: 100)
        _ = try heap.reallocate(offset: a, newByteCount: 100, alignment: 256)
        try heap.checkInvariants()
        #expect(heap.frontCachedChunks == 0)  // the tail's content is only 8-aligned
    }

    @Test func growthAbsorbsACachedNextChunkAtTheHeadOfItsList() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let a = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 100)
        _ = try heap.allocateOffset(byteCount: 100)
        try heap.deallocate(offset: b)  // parked: the head of its cache list
        #expect(heap.frontCachedChunks == 1)
        let grown = try heap.reallocate(offset: a, newByteCount: 200)
        #expect(grown == a)
        #expect(heap.frontCachedChunks == 0)
        try heap.checkInvariants()
    }

    @Test func growthMovesRatherThanWalkingACacheList() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let a = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 100)
        let c = try heap.allocateOffset(byteCount: 100)
        _ = try heap.allocateOffset(byteCount: 100)
        try heap.deallocate(offset: b)
        try heap.deallocate(offset: c)  // now the head; `b` is one deeper
        let moved = try heap.reallocate(offset: a, newByteCount: 200)
        #expect(moved != a)
        try heap.checkInvariants()
    }
}
