import Testing
@testable import Allocators

/// `SegregatedFitHeap.copy()` copies live blocks and free chunks' boundary words only: the
/// copy must still be the same heap, carry on exactly as the original does, and keep every
/// live block's bytes.
@Suite struct HeapCopyTests {
    /// The byte a live block holds at `index` of its content, from its offset.
    static func pattern(_ offset: Int, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: offset &* 31 &+ index &* 7) }

    /// One seeded operation on `heap` over `live` (offset, size), filling new blocks.
    static func step(_ heap: SegregatedFitHeap, _ live: inout [(offset: Int, size: Int)], _ rng: inout SplitMix64) -> String {
        let choice = rng.int(in: 0...9)
        if choice < 5 || live.isEmpty {
            let size = rng.int(in: 1...(rng.int(in: 0...9) == 0 ? 20000 : 700))
            guard let offset = try? heap.allocateOffset(byteCount: size, alignment: 8 << rng.int(in: 0...3)) else { return "full" }
            for i in 0..<size { heap.pointer(at: offset).storeBytes(of: pattern(offset, i), toByteOffset: i, as: UInt8.self) }
            live.append((offset, size))
            return "a \(offset)"
        }
        let index = rng.int(in: 0...live.count - 1)
        if choice < 8 {
            let block = live.remove(at: index)
            try? heap.deallocate(offset: block.offset)
            return "f \(block.offset)"
        }
        let size = rng.int(in: 1...900)
        guard let offset = try? heap.reallocate(offset: live[index].offset, newByteCount: size) else { return "r failed" }
        for i in 0..<size { heap.pointer(at: offset).storeBytes(of: pattern(offset, i), toByteOffset: i, as: UInt8.self) }
        live[index] = (offset, size)
        return "r \(offset)"
    }

    @Test(arguments: [(UInt64(1), 0, false), (UInt64(2), 16, false), (UInt64(3), 0, true), (UInt64(4), 16, true)])
    func aCopyIsTheSameHeapAndCarriesOnAsTheOriginal(seed: UInt64, depth: Int, exact: Bool) throws {
        let heap = SegregatedFitHeap(capacity: 1 << 18, tracksRequestedSizes: !exact || seed % 2 == 1, frontCacheDepth: depth,
                                     exactPointerChecks: exact)
        var rng = SplitMix64(seed: seed)
        var live: [(offset: Int, size: Int)] = []
        for round in 0..<8 {
            for _ in 0..<250 { _ = Self.step(heap, &live, &rng) }
            let copy = heap.copy()
            try copy.checkInvariants()
            #expect(copy.chunks() == heap.chunks())
            #expect(copy.metrics() == heap.metrics())
            #expect(copy.binSummaries() == heap.binSummaries())
            for block in live {
                for i in 0..<block.size where copy.pointer(at: block.offset).load(fromByteOffset: i, as: UInt8.self) != Self.pattern(block.offset, i) {
                    Issue.record("round \(round): byte \(i) of the block at \(block.offset) differs in the copy")
                    break
                }
            }
            // The same operations on both: the same answers.
            var copyLive = live, copyRng = rng
            var original: [String] = [], copied: [String] = []
            for _ in 0..<100 {
                original.append(Self.step(heap, &live, &rng))
                copied.append(Self.step(copy, &copyLive, &copyRng))
            }
            #expect(original == copied, "round \(round)")
            try copy.checkInvariants()
            try heap.checkInvariants()
        }
    }

    @Test func aMostlyFreeHeapCopiesAboutItsLiveBytes() throws {
        let heap = SegregatedFitHeap(capacity: 64 << 20, tracksRequestedSizes: true, exactPointerChecks: true)
        var offsets: [Int] = []
        for _ in 0..<1000 { offsets.append(try heap.allocateOffset(byteCount: 1000)) }
        for index in stride(from: 0, to: offsets.count, by: 2) { try heap.deallocate(offset: offsets[index]) }
        let region = UnsafeMutableRawPointer.allocate(byteCount: heap.capacity, alignment: HeapLimits.maximumAlignment)
        defer { region.deallocate() }
        let copied = heap.copyState(into: region)
        // 500 live chunks of 1008 bytes, 501 free chunks' 32 boundary bytes, prologue, sentinel.
        #expect(copied == 500 * 1008 + 501 * 32 + 16)
        #expect(heap.estimatedCopyBytes == copied)
    }
}
