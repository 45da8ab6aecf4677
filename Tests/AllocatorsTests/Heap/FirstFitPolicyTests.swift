import Testing
@testable import Allocators

/// Which hole each textbook policy picks, on heaps small enough to write down.
@Suite struct FirstFitPolicyChoiceTests {
    /// A 512-byte heap with holes at 0 (64 bytes), 80 (32), 128 (48) and 192 (320), separated
    /// by live 16-byte chunks at 64, 112 and 176. The holes were freed in the order 0, 80, 128.
    func fourHoles(_ policy: FirstFitHeap.Policy) throws -> FirstFitHeap {
        let heap = FirstFitHeap(capacity: 512, policy: policy)
        let sizes = [56, 8, 24, 8, 40, 8]  // chunks of 64, 16, 32, 16, 48, 16 bytes
        let offsets = try sizes.map { size throws(HeapError) in try heap.allocateOffset(byteCount: size) }
        #expect(offsets == [8, 72, 88, 120, 136, 184])
        for index in [0, 2, 4] { try heap.deallocate(offset: offsets[index]) }
        try heap.checkInvariants()
        #expect(holes(heap) == [0: 64, 80: 32, 128: 48, 192: 320])
        return heap
    }

    func holes(_ heap: some HeapAllocator) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: heap.chunks().filter(\.isFree).map { ($0.offset, $0.size) })
    }

    /// The hole a 24-byte request (a 32-byte chunk) is carved from.
    func holeTaken(_ heap: FirstFitHeap, byteCount: Int = 24) throws -> Int? {
        var events = CollectEvents<HeapEvent>()
        _ = try heap.allocateOffset(byteCount: byteCount, alignment: 8, observer: &events)
        try heap.checkInvariants()
        for case .takenFromBin(let chunk, _, _) in events.events { return chunk }
        return nil
    }

    @Test func firstFitTakesTheLowestHole() throws {
        #expect(try holeTaken(try fourHoles(.firstFit)) == 0)
    }

    @Test func bestFitTakesTheSmallestHoleThatFits() throws {
        let heap = try fourHoles(.bestFit)
        #expect(try holeTaken(heap) == 80)
        // 40 bytes need 48: the 48-byte hole, not the larger ones before and after it.
        #expect(try holeTaken(heap, byteCount: 40) == 128)
    }

    @Test func worstFitTakesTheLargestHole() throws {
        let heap = try fourHoles(.worstFit)
        #expect(try holeTaken(heap) == 192)
        // The 288 bytes left at 224 are still the largest.
        #expect(try holeTaken(heap) == 224)
    }

    @Test func nextFitResumesAfterThePreviousAllocationAndWraps() throws {
        let heap = try fourHoles(.nextFit)
        // The last allocation ended at 192: the search starts there, not at 0.
        #expect(try holeTaken(heap, byteCount: 200) == 192)  // 208 bytes: 192..<400, hole 400 (112) left
        #expect(try holeTaken(heap, byteCount: 56) == 400)   // 64 bytes: hole 464 (48) left
        // Nothing at or after 464 holds 64 bytes: the search wraps to the lowest hole.
        #expect(try holeTaken(heap, byteCount: 56) == 0)
        // A first-fit copy of the same state starts at the lowest hole again.
        let firstFitCopy = heap.copy(fit: .first)
        #expect(try holeTaken(firstFitCopy) == 80)
        #expect(try holeTaken(heap) == 80)
    }

    @Test func lifoFirstFitTakesTheMostRecentlyFreedHole() throws {
        let heap = try fourHoles(.firstFitLIFO)
        // The list is 128, 80, 0 (freed last to first), then the untouched 192.
        var events = CollectEvents<HeapEvent>()
        _ = try heap.allocateOffset(byteCount: 24, alignment: 8, observer: &events)
        #expect(events.events.first == .takenFromBin(chunk: 128, size: 48, bin: .lifoHoleList))
        #expect(events.events.contains(.split(chunk: 128, keptSize: 32, remainder: 160, remainderSize: 16, remainderBin: .lifoHoleList)))
        #expect(heap.binSummaries() == [HeapBinSummary(bin: .lifoHoleList, minimumChunkSize: 16, maximumChunkSize: 512,
                                                       count: 4, bytes: 64 + 32 + 16 + 320, subBinCounts: [])])
        #expect(heap.chunks().first { $0.isFree }?.bin == .lifoHoleList)
        #expect(HeapBin.lifoHoleList.description == "holes LIFO")
        // A freed chunk goes to the head: freeing the 16-byte chunk at 64 merges it with the
        // holes at 0 and 80 into one 112-byte hole, which the next request takes first.
        try heap.deallocate(offset: 72)
        try heap.checkInvariants()
        #expect(holes(heap)[0] == 112)
        #expect(try holeTaken(heap, byteCount: 8) == 0)
    }

    @Test func withoutCoalescingNeighbouringHolesStayApart() throws {
        let heap = try fourHoles(.firstFitNoCoalescing)
        var events = CollectEvents<HeapEvent>()
        try heap.deallocate(offset: 72, observer: &events)  // the 16 bytes between the holes at 0 and 80
        #expect(events.events == [.freed(chunk: 64, size: 16), .insertedIntoBin(chunk: 64, size: 16, bin: .holeList)])
        try heap.checkInvariants()
        #expect(holes(heap) == [0: 64, 64: 16, 80: 32, 128: 48, 192: 320])
        // 112 bytes are free at 0..<112, but in three holes: a 112-byte chunk goes to 192.
        #expect(try holeTaken(heap, byteCount: 100) == 192)

        let coalescing = try fourHoles(.firstFit)
        try coalescing.deallocate(offset: 72)
        #expect(holes(coalescing) == [0: 112, 128: 48, 192: 320])
        #expect(try holeTaken(coalescing, byteCount: 100) == 0)
    }

    @Test func everyNamedImplementationRunsItsPolicy() throws {
        let expected: [HeapImplementation: FirstFitHeap.Policy] = [
            .firstFit: .firstFit, .firstFitLIFO: .firstFitLIFO, .firstFitNoCoalescing: .firstFitNoCoalescing,
            .nextFit: .nextFit, .bestFit: .bestFit, .worstFit: .worstFit,
        ]
        for implementation in HeapImplementation.allCases where implementation != .segregatedFit {
            let heap = try #require(implementation.make(capacity: 4096) as? FirstFitHeap)
            #expect(heap.policy == expected[implementation], "\(implementation)")
            #expect(implementation.firstFitPolicy == expected[implementation])
        }
        #expect(HeapImplementation(name: "best-fit") == .bestFit)
        #expect(HeapImplementation.segregatedFit.firstFitPolicy == nil)
        #expect(FirstFitHeap.Policy.bestFit.description == "best fit, address order, coalescing")
    }

    @Test func theInvariantCheckerCatchesWhatEachPolicyForbids() throws {
        // Touching holes are a violation only when the policy coalesces.
        let heap = try fourHoles(.firstFitNoCoalescing)
        try heap.deallocate(offset: 72)
        try heap.checkInvariants()
        let coalescing = try fourHoles(.worstFit)
        // Cut the last hole (192, 320 bytes) by hand into two touching holes of 160.
        coalescing.setWord(192, 160)
        coalescing.setWord(352, 160)
        coalescing.setNextHole(352, coalescing.nextHole(192))
        coalescing.setNextHole(192, 352)
        #expect(throws: HeapInvariantViolation.self) { try coalescing.checkInvariants() }
        // A LIFO list may be in any order; an address-ordered one may not.
        let lifo = try fourHoles(.firstFitLIFO)
        try lifo.checkInvariants()
        let unordered = FirstFitHeap(capacity: 512, policy: .bestFit)
        let offsets = try [56, 8, 24, 8].map { size throws(HeapError) in try unordered.allocateOffset(byteCount: size) }
        try unordered.deallocate(offset: offsets[0])
        try unordered.deallocate(offset: offsets[2])
        try unordered.checkInvariants()
        // Swap the first two list entries by hand: 80 -> 0 -> 128.
        unordered.head = 80
        unordered.setNextHole(80, 0)
        unordered.setNextHole(0, 128)
        #expect(throws: HeapInvariantViolation.self) { try unordered.checkInvariants() }
        // A hole missing from the list.
        unordered.head = 0
        #expect(throws: HeapInvariantViolation.self) { try unordered.checkInvariants() }
    }
}

