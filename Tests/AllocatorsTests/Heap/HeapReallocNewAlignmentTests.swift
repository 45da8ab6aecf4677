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
        var rng = SplitMix64(seed: seed)
        var live: [TracedBlock] = []
        var tag: UInt8 = 0
        var moves = 0
        for step in 0 ..< 4000 {
            let action = rng.int(in: 0...2)
            if action == 0 || live.isEmpty {
                let alignment = 1 << rng.int(in: 0...12)
                let size = rng.int(in: 0...6000)
                if let p = try? heap.allocate(byteCount: size, alignment: alignment) {
                    tag &+= 1
                    let block = TracedBlock(offset: heap.offset(of: p), size: size, alignment: alignment, tag: tag)
                    stamp(heap, block)
                    live.append(block)
                }
            } else if action == 1 {
                let block = live.swapAt(rng.int(in: 0...(live.count - 1)))
                try heap.deallocate(heap.pointer(at: block.offset))
            } else {
                let i = rng.int(in: 0...(live.count - 1))
                var block = live[i]
                let alignment = 1 << rng.int(in: 0...12)
                let newSize = rng.int(in: 0...6000)
                if let p = try? heap.reallocate(heap.pointer(at: block.offset), newByteCount: newSize, alignment: alignment) {
                    #expect(Int(bitPattern: p) % alignment == 0)
                    if heap.offset(of: p) != block.offset { moves += 1 }
                    block.offset = heap.offset(of: p)
                    #expect(stampIsIntact(heap, block, size: min(8, newSize, block.size)), "step \(step): the kept content changed")
                    block.size = newSize
                    block.alignment = alignment
                    stamp(heap, block)
                    live[i] = block
                }
            }
            try heap.checkInvariants()
            let broken = live.filter { !stampIsIntact(heap, $0) }
            #expect(broken.isEmpty, "step \(step): \(broken.count) blocks overwritten")
            if !broken.isEmpty { return }
        }
        #expect(moves > 100)
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
        var rng = SplitMix64(seed: 7)
        var live: [TracedBlock] = []
        var tag: UInt8 = 0
        var refusals = 0
        for step in 0 ..< 2500 {
            let action = rng.int(in: 0...2)
            if action == 0 || live.isEmpty {
                let alignment = 1 << rng.int(in: 0...12)
                let size = rng.int(in: 0...4000)
                if let p = try? heap.allocate(byteCount: size, alignment: alignment) {
                    #expect(Int(bitPattern: p) % alignment == 0)
                    tag &+= 1
                    let block = TracedBlock(offset: heap.offset(of: p), size: size, alignment: alignment, tag: tag)
                    stamp(heap, block)
                    live.append(block)
                } else { refusals += 1 }
            } else if action == 1 {
                let block = live.swapAt(rng.int(in: 0...(live.count - 1)))
                try heap.deallocate(heap.pointer(at: block.offset))
            } else {
                let i = rng.int(in: 0...(live.count - 1))
                var block = live[i]
                let alignment = rng.int(in: 0...1) == 0 ? block.alignment : 1 << rng.int(in: 0...12)
                let newSize = rng.int(in: 0...4000)
                if let p = try? heap.reallocate(heap.pointer(at: block.offset), newByteCount: newSize, alignment: alignment) {
                    #expect(Int(bitPattern: p) % alignment == 0)
                    block.offset = heap.offset(of: p)
                    #expect(stampIsIntact(heap, block, size: min(8, newSize, block.size)), "\(heapName) step \(step): the kept content changed")
                    block.size = newSize
                    block.alignment = alignment
                    stamp(heap, block)
                    live[i] = block
                } else { refusals += 1 }
            }
            try heap.checkInvariants()
            let broken = live.filter { !stampIsIntact(heap, $0) }
            #expect(broken.isEmpty, "\(heapName) step \(step): \(broken.count) blocks overwritten")
            if !broken.isEmpty { return }
        }
        #expect(refusals > 10, "\(heapName): the heap never filled, so the near-full paths did not run")
        for block in live { try heap.deallocate(heap.pointer(at: block.offset)) }
        try heap.checkInvariants()
    }
}
