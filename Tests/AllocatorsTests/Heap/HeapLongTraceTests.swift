import Testing
@testable import Allocators

/// Long seeded traces through the pointer API (so the inlined front-cache paths run) on a heap
/// small enough that allocations fail often; invariants every 500 steps, tags on every block.
@Suite struct HeapLongTraceTests {
@Test(arguments: [1, 2, 3] as [UInt64]) func longPointerTraceUnderPressure(seed: UInt64) throws {
    let heap = SegregatedFitHeap(capacity: 300 << 10, frontCacheDepth: 16, frontCacheBudget: 1 << 16)
    var rng = SplitMix64(seed: seed)
    var live: [TracedBlock] = []
    var tag: UInt8 = 0
    var fails = 0
    for step in 0..<300_000 {
        let a = rng.int(in: 0...2)
        if a == 0 || live.isEmpty {
            let al = 1 << rng.int(in: 0...12)
            let size = rng.int(in: 0...(rng.int(in: 0...3) == 0 ? 20000 : 600))
            if let p = try? heap.allocate(byteCount: size, alignment: al) {
                #expect(Int(bitPattern: p) % al == 0)
                tag &+= 1
                let b = TracedBlock(offset: heap.offset(of: p), size: size, alignment: al, tag: tag)
                stamp(heap, b); live.append(b)
            } else { fails += 1 }
        } else if a == 1 {
            let i = rng.int(in: 0...(live.count - 1))
            let b = live.swapAt(i)
            #expect(stampIsIntact(heap, b))
            try heap.deallocate(heap.pointer(at: b.offset))
        } else {
            let i = rng.int(in: 0...(live.count - 1))
            var b = live[i]
            #expect(stampIsIntact(heap, b))
            let newSize = rng.int(in: 0...(rng.int(in: 0...3) == 0 ? 20000 : 1200))
            if let p = try? heap.reallocate(heap.pointer(at: b.offset), newByteCount: newSize, alignment: b.alignment) {
                b.offset = heap.offset(of: p)
                #expect(stampIsIntact(heap, b, size: min(8, newSize, b.size)))
                b.size = newSize; stamp(heap, b); live[i] = b
            } else { fails += 1 }
        }
        if step % 500 == 0 { try heap.checkInvariants() }
    }
    try heap.checkInvariants()
    #expect(fails > 500)
    for b in live { try heap.deallocate(heap.pointer(at: b.offset)) }
    heap.flushFrontCache()
    try heap.checkInvariants()
    #expect(heap.chunks().count == 1)
}
}
