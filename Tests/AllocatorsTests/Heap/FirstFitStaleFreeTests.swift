import Testing
@testable import Allocators

/// Stale frees: handles of blocks freed earlier, whose place may now lie inside a hole or a
/// live block, where the heap's own old chunk headers are left behind. Every heap must refuse
/// them and stay whole.
@Suite struct FirstFitStaleFreeTests {
    /// The error `body` throws, or nil.
    func refusal(_ body: () throws(HeapError) -> Void) -> HeapError? {
        do { try body() } catch { return error }
        return nil
    }

    /// A, B and C (48 B each) are freed and merge; BIG (1000 B) is carved over their places,
    /// so B's old header lies inside BIG. Freeing B again is refused, the heap is unchanged, and
    /// the next allocation does not land inside BIG.
    @Test(arguments: HeapImplementation.allCases)
    func aStaleFreeInsideALiveBlockIsRefused(implementation: HeapImplementation) throws {
        let heap = implementation.make(capacity: 64 << 10, exactPointerChecks: true)
        let a = try heap.allocateOffset(byteCount: 48)
        let b = try heap.allocateOffset(byteCount: 48)
        let c = try heap.allocateOffset(byteCount: 48)
        for block in [a, b, c] { try heap.deallocate(offset: block) }
        let big = try heap.allocateOffset(byteCount: 1000)
        if implementation != .firstFitNoCoalescing { #expect(big <= b && b < big + 1000, "B's old place is inside BIG") }
        let before = heap.chunks()
        let error = refusal { () throws(HeapError) in try heap.deallocate(offset: b) }
        let expected: HeapError = implementation == .firstFitNoCoalescing ? .doubleFree(offset: b) : .notAChunk(offset: b)
        #expect(error == expected)
        #expect(refusal { () throws(HeapError) in _ = try heap.reallocate(offset: b, newByteCount: 8) } == expected)
        #expect(heap.chunks() == before)
        try heap.checkInvariants()
        let next = try heap.allocateOffset(byteCount: 40)
        #expect(next + 40 <= big || next >= big + 1000, "\(next) overlaps BIG at \(big)")
        try heap.checkInvariants()
    }

    /// A header-like word inside a live block is not taken for a chunk unless what follows it
    /// could follow a live chunk: here the word 48 bytes on inside BIG says "live, 56 bytes", and
    /// the word 56 bytes further on is zero.
    @Test(arguments: HeapImplementation.allCases.compactMap(\.firstFitPolicy))
    func aLiveLookingWordIsCheckedAgainstWhatFollowsIt(policy: FirstFitHeap.Policy) throws {
        let heap = FirstFitHeap(capacity: 1 << 14, policy: policy)
        let big = try heap.allocateOffset(byteCount: 1000)
        (heap.regionBase + big).initializeMemory(as: UInt8.self, repeating: 0, count: 1000)
        heap.regionBase.storeBytes(of: 56 | 1, toByteOffset: big + 48, as: Int.self)
        let before = heap.chunks()
        #expect(refusal { () throws(HeapError) in try heap.deallocate(offset: big + 56) } == .notAChunk(offset: big + 56))
        #expect(heap.chunks() == before)
        try heap.checkInvariants()
    }

    /// A double free is reported the same way by the segregated fit and every first-fit policy:
    /// `doubleFree` while a free chunk still starts at the block's place; `notAChunk` once the
    /// block has merged into the free chunk before it, whose header is the only one left (a
    /// heap that does not coalesce keeps every freed place a chunk start).
    @Test(arguments: HeapImplementation.allCases, [false, true])
    func doubleFreesAreReportedAlikeOnEveryHeap(implementation: HeapImplementation, exact: Bool) throws {
        let heap = implementation.make(capacity: 64 << 10, tracksRequestedSizes: exact, exactPointerChecks: exact)
        let a = try heap.allocateOffset(byteCount: 16)
        let b = try heap.allocateOffset(byteCount: 16)
        _ = try heap.allocateOffset(byteCount: 16)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: b)
        let before = heap.chunks()
        #expect(refusal { () throws(HeapError) in try heap.deallocate(offset: a) } == .doubleFree(offset: a))
        let merged: HeapError = implementation == .firstFitNoCoalescing ? .doubleFree(offset: b) : .notAChunk(offset: b)
        #expect(refusal { () throws(HeapError) in try heap.deallocate(offset: b) } == merged)
        #expect(heap.chunks() == before)
        try heap.checkInvariants()
    }

    /// A seeded mix of allocations, frees and reallocations on each first-fit policy, with
    /// stale frees of blocks freed earlier among them. After every step the heap either refused
    /// the stale free (changing nothing) or it was a real block's handle; invariants hold and no
    /// two live blocks overlap.
    @Test(arguments: HeapImplementation.allCases.compactMap(\.firstFitPolicy), [41, 42] as [UInt64])
    func staleFreesNeverCorruptTheHeap(policy: FirstFitHeap.Policy, seed: UInt64) throws {
        let heap = FirstFitHeap(capacity: 8192, tracksRequestedSizes: true, policy: policy)
        // A fresh region holds whatever its memory held before (another heap's old headers,
        // in a process that ran other tests), and such bytes can imitate a header as the
        // caller's data can. Zeroed, every header-like word in it is one this heap wrote.
        (heap.regionBase + 16).initializeMemory(as: UInt8.self, repeating: 0, count: heap.capacity - 16)
        var rng = SplitMix64(seed: seed)
        var live: [Int: Int] = [:]  // content offset -> requested size
        var stale: [Int] = []
        var refused = 0
        for step in 0..<1500 {
            let roll = rng.int(in: 0...9)
            if roll < 4 || live.isEmpty {
                let size = rng.int(in: 0...300)
                let alignment = 1 << rng.int(in: 3...6)
                if let offset = try? heap.allocateOffset(byteCount: size, alignment: alignment) { live[offset] = size }
            } else if roll < 6 {
                let offset = live.keys.sorted()[rng.int(in: 0...(live.count - 1))]
                try heap.deallocate(offset: offset)
                live[offset] = nil
                stale.append(offset)
            } else if roll < 7 {
                let offset = live.keys.sorted()[rng.int(in: 0...(live.count - 1))]
                let newSize = rng.int(in: 0...500)
                if let moved = try? heap.reallocate(offset: offset, newByteCount: newSize) {
                    live[offset] = nil
                    live[moved] = newSize
                    if moved != offset { stale.append(offset) }
                }
            } else if !stale.isEmpty {
                let offset = stale[rng.int(in: 0...(stale.count - 1))]
                if live[offset] == nil {
                    let before = heap.chunks()
                    let error = refusal { () throws(HeapError) in try heap.deallocate(offset: offset) }
                    #expect(error != nil, "step \(step): stale \(offset) accepted")
                    #expect(heap.chunks() == before, "step \(step)")
                    if error == nil { return }
                    refused += 1
                }
            }
            try heap.checkInvariants()
            let blocks = heap.chunks().filter { !$0.isFree }
            #expect(Set(blocks.map(\.contentOffset)) == Set(live.keys), "step \(step)")
            for (offset, size) in live {
                guard let chunk = blocks.first(where: { $0.contentOffset == offset }) else { return }
                #expect(chunk.offset + chunk.size - offset >= size, "step \(step)")
            }
            let handles = live.sorted { $0.key < $1.key }
            for (first, second) in zip(handles, handles.dropFirst()) where first.key + first.value > second.key - 8 {
                Issue.record("step \(step): blocks at \(first.key) and \(second.key) overlap")
                return
            }
        }
        #expect(refused > 100, "\(refused)")
    }
}
