import Testing
@testable import Allocators

/// The general policy paths against the tuned first-fit paths, and misuse on every policy.
@Suite struct FirstFitPolicyPathTests {
    /// Plain first fit run through the general paths makes the same choices, events and layout
    /// as the tuned paths, step by step, failures and misuse included.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func generalPathsMatchTheTunedFirstFit(seed: UInt64) throws {
        let tuned = FirstFitHeap(capacity: 6144, tracksRequestedSizes: true)
        let general = FirstFitHeap(capacity: 6144, tracksRequestedSizes: true)
        general.usesPolicyPaths = true
        var rng = SplitMix64(seed: seed)
        var live: [Int] = []
        var failures = 0, moves = 0
        for step in 0..<2500 {
            var tunedEvents = CollectEvents<HeapEvent>(), generalEvents = CollectEvents<HeapEvent>()
            let roll = rng.int(in: 0...9)
            if roll < 5 || live.isEmpty {
                let size = rng.int(in: 0...400)
                let alignment = 1 << rng.int(in: 0...8)
                let a = Result { () throws(HeapError) in try tuned.allocateOffset(byteCount: size, alignment: alignment, observer: &tunedEvents) }
                let b = Result { () throws(HeapError) in try general.allocateOffset(byteCount: size, alignment: alignment, observer: &generalEvents) }
                #expect(a == b, "step \(step)")
                if case .success(let offset) = a { live.append(offset) } else { failures += 1 }
            } else if roll < 8 {
                let offset = live.swapAt(rng.int(in: 0...(live.count - 1)))
                try tuned.deallocate(offset: offset, observer: &tunedEvents)
                try general.deallocate(offset: offset, observer: &generalEvents)
                // The same misuse is refused the same way: the freed content again, or a word
                // after it that is not another live block's content.
                let misused = offset + rng.int(in: 0...2) * 8
                if !live.contains(misused) {
                    let a = refusal { () throws(HeapError) in try tuned.deallocate(offset: misused) }
                    let b = refusal { () throws(HeapError) in try general.deallocate(offset: misused) }
                    #expect(a != nil && a == b, "step \(step)")
                }
            } else {
                let index = rng.int(in: 0...(live.count - 1))
                let newSize = rng.int(in: 0...800)
                let a = Result { () throws(HeapError) in try tuned.reallocate(offset: live[index], newByteCount: newSize, alignment: 8, observer: &tunedEvents) }
                let b = Result { () throws(HeapError) in try general.reallocate(offset: live[index], newByteCount: newSize, alignment: 8, observer: &generalEvents) }
                #expect(a == b, "step \(step)")
                if case .success(let offset) = a {
                    if offset != live[index] { moves += 1 }
                    live[index] = offset
                }
            }
            #expect(tunedEvents.events == generalEvents.events, "step \(step)")
            #expect(tuned.chunks() == general.chunks(), "step \(step)")
            #expect(tuned.binSummaries() == general.binSummaries())
            try tuned.checkInvariants()
            try general.checkInvariants()
            if tunedEvents.events != generalEvents.events { return }
        }
        #expect(failures > 50 && moves > 50, "\(failures) \(moves)")
    }

    /// The error `body` throws, or nil.
    func refusal(_ body: () throws(HeapError) -> Void) -> HeapError? {
        do { try body() } catch { return error }
        return nil
    }

    /// Freeing what is not a live block's content is refused with the right error on every
    /// policy and changes nothing.
    @Test(arguments: HeapImplementation.allCases.compactMap(\.firstFitPolicy))
    func misuseIsReportedAndChangesNothing(policy: FirstFitHeap.Policy) throws {
        let heap = FirstFitHeap(capacity: 1 << 14, policy: policy)
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
            #expect(throws: error(offset)) { try heap.reallocate(offset: offset, newByteCount: 8) }
            #expect(heap.chunks() == before)
        }
        try heap.checkInvariants()
    }
}