/// Seeded random traces on every policy: invariants after every step, the same live contents
/// and requested totals on all of them, and fit choices compared on the same state.
@Suite struct FirstFitPolicyTraceTests {
    static let policies: [FirstFitHeap.Policy] = [
        .firstFit, .firstFitLIFO, .firstFitNoCoalescing, .nextFit, .bestFit, .worstFit,
        FirstFitHeap.Policy(fit: .next, order: .lifo), FirstFitHeap.Policy(fit: .best, order: .lifo, coalesces: false),
        FirstFitHeap.Policy(fit: .worst, coalesces: false),
    ]

    /// A small heap that runs out often: failures are fine, invariants and tags must hold.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func smallHeapTraceOnEveryPolicy(seed: UInt64) throws {
        for policy in Self.policies {
            let heap = FirstFitHeap(capacity: 4096, tracksRequestedSizes: true, policy: policy)
            var rng = SplitMix64(seed: seed)
            var live: [TracedBlock] = []
            var tag: UInt8 = 1
            var successes = 0, failures = 0, moves = 0
            for step in 0..<2000 {
                let roll = rng.int(in: 0...9)
                if roll < 5 || live.isEmpty {
                    let size = rng.int(in: 0...300)
                    let alignment = 1 << rng.int(in: 0...7)
                    do {
                        let offset = try heap.allocateOffset(byteCount: size, alignment: alignment)
                        #expect(offset % max(alignment, 8) == 0)
                        let block = TracedBlock(offset: offset, size: size, alignment: alignment, tag: tag)
                        tag &+= 1
                        stamp(heap, block)
                        live.append(block)
                        successes += 1
                    } catch {
                        #expect(error.isOutOfMemory)
                        failures += 1
                    }
                } else if roll < 8 {
                    let block = live.swapAt(rng.int(in: 0...(live.count - 1)))
                    #expect(stampIsIntact(heap, block), "\(policy) step \(step)")
                    try heap.deallocate(offset: block.offset)
                    #expect(throws: HeapError.self) { try heap.deallocate(offset: block.offset) }  // double free or inside a merged hole
                } else {
                    let index = rng.int(in: 0...(live.count - 1))
                    var block = live[index]
                    let newSize = rng.int(in: 0...600)
                    do {
                        let offset = try heap.reallocate(offset: block.offset, newByteCount: newSize, alignment: block.alignment)
                        if offset != block.offset { moves += 1 }
                        block.offset = offset
                        #expect(stampIsIntact(heap, block, size: newSize < block.size ? min(8, newSize) : nil), "\(policy) step \(step)")
                        block.size = newSize
                        stamp(heap, block)
                        live[index] = block
                    } catch {
                        #expect(error.isOutOfMemory)
                        #expect(stampIsIntact(heap, block))
                    }
                }
                do { try heap.checkInvariants() } catch {
                    Issue.record("\(policy) step \(step): \(error)")
                    return
                }
                #expect(heap.totals.liveChunks == live.count)
            }
            // Without coalescing a 4 KiB heap shatters quickly (worst fit most): fewer successes and moves.
            #expect(successes > 200 && failures > 20 && moves > 2, "\(policy): \(successes) \(failures) \(moves)")
            for block in live {
                #expect(stampIsIntact(heap, block))
                try heap.deallocate(offset: block.offset)
            }
            try heap.checkInvariants()
            #expect(heap.totals.liveChunks == 0 && heap.totals.liveBytes == 0)
            if policy.coalesces { #expect(heap.chunks().count == 1, "\(policy)") }
        }
    }

