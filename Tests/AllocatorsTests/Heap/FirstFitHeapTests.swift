import Testing
@testable import Allocators

/// The first-fit baseline: policy, coalescing, realloc paths and misuse.
@Suite struct FirstFitHeapTests {
    @Test func takesTheLowestHoleThatFits() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        let a = try heap.allocateOffset(byteCount: 200)
        let b = try heap.allocateOffset(byteCount: 40)
        let c = try heap.allocateOffset(byteCount: 400)
        _ = try heap.allocateOffset(byteCount: 40)
        #expect(a == 8 && b == a + 208 && c == b + 48)
        try heap.deallocate(offset: c)
        try heap.deallocate(offset: a)
        // Both holes fit 100 bytes: first fit takes the lower one, even though it fits worse.
        var events = CollectEvents<HeapEvent>()
        #expect(try heap.allocateOffset(byteCount: 100, alignment: 8, observer: &events) == a)
        #expect(events.events.first == .takenFromBin(chunk: 0, size: 208, bin: .holeList))
        #expect(events.events.contains(.split(chunk: 0, keptSize: 112, remainder: 112, remainderSize: 96, remainderBin: .holeList)))
        // 300 bytes only fit the second hole.
        #expect(try heap.allocateOffset(byteCount: 300) == c)
        try heap.checkInvariants()
    }

    @Test func freeMergesWithBothNeighbours() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        let blocks = try (0..<5).map { _ in try heap.allocateOffset(byteCount: 56) }
        try heap.deallocate(offset: blocks[1])
        try heap.deallocate(offset: blocks[3])
        var events = CollectEvents<HeapEvent>()
        try heap.deallocate(offset: blocks[2], observer: &events)
        #expect(events.events.contains(.coalescedWithNext(chunk: blocks[2] - 8, size: 128)))
        #expect(events.events.contains(.coalescedWithPrevious(chunk: blocks[1] - 8, size: 192)))
        #expect(heap.binSummaries()[0].count == 2)
        try heap.checkInvariants()
    }

    @Test func alignedBlocksLeavePaddingAsHoles() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        _ = try heap.allocateOffset(byteCount: 8)
        let aligned = try heap.allocateOffset(byteCount: 100, alignment: 1024)
        #expect(aligned % 1024 == 0)
        let holes = heap.chunks().filter(\.isFree)
        #expect(holes.first?.offset == 16 && holes.first?.endOffset == aligned - 8)
        try heap.checkInvariants()
    }

    @Test func reallocateShrinksGrowsAndMoves() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        let a = try heap.allocateOffset(byteCount: 400)
        var events = CollectEvents<HeapEvent>()
        #expect(try heap.reallocate(offset: a, newByteCount: 100, alignment: 8, observer: &events) == a)
        #expect(events.events.contains(.shrunkInPlace(chunk: 0, from: 408, to: 112)))
        events.events.removeAll()
        #expect(try heap.reallocate(offset: a, newByteCount: 1000, alignment: 8, observer: &events) == a)
        #expect(events.events.contains(.grownInPlace(chunk: 0, from: 112, to: 1008)))
        _ = try heap.allocateOffset(byteCount: 8)
        heap.pointer(at: a).storeBytes(of: 77 as UInt64, as: UInt64.self)
        let moved = try heap.reallocate(offset: a, newByteCount: 2000)
        #expect(moved != a && heap.pointer(at: moved).load(as: UInt64.self) == 77)
        let before = heap.chunks()
        #expect(throws: HeapError.outOfMemory(byteCount: 1 << 14, alignment: 8)) { try heap.reallocate(offset: moved, newByteCount: 1 << 14) }
        #expect(heap.chunks() == before)
        try heap.checkInvariants()
    }

    @Test func misuseIsReportedAndChangesNothing() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        let a = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 100)
        _ = try heap.allocateOffset(byteCount: 100)
        try heap.deallocate(offset: b)
        let before = heap.chunks()
        let cases: [(Int, (Int) -> HeapError)] = [
            (0, HeapError.outsideRegion), (heap.capacity, HeapError.outsideRegion), (-8, HeapError.outsideRegion),
            (a + 3, HeapError.notAChunk), (a + 16, HeapError.notAChunk), (b, HeapError.doubleFree), (b + 32, HeapError.notAChunk),
        ]
        for (offset, error) in cases {
            #expect(throws: error(offset)) { try heap.deallocate(offset: offset) }
            #expect(heap.chunks() == before)
        }
        try heap.checkInvariants()
    }

    @Test func exhaustionThenRandomFreesReturnToOneHole() throws {
        let heap = FirstFitHeap(capacity: 1 << 15)
        var rng = SplitMix64(seed: 3)
        var live: [Int] = []
        while let offset = try? heap.allocateOffset(byteCount: rng.int(in: 1...500), alignment: 1 << rng.int(in: 0...6)) {
            live.append(offset)
        }
        #expect(live.count > 50)
        live.shuffle(using: &rng)
        for offset in live {
            try heap.deallocate(offset: offset)
            try heap.checkInvariants()
        }
        #expect(heap.chunks().count == 1 && heap.totals.liveChunks == 0)
        let copy = heap.copy()
        _ = try heap.allocateOffset(byteCount: 100)
        #expect(copy.chunks().count == 1)
    }
}
