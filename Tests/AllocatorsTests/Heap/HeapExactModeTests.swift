import Testing
@testable import Allocators

/// The exact mode of ``SegregatedFitHeap``: only the content offsets of live blocks are
/// accepted by free and realloc, even when a block's bytes imitate a chunk header.
@Suite struct HeapExactModeTests {
    /// Writes, inside the live block at content offset `offset`, a header that passes every
    /// O(1) check: a live chunk at `offset + 16` reaching exactly to the block's end. Returns the
    /// fake content offset (`offset + 24`).
    static func plantFakeHeader(_ heap: SegregatedFitHeap, inBlockAt offset: Int) -> Int {
        let size = heap.word(offset - 8) & Layout.sizeMask
        let fakeChunk = offset + 16
        let fakeSize = offset - 8 + size - fakeChunk
        heap.setWord(fakeChunk, fakeSize | Layout.prevInUse)
        return fakeChunk + 8
    }

    /// What exact mode is for: without it, a fake header inside a live block is freed and the
    /// heap is corrupt (its checker notices); the next allocation then overlaps the live block.
    @Test func withoutExactModeAFakeHeaderInsideALiveBlockIsAccepted() throws {
        let heap = SegregatedFitHeap(capacity: 4096)
        let a = try heap.allocateOffset(byteCount: 200)
        let fake = Self.plantFakeHeader(heap, inBlockAt: a)
        try heap.deallocate(offset: fake)
        #expect(throws: HeapInvariantViolation.self) { try heap.checkInvariants() }
        let b = try heap.allocateOffset(byteCount: 64)
        #expect(b > a && b < a + 200, "the new block lies inside the live one")
    }

    @Test(arguments: [0, 16])
    func exactModeRefusesAFakeHeaderInsideALiveBlock(frontCacheDepth: Int) throws {
        let heap = SegregatedFitHeap(capacity: 4096, frontCacheDepth: frontCacheDepth, exactPointerChecks: true)
        let a = try heap.allocateOffset(byteCount: 200)
        let fake = Self.plantFakeHeader(heap, inBlockAt: a)
        #expect(throws: HeapError.notAChunk(offset: fake)) { try heap.deallocate(offset: fake) }
        #expect(throws: HeapError.notAChunk(offset: fake)) { try heap.deallocate(heap.pointer(at: fake)) }
        #expect(throws: HeapError.notAChunk(offset: fake)) { try heap.reallocate(offset: fake, newByteCount: 8) }
        #expect(throws: HeapError.notAChunk(offset: fake)) { try heap.reallocate(heap.pointer(at: fake), newByteCount: 1000) }
        try heap.checkInvariants()
        let b = try heap.allocateOffset(byteCount: 64)
        #expect(b >= a + 200 || b + 64 <= a)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: b)
        try heap.checkInvariants()
    }

    /// A stale pointer whose old chunk is now the inside of a bigger live block, with a
    /// plausible header written where its header was.
    @Test func exactModeRefusesAStalePointerIntoANewerBlock() throws {
        let heap = SegregatedFitHeap(capacity: 4096, exactPointerChecks: true)
        let a = try heap.allocateOffset(byteCount: 24)
        let b = try heap.allocateOffset(byteCount: 24)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: b)
        let c = try heap.allocateOffset(byteCount: 400)
        #expect(c == a)
        heap.setWord(b - 8, 32 | Layout.prevInUse)
        heap.setWord(b - 8 + 32, 32 | Layout.prevInUse)  // and a live-looking next header
        #expect(throws: HeapError.notAChunk(offset: b)) { try heap.deallocate(offset: b) }
        try heap.checkInvariants()
    }

    @Test func exactModeStillNamesDoubleFreesAndCopiesItsBitmap() throws {
        let heap = SegregatedFitHeap(capacity: 4096, exactPointerChecks: true)
        let a = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 100)
        let twin = heap.copy()
        try heap.deallocate(offset: a)
        #expect(throws: HeapError.doubleFree(offset: a)) { try heap.deallocate(offset: a) }
        // The copy has its own bitmap: `a` is still live there.
        try twin.deallocate(offset: a)
        try twin.deallocate(offset: b)
        try twin.checkInvariants()
        try heap.checkInvariants()
        #expect(heap.requestedSize(atOffset: a) == nil)
    }

    /// The checker verifies the bitmap: a bit cleared behind the heap's back is reported.
    @Test func checkInvariantsVerifiesTheBitmap() throws {
        let heap = SegregatedFitHeap(capacity: 4096, exactPointerChecks: true)
        let a = try heap.allocateOffset(byteCount: 100)
        try heap.checkInvariants()
        heap.setLiveStart(a - 8, false)
        #expect(throws: HeapInvariantViolation.self) { try heap.checkInvariants() }
        heap.setLiveStart(a - 8, true)
        heap.setLiveStart(a + 8, true)  // a bit inside a live chunk
        #expect(throws: HeapInvariantViolation.self) { try heap.checkInvariants() }
    }

    /// Random traces in exact mode (tags, alignment, invariants after every step, bitmap
    /// included), with both APIs, front cache on and off, tracked sizes on and off.
    @Test(arguments: [(0, false, false), (16, false, true), (16, true, false), (0, true, true)])
    func randomTracesInExactMode(frontCacheDepth: Int, tracks: Bool, pointers: Bool) throws {
        for seed: UInt64 in 1...4 {
            let heap = SegregatedFitHeap(capacity: 1 << 16, tracksRequestedSizes: tracks, frontCacheDepth: frontCacheDepth,
                                         exactPointerChecks: true)
            try HeapTraceTests().runTrace(heap, steps: 1500, seed: seed, maxSize: 3000, pointers: pointers)
        }
    }

    /// Exact mode and the default mode make the same decisions on valid traces: same offsets.
    @Test func exactModeAllocatesExactlyLikeTheDefaultMode() throws {
        let plain = SegregatedFitHeap(capacity: 1 << 15, frontCacheDepth: 8)
        let exact = SegregatedFitHeap(capacity: 1 << 15, frontCacheDepth: 8, exactPointerChecks: true)
        var rng = SplitMix64(seed: 99)
        var live: [Int] = []
        for step in 0..<3000 {
            let roll = rng.int(in: 0...9)
            if roll < 5 || live.isEmpty {
                let size = rng.int(in: 0...1500), alignment = 1 << rng.int(in: 0...9)
                let p = try? plain.allocateOffset(byteCount: size, alignment: alignment)
                let e = try? exact.allocateOffset(byteCount: size, alignment: alignment)
                #expect(p == e, "step \(step)")
                if let p { live.append(p) }
            } else if roll < 8 {
                let offset = live.swapAt(rng.int(in: 0...(live.count - 1)))
                try plain.deallocate(offset: offset)
                try exact.deallocate(offset: offset)
            } else {
                let index = rng.int(in: 0...(live.count - 1))
                let size = rng.int(in: 0...3000)
                let p = try? plain.reallocate(offset: live[index], newByteCount: size)
                let e = try? exact.reallocate(offset: live[index], newByteCount: size)
                #expect(p == e, "step \(step)")
                if let p { live[index] = p }
            }
            try exact.checkInvariants()
        }
        #expect(plain.chunks() == exact.chunks())
    }
}