    /// The same trace on every policy with room to spare (no request fails on any): after every
    /// step all hold the same blocks with the same tags and the same requested bytes; before
    /// every allocation, best fit's hole is never larger, and worst fit's never smaller, than
    /// the hole first fit would take in the same state.
    @Test(arguments: [21, 22] as [UInt64])
    func policiesAgreeOnContentsAndCompareOnChoices(seed: UInt64) throws {
        let heaps = Self.policies.map { FirstFitHeap(capacity: 1 << 20, tracksRequestedSizes: true, policy: $0) }
        var rng = SplitMix64(seed: seed)
        var live: [[TracedBlock]] = Array(repeating: [], count: heaps.count)
        var tag: UInt8 = 1
        var compared = 0, bestSmaller = 0, worstLarger = 0
        for step in 0..<1500 {
            let roll = rng.int(in: 0...9)
            if roll < 5 || live[0].isEmpty {
                let size = rng.int(in: 0...300)
                let alignment = 1 << rng.int(in: 0...6)
                for (index, heap) in heaps.enumerated() {
                    if heap.policy.fit == .best || heap.policy.fit == .worst {
                        let first = try holeSizeTaken(heap.copy(fit: .first), size, alignment)
                        let own = try holeSizeTaken(heap.copy(), size, alignment)
                        if heap.policy.fit == .best {
                            #expect(own <= first, "\(heap.policy) step \(step)")
                            if own < first { bestSmaller += 1 }
                        } else {
                            #expect(own >= first, "\(heap.policy) step \(step)")
                            if own > first { worstLarger += 1 }
                        }
                        compared += 1
                    }
                    let offset = try heap.allocateOffset(byteCount: size, alignment: alignment)
                    let block = TracedBlock(offset: offset, size: size, alignment: alignment, tag: tag)
                    stamp(heap, block)
                    live[index].append(block)
                }
                tag &+= 1
            } else if roll < 8 {
                let victim = rng.int(in: 0...(live[0].count - 1))
                for (index, heap) in heaps.enumerated() {
                    let block = live[index].swapAt(victim)
                    #expect(stampIsIntact(heap, block))
                    try heap.deallocate(offset: block.offset)
                }
            } else {
                let victim = rng.int(in: 0...(live[0].count - 1))
                let newSize = rng.int(in: 0...600)
                for (index, heap) in heaps.enumerated() {
                    var block = live[index][victim]
                    block.offset = try heap.reallocate(offset: block.offset, newByteCount: newSize, alignment: block.alignment)
                    #expect(stampIsIntact(heap, block, size: newSize < block.size ? min(8, newSize) : nil))
                    block.size = newSize
                    stamp(heap, block)
                    live[index][victim] = block
                }
            }
            let expectedRequested = live[0].reduce(0) { $0 + $1.size }
            for (index, heap) in heaps.enumerated() {
                try heap.checkInvariants()
                #expect(live[index].map(\.tag) == live[0].map(\.tag))
                #expect(live[index].map(\.size) == live[0].map(\.size))
                #expect(heap.totals.liveChunks == live[0].count)
                let requestedBytes = heap.chunks().reduce(0) { $0 + ($1.requestedBytes ?? 0) }
                #expect(requestedBytes == expectedRequested, "\(heap.policy) step \(step)")
                for block in live[index] where !stampIsIntact(heap, block) {
                    Issue.record("\(heap.policy) step \(step): block at \(block.offset) overwritten")
                }
            }
        }
        // The comparison had something to compare.
        #expect(compared > 500 && bestSmaller > 20 && worstLarger > 20, "\(compared) \(bestSmaller) \(worstLarger)")
    }

    /// The size of the hole `heap` carves a request from (the heap is a throwaway copy).
    func holeSizeTaken(_ heap: FirstFitHeap, _ size: Int, _ alignment: Int) throws -> Int {
        var events = CollectEvents<HeapEvent>()
        _ = try heap.allocateOffset(byteCount: size, alignment: alignment, observer: &events)
        for case .takenFromBin(_, let holeSize, _) in events.events { return holeSize }
        Issue.record("no hole taken")
        return 0
    }
}
