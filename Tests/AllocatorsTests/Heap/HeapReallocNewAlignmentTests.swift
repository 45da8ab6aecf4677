import Testing
@testable import Allocators

/// Reallocations that ask for an alignment the block does not have (so it must move) on a
/// nearly full heap, where the last resort slides the block into its free neighbours: no other
/// block is ever touched, and the content the new size keeps is kept.
@Suite struct HeapReallocNewAlignmentTests {
    /// The modes a heap runs in: plain, tracked requests, exact pointer checks, front cache.
    static let modes = ["plain", "tracked", "exact", "cached"]

    static func heap(_ mode: String) -> SegregatedFitHeap {
        SegregatedFitHeap(capacity: 16 << 10, tracksRequestedSizes: mode == "tracked", frontCacheDepth: mode == "cached" ? 16 : 0,
                          exactPointerChecks: mode == "exact")
    }

    // Failed before: the slide copied the old size (3000 bytes) into a 1008-byte chunk whose
    // alignment padding was larger than the free space around the block, overwriting 888 bytes
    // of the next live block, whose header then read as size 46912496118440.
    @Test(arguments: modes)
    func aShrinkToANewAlignmentNeverWritesPastItsChunk(mode: String) throws {
        let heap = Self.heap(mode)
        let p = try heap.allocate(byteCount: 100)
        let x = try heap.allocate(byteCount: 3000)
        let n = try heap.allocate(byteCount: 2000)
        while (try? heap.allocate(byteCount: 64)) != nil {}
        n.initializeMemory(as: UInt8.self, repeating: 0x55, count: 2000)
        for i in 0 ..< 3000 { x.storeBytes(of: UInt8(truncatingIfNeeded: i), toByteOffset: i, as: UInt8.self) }
        try heap.deallocate(p)
        let y = try heap.reallocate(x, newByteCount: 1000, alignment: 1024)
        #expect(Int(bitPattern: y) % 1024 == 0)
        #expect((0 ..< 1000).allSatisfy { y.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: $0) }, "\(mode)")
        #expect((0 ..< 2000).allSatisfy { n.load(fromByteOffset: $0, as: UInt8.self) == 0x55 }, "\(mode)")
        try heap.checkInvariants()
        try heap.deallocate(n)
        try heap.deallocate(y)
        try heap.checkInvariants()
    }

    // Failed before: invariants broke at step 878 (seed 1), 1098 (seed 2) and 2573 (seed 3).
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func reallocationsToRandomAlignmentsKeepEveryBlockIntact(seed: UInt64) throws {
        let heap = SegregatedFitHeap(capacity: 256 << 10)
        guard let counts = try stressRandomAlignments(heap, seed: seed, steps: 4000, maximumSize: 6000,
                                                      keepsAlignmentHalfTheTime: false, label: "seed \(seed)") else { return }
        #expect(counts.moves > 100)
    }
}

/// The same stress on every heap implementation and mode: allocations and reallocations to
/// random sizes and alignments, checked after every step (invariants, and every live block's
/// tags, so a write past a block shows at once).
@Suite struct EveryHeapReallocNewAlignmentTests {
    static let heaps: [String] = HeapImplementation.allCases.flatMap { implementation in
        ["plain", "tracked", "exact"].map { "\(implementation.name)/\($0)" }
    } + ["segregated/cached"]

    static func heap(_ name: String) -> any HeapAllocator {
        let parts = name.split(separator: "/").map(String.init)
        if parts[1] == "cached" { return SegregatedFitHeap(capacity: 48 << 10, frontCacheDepth: 16) }
        let implementation = HeapImplementation.allCases.first { $0.name == parts[0] }!
        return implementation.make(capacity: 48 << 10, tracksRequestedSizes: parts[1] == "tracked", exactPointerChecks: parts[1] == "exact")
    }

    @Test(arguments: heaps)
    func randomSizesAndAlignmentsKeepEveryBlockIntact(heapName: String) throws {
        try stress(Self.heap(heapName), heapName: heapName)
    }

    private func stress(_ heap: some HeapAllocator, heapName: String) throws {
        guard let counts = try stressRandomAlignments(heap, seed: 7, steps: 2500, maximumSize: 4000,
                                                      keepsAlignmentHalfTheTime: true, label: heapName) else { return }
        #expect(counts.refusals > 10, "\(heapName): the heap never filled, so the near-full paths did not run")
        for block in counts.live { try heap.deallocate(heap.pointer(at: block.offset)) }
        try heap.checkInvariants()
    }
}

/// What a run of ``stressRandomAlignments(_:seed:steps:maximumSize:keepsAlignmentHalfTheTime:label:)`` did.
struct AlignmentStressCounts {
    var moves = 0
    var refusals = 0
    var live: [TracedBlock] = []
}

/// Seeded allocations, frees and reallocations of random sizes (up to `maximumSize`) and
/// alignments (1 to 4096; a reallocation keeps the block's alignment half the time when
/// `keepsAlignmentHalfTheTime`), with invariants and every live block's tags checked after every
/// step. Returns nil, with the issue recorded, as soon as a block is overwritten.
func stressRandomAlignments(_ heap: some HeapAllocator, seed: UInt64, steps: Int, maximumSize: Int,
                            keepsAlignmentHalfTheTime: Bool, label: String) throws -> AlignmentStressCounts? {
    var rng = SplitMix64(seed: seed)
    var counts = AlignmentStressCounts()
    var tag: UInt8 = 0
    for step in 0 ..< steps {
        let action = rng.int(in: 0...2)
        if action == 0 || counts.live.isEmpty {
            let alignment = 1 << rng.int(in: 0...12)
            let size = rng.int(in: 0...maximumSize)
            if let p = try? heap.allocate(byteCount: size, alignment: alignment) {
                #expect(Int(bitPattern: p) % alignment == 0)
                tag &+= 1
                let block = TracedBlock(offset: heap.offset(of: p), size: size, alignment: alignment, tag: tag)
                stamp(heap, block)
                counts.live.append(block)
            } else { counts.refusals += 1 }
        } else if action == 1 {
            let block = counts.live.swapAt(rng.int(in: 0...(counts.live.count - 1)))
            try heap.deallocate(heap.pointer(at: block.offset))
        } else {
            let i = rng.int(in: 0...(counts.live.count - 1))
            var block = counts.live[i]
            let keeps = keepsAlignmentHalfTheTime && rng.int(in: 0...1) == 0
            let alignment = keeps ? block.alignment : 1 << rng.int(in: 0...12)
            let newSize = rng.int(in: 0...maximumSize)
            if let p = try? heap.reallocate(heap.pointer(at: block.offset), newByteCount: newSize, alignment: alignment) {
                #expect(Int(bitPattern: p) % alignment == 0)
                if heap.offset(of: p) != block.offset { counts.moves += 1 }
                block.offset = heap.offset(of: p)
                #expect(stampIsIntact(heap, block, size: min(8, newSize, block.size)), "\(label) step \(step): the kept content changed")
                block.size = newSize
                block.alignment = alignment
                stamp(heap, block)
                counts.live[i] = block
            } else { counts.refusals += 1 }
        }
        try heap.checkInvariants()
        let broken = counts.live.filter { !stampIsIntact(heap, $0) }
        #expect(broken.isEmpty, "\(label) step \(step): \(broken.count) blocks overwritten")
        if !broken.isEmpty { return nil }
    }
    return counts
}
