import Testing
import Allocators

/// Misuse the heaps must contain: corrupt front-cache links, over-large alignments, and the
/// errors' own descriptions.
@Suite struct HeapHardeningTests {
    /// Runs `body` with a heap over a caller region whose start is 4096 mod 8192.
    static func withRegionAt4096Mod8192(frontCacheDepth: Int, _ body: (SegregatedFitHeap) throws -> Void) rethrows {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8192)
        defer { raw.deallocate() }
        let region = UnsafeMutableRawBufferPointer(start: raw + 4096, count: (1 << 16) - 4096)
        let heap = SegregatedFitHeap(region: region, frontCacheDepth: frontCacheDepth, frontCacheBudget: 1 << 20)
        #expect(Int(bitPattern: heap.regionBase) % 8192 == 4096)
        try body(heap)
    }

    @Test func alignmentsAbove4096AreRefusedOnTheFrontCachePath() throws {
        try Self.withRegionAt4096Mod8192(frontCacheDepth: 16) { heap in
            // A 24-byte block whose content offset is 8192: cached after its free.
            _ = try heap.allocate(byteCount: 8168)
            let block = try heap.allocate(byteCount: 24)
            #expect(heap.offset(of: block) == 8192)
            _ = try heap.allocate(byteCount: 24)
            try heap.deallocate(block)
            #expect(heap.frontCachedChunks == 1)
            #expect(throws: HeapError.invalidAlignment(alignment: 8192)) { try heap.allocate(byteCount: 24, alignment: 8192) }
            #expect(throws: HeapError.invalidAlignment(alignment: 1 << 20)) { try heap.allocate(byteCount: 24, alignment: 1 << 20) }
            #expect(heap.frontCachedChunks == 1)
            // Alignments the heap accepts hold for the address.
            let aligned = try heap.allocate(byteCount: 24, alignment: 4096)
            #expect(Int(bitPattern: aligned) % 4096 == 0)
            try heap.checkInvariants()
        }
    }

    /// Frees `a` then `b` of the same size (the cache list is b -> a) and overwrites b's link.
    static func cacheWithCorruptLink(_ link: Int) throws -> (SegregatedFitHeap, UnsafeMutableRawPointer) {
        try cacheWithCorruptLink { _, _ in link }
    }

    /// ``cacheWithCorruptLink(_:)`` with the link computed from the heap and b.
    static func cacheWithCorruptLink(
        _ link: (SegregatedFitHeap, UnsafeMutableRawPointer) -> Int
    ) throws -> (SegregatedFitHeap, UnsafeMutableRawPointer) {
        let heap = SegregatedFitHeap(capacity: 1 << 14, frontCacheDepth: 4, frontCacheBudget: 1 << 20)
        let a = try heap.allocate(byteCount: 24)
        let b = try heap.allocate(byteCount: 24)
        _ = try heap.allocate(byteCount: 24)
        try heap.deallocate(a)
        try heap.deallocate(b)
        b.storeBytes(of: link(heap, b), as: Int.self)  // a write after free
        return (heap, b)
    }

    @Test(arguments: [Int.max / 2, -(1 << 40), 1 << 13 + 4, 40 + 8])
    func aCorruptFrontCacheLinkIsNeverFollowed(link: Int) throws {
        let (heap, b) = try Self.cacheWithCorruptLink(link)
        let end = Int(bitPattern: heap.regionBase) + heap.capacity
        let first = try heap.allocate(byteCount: 24)
        #expect(first == b)
        // The rest of the list was dropped: later requests come from the bins, inside the region.
        for _ in 0..<4 {
            let p = try heap.allocate(byteCount: 24)
            #expect(Int(bitPattern: p) >= Int(bitPattern: heap.regionBase) + 16 && Int(bitPattern: p) < end)
            #expect(p != b)
        }
        #expect(heap.frontCachedChunks == 0)
        // The dropped chunk (a) is leaked, and the invariant check says so.
        #expect(throws: HeapInvariantViolation.self) { try heap.checkInvariants() }
    }

    /// A link overwritten with the chunk's own offset names a chunk that still looks cached
    /// while it is being taken: once handed out, it must not be handed out again.
    @Test func aCachedChunkLinkedToItselfIsHandedOutOnce() throws {
        let (heap, b) = try Self.cacheWithCorruptLink { heap, b in heap.offset(of: b) - 8 }  // b's link names b
        let first = try heap.allocate(byteCount: 24)
        let second = try heap.allocate(byteCount: 24)
        #expect(first == b)
        #expect(second != b)
    }

    @Test func aCorruptLinkStopsTheFlushAndTheOffsetAPI() throws {
        let (heap, _) = try Self.cacheWithCorruptLink(-(1 << 40))
        heap.flushFrontCache()
        #expect(heap.frontCachedChunks == 0)
        let (other, b) = try Self.cacheWithCorruptLink(Int.max / 2)
        var log = CollectEvents<HeapEvent>()
        #expect(try other.allocateOffset(byteCount: 24, alignment: 8, observer: &log) == other.offset(of: b))
        _ = try other.allocateOffset(byteCount: 24, alignment: 8, observer: &log)
        #expect(other.frontCachedChunks == 0)
    }

    /// A live block of `byteCount` bytes after a free chunk of 2016 bytes (too large for the
    /// front cache, so it sits in the bins) whose footer a write after free made claim 48
    /// bytes, a chunk inside it. Returns the heap, the block and its chunk offset.
    static func blockAfterACorruptFooter(byteCount: Int, frontCacheDepth: Int) throws
        -> (SegregatedFitHeap, UnsafeMutableRawPointer, Int) {
        let heap = SegregatedFitHeap(capacity: 1 << 14, frontCacheDepth: frontCacheDepth, frontCacheBudget: 1 << 20)
        let previous = try heap.allocate(byteCount: 2000)
        let block = try heap.allocate(byteCount: byteCount)
        _ = try heap.allocate(byteCount: 24)
        previous.initializeMemory(as: UInt8.self, repeating: 0, count: 2000)
        try heap.deallocate(previous)
        let chunk = heap.offset(of: block) - 8
        heap.regionBase.storeBytes(of: 48, toByteOffset: chunk - 8, as: Int.self)
        return (heap, block, chunk)
    }

    /// The size bits of the header at `chunk`.
    static func chunkSize(at chunk: Int, in heap: SegregatedFitHeap) -> Int {
        heap.regionBase.load(fromByteOffset: chunk, as: Int.self) & 0x3FFF_FFFF_FFF8
    }

    /// A chunk enters the front cache without a look at the footer before it (parking it
    /// reads nothing through that footer), so the flush, which coalesces through it, checks it.
    @Test func aFlushNeverCoalescesThroughACorruptFooter() throws {
        let (heap, cached, chunk) = try Self.blockAfterACorruptFooter(byteCount: 24, frontCacheDepth: 4)
        try heap.deallocate(cached)
        #expect(heap.frontCachedChunks == 1)
        heap.flushFrontCache()
        // The cached chunk was not merged into a chunk 48 bytes before it: it keeps its header
        // (dropped from the cache, in use), and the invariant check reports both problems.
        #expect(Self.chunkSize(at: chunk, in: heap) == 32)
        #expect(heap.frontCachedChunks == 0)
        #expect(throws: HeapInvariantViolation.self) { try heap.checkInvariants() }
    }

    /// The inlined pointer paths check the footer before a block before anything that may
    /// coalesce through it: a corrupt one sends them to the full path, which reports it.
    @Test(arguments: [0, 4])
    func aCorruptFooterBeforeABlockIsReportedByTheInlinedPaths(frontCacheDepth: Int) throws {
        let (heap, block, chunk) = try Self.blockAfterACorruptFooter(byteCount: 1500, frontCacheDepth: frontCacheDepth)
        block.storeBytes(of: 0xFEED, as: UInt64.self)
        let offset = heap.offset(of: block)
        #expect(throws: HeapError.notAChunk(offset: offset)) { _ = try heap.reallocate(block, newByteCount: 3000) }
        #expect(throws: HeapError.notAChunk(offset: offset)) { _ = try heap.reallocate(block, newByteCount: 100) }
        #expect(throws: HeapError.notAChunk(offset: offset)) { try heap.deallocate(block) }
        #expect(block.load(as: UInt64.self) == 0xFEED)
        #expect(Self.chunkSize(at: chunk, in: heap) == 1512)
    }

    @Test func errorsDescribeThemselves() {
        #expect(HeapError.outOfMemory(byteCount: 3000, alignment: 64).description
                == "out of memory: no free chunk holds 3000 B aligned to 64")
        #expect(HeapError.outOfMemory(byteCount: 3000, alignment: 8).description == "out of memory: no free chunk holds 3000 B")
        #expect(HeapError.doubleFree(offset: 0x48).description == "double free: the chunk at 0x40 is already free")
        #expect(HeapError.notAChunk(offset: 0x48).description == "no live chunk at 0x48")
        #expect(HeapError.outsideRegion(offset: Int.min).description == "offset -0x8000000000000000 is outside the heap")
        // The message states the rule (a power of two, and the range), not only the upper
        // limit, which read like a size limit for 3, 0 or -8.
        for alignment in [8192, 3, 0, -8] {
            #expect(HeapError.invalidAlignment(alignment: alignment).description
                    == "alignment \(alignment) is not supported: it must be a power of two from 1 to 4096")
        }
        #expect(HeapError.invalidSize(byteCount: -1).description == "invalid size -1")
    }

    @Test func chunkAndContentOffsetsConvertOneWay() throws {
        #expect(HeapLimits.chunkOffset(ofContent: 0x48) == 0x40)
        #expect(HeapLimits.contentOffset(ofChunk: 0x40) == 0x48)
        let heap = SegregatedFitHeap(capacity: 1 << 12)
        let a = try heap.allocateOffset(byteCount: 10)
        #expect(heap.chunks().first { !$0.isFree }?.offset == HeapLimits.chunkOffset(ofContent: a))
    }

    @Test func implementationsByName() throws {
        #expect(HeapImplementation.allCases.map(\.name) == ["segregated", "first-fit", "first-fit-lifo", "first-fit-no-coalesce", "next-fit", "best-fit", "worst-fit"])
        #expect(HeapImplementation(name: "first-fit") == .firstFit)
        #expect(HeapImplementation(name: "nope") == nil)
        #expect(HeapImplementation.segregatedFit.make(capacity: 1 << 12) is SegregatedFitHeap)
        let heap = HeapImplementation.firstFit.make(capacity: 1 << 12, tracksRequestedSizes: true)
        #expect(heap is FirstFitHeap && heap.tracksRequestedSizes)
    }

    @Test func firstFitMoveReturnsTheOldChunkBetweenItsHoles() throws {
        let heap = FirstFitHeap(capacity: 1 << 14)
        let a = try heap.allocateOffset(byteCount: 100)
        let b = try heap.allocateOffset(byteCount: 100)
        let c = try heap.allocateOffset(byteCount: 100)
        _ = try heap.allocateOffset(byteCount: 100)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: c)
        heap.pointer(at: b).storeBytes(of: 99 as UInt64, as: UInt64.self)
        let moved = try heap.reallocate(offset: b, newByteCount: 2000)
        #expect(moved != b && heap.pointer(at: moved).load(as: UInt64.self) == 99)
        // a, b and c merged into one hole.
        #expect(heap.chunks().first?.isFree == true && heap.chunks().first?.size == 3 * 112)
        try heap.checkInvariants()
    }
}
