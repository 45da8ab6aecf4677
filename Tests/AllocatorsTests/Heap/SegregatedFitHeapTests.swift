import Testing
@testable import Allocators

/// Unit tests for every path of the segregated-fit heap.
@Suite struct SegregatedFitHeapTests {
    /// Allocates with events and returns the content offset.
    func alloc(_ heap: SegregatedFitHeap, _ size: Int, align: Int = 8, events: inout CollectEvents<HeapEvent>) throws -> Int {
        try heap.allocateOffset(byteCount: size, alignment: align, observer: &events)
    }

    @Test func freshHeapIsOneFreeChunkInALargeBin() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        try heap.checkInvariants()
        let chunks = heap.chunks()
        #expect(chunks.count == 1)
        #expect(chunks[0].offset == 8 && chunks[0].size == (1 << 16) - 16 && chunks[0].isFree)
        #expect(chunks[0].bin == .large(firstLevel: 15, secondLevel: 31))
        #expect(heap.totals.liveChunks == 0 && heap.totals.freeBytes == (1 << 16) - 16)
        #expect(Int(bitPattern: heap.regionBase) % 4096 == 0)
    }

    @Test func firstAllocationSplitsTheLargeChunk() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 100, events: &events)
        #expect(a == 16)
        #expect(events.events == [
            .takenFromBin(chunk: 8, size: 65520, bin: .large(firstLevel: 15, secondLevel: 31)),
            .split(chunk: 8, keptSize: 112, remainder: 120, remainderSize: 65408, remainderBin: .large(firstLevel: 15, secondLevel: 31)),
            .allocated(chunk: 8, size: 112, requested: 100),
        ])
        try heap.checkInvariants()
    }

    @Test func exactSmallbinReuseIsLIFO() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 40, events: &events)
        let b = try alloc(heap, 40, events: &events)
        let c = try alloc(heap, 40, events: &events)
        _ = try alloc(heap, 40, events: &events)
        try heap.deallocate(offset: a)
        try heap.deallocate(offset: c)
        try heap.checkInvariants()
        // Both 48-byte chunks sit in smallbin 48; the last freed comes back first.
        let bins = heap.binSummaries()
        #expect(bins.first { $0.bin == .small(chunkSize: 48, subBin: 0) }?.count == 2)
        events.events.removeAll()
        let again = try alloc(heap, 40, events: &events)
        #expect(again == c)
        guard case .takenFromBin(chunk: c - 8, size: 48, bin: .small(chunkSize: 48, subBin: _))? = events.events.first else {
            Issue.record("expected a smallbin hit, got \(events.events)")
            return
        }
        _ = b
    }

    @Test func freeCoversAllFourNeighbourCases() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        let blocks = try (0..<9).map { _ in try alloc(heap, 56, events: &events) }  // 64-byte chunks
        // Neither neighbour free.
        events.events.removeAll()
        try heap.deallocate(offset: blocks[1], observer: &events)
        #expect(events.events == [.freed(chunk: blocks[1] - 8, size: 64),
                                  .insertedIntoBin(chunk: blocks[1] - 8, size: 64, bin: SegregatedFitHeap.bin(chunk: blocks[1] - 8, size: 64))])
        // Previous free.
        events.events.removeAll()
        try heap.deallocate(offset: blocks[2], observer: &events)
        #expect(events.events.contains(.coalescedWithPrevious(chunk: blocks[1] - 8, size: 128)))
        // Next free.
        try heap.deallocate(offset: blocks[5])
        events.events.removeAll()
        try heap.deallocate(offset: blocks[4], observer: &events)
        #expect(events.events.contains(.coalescedWithNext(chunk: blocks[4] - 8, size: 128)))
        #expect(!events.events.contains { if case .coalescedWithPrevious = $0 { true } else { false } })
        // Both.
        events.events.removeAll()
        try heap.deallocate(offset: blocks[3], observer: &events)
        #expect(events.events.contains(.coalescedWithPrevious(chunk: blocks[1] - 8, size: 192)))
        #expect(events.events.contains(.coalescedWithNext(chunk: blocks[1] - 8, size: 320)))
        try heap.checkInvariants()
        let free = heap.chunks().filter(\.isFree)
        #expect(free.map(\.size) == [320, (1 << 16) - 16 - 9 * 64])
    }

    @Test func alignmentSubBinsServeAlignedRequests() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        // Contiguous 112-byte chunks; free one whose content is aligned to 128 or more.
        let blocks = try (0..<40).map { _ in try alloc(heap, 100, events: &events) }
        let aligned = blocks.dropFirst().dropLast().first { $0 % 128 == 0 }!
        try heap.deallocate(offset: aligned)
        let chunk = heap.chunks().first { $0.contentOffset == aligned }!
        let sub = min(aligned.trailingZeroBitCount - 3, 7)
        #expect(sub >= 4)
        #expect(chunk.isFree && chunk.bin == .small(chunkSize: 112, subBin: sub))
        let summary = heap.binSummaries().first { $0.bin == .small(chunkSize: 112, subBin: 0) }!
        #expect(summary.subBinCounts[sub] == 1 && summary.count == 1)
        // Free a less aligned one too: the aligned request must skip it.
        let plain = blocks.dropFirst().dropLast().first { $0 % 128 != 0 && abs($0 - aligned) > 112 }!
        try heap.deallocate(offset: plain)
        events.events.removeAll()
        let again = try alloc(heap, 100, align: 128, events: &events)
        #expect(again == aligned)
        #expect(events.events.first == .takenFromBin(chunk: aligned - 8, size: 112, bin: .small(chunkSize: 112, subBin: sub)))
        // A plain request takes the least aligned chunk.
        #expect(try alloc(heap, 100, events: &events) == plain)
        try heap.checkInvariants()
    }

    @Test(arguments: [16, 32, 64, 512, 1024, 2048, 4096])
    func everyAlignmentUpTo4096Holds(alignment: Int) throws {
        let heap = SegregatedFitHeap(capacity: 1 << 18)
        var offsets: [Int] = []
        for size in [1, 24, 100, 600, 3000] {
            let offset = try heap.allocateOffset(byteCount: size, alignment: alignment)
            #expect(offset % alignment == 0)
            #expect(Int(bitPattern: heap.pointer(at: offset)) % alignment == 0)
            offsets.append(offset)
            try heap.checkInvariants()
        }
        for offset in offsets { try heap.deallocate(offset: offset) }
        try heap.checkInvariants()
        #expect(heap.chunks().count == 1)
    }

    @Test func largeBinsUseGoodFit() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 18)
        var events = CollectEvents<HeapEvent>()
        _ = try alloc(heap, 8, events: &events)
        let big = try alloc(heap, 5000, events: &events)
        _ = try alloc(heap, 8, events: &events)
        try heap.deallocate(offset: big)
        let size = 5008
        #expect(heap.chunks().first { $0.offset == big - 8 }?.bin == .large(firstLevel: 12, secondLevel: (size >> 7) & 31))
        events.events.removeAll()
        let again = try alloc(heap, 4900, events: &events)
        #expect(again == big)
        #expect(events.events.first == .takenFromBin(chunk: big - 8, size: size, bin: .large(firstLevel: 12, secondLevel: 7)))
        // The 100-byte tail was split off into smallbin 104.
        #expect(events.events.contains(.split(chunk: big - 8, keptSize: 4912, remainder: big - 8 + 4912, remainderSize: 96,
                                              remainderBin: .small(chunkSize: 96, subBin: SegregatedFitHeap.subBin(ofChunk: big - 8 + 4912)))))
        try heap.checkInvariants()
    }

    @Test func nearExhaustionScansTheRequestClass() throws {
        // Free chunks whose class straddles the request: good fit misses, the scan finds one.
        let heap = SegregatedFitHeap(capacity: 1 << 15)
        var live: [Int] = []
        while let offset = try? heap.allocateOffset(byteCount: 992) { live.append(offset) }
        try heap.deallocate(offset: live[3])
        // A free 1000-byte chunk in class [992, 1008): good fit looks from class [1008, 1024)
        // up and finds nothing, so the request's own class is scanned.
        #expect(heap.findLargeList(atLeast: 1000) == -1)
        let again = try heap.allocateOffset(byteCount: 992)
        #expect(again == live[3])
        try heap.checkInvariants()
    }

    @Test func reallocateShrinksInPlace() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 400, events: &events)
        _ = try alloc(heap, 8, events: &events)
        events.events.removeAll()
        #expect(try heap.reallocate(offset: a, newByteCount: 100, alignment: 8, observer: &events) == a)
        #expect(events.events.contains(.shrunkInPlace(chunk: a - 8, from: 408, to: 112)))
        // A tail under 32 bytes goes to a free next chunk...
        events.events.removeAll()
        #expect(try heap.reallocate(offset: a, newByteCount: 90, alignment: 8, observer: &events) == a)
        #expect(events.events.contains(.shrunkInPlace(chunk: a - 8, from: 112, to: 104)))
        // ...and stays inside when the next chunk is live: nothing changes.
        let x = try alloc(heap, 200, events: &events)
        _ = try alloc(heap, 8, events: &events)
        events.events.removeAll()
        #expect(try heap.reallocate(offset: x, newByteCount: 190, alignment: 8, observer: &events) == x)
        #expect(events.events.isEmpty)
        try heap.checkInvariants()
    }

    @Test func reallocateGrowsInPlaceIntoAFreeNext() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, tracksRequestedSizes: true)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 100, events: &events)
        stamp(heap, TracedBlock(offset: a, size: 100, alignment: 8, tag: 7))
        events.events.removeAll()
        #expect(try heap.reallocate(offset: a, newByteCount: 3000, alignment: 8, observer: &events) == a)
        #expect(events.events.contains(.grownInPlace(chunk: a - 8, from: 112, to: 3008)))
        #expect(stampIsIntact(heap, TracedBlock(offset: a, size: 100, alignment: 8, tag: 7), size: 8))
        #expect(heap.requestedSize(atOffset: a) == 3000)
        try heap.checkInvariants()
    }

    @Test func reallocateMovesWhenItMustAndKeepsTheContent() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 100, events: &events)
        _ = try alloc(heap, 8, events: &events)
        let bytes = heap.pointer(at: a)
        for i in 0..<100 { bytes.storeBytes(of: UInt8(i), toByteOffset: i, as: UInt8.self) }
        events.events.removeAll()
        let moved = try heap.reallocate(offset: a, newByteCount: 2000, alignment: 64, observer: &events)
        #expect(moved != a && moved % 64 == 0)
        #expect(events.events.contains(.movedByCopy(from: a - 8, to: moved - 8, bytes: 104)))
        for i in 0..<100 { #expect(heap.pointer(at: moved).load(fromByteOffset: i, as: UInt8.self) == UInt8(i)) }
        #expect(heap.chunks().first { $0.offset == a - 8 }?.isFree == true)
        try heap.checkInvariants()
    }

    @Test func failedReallocateKeepsTheOldBlock() throws {
        let heap = SegregatedFitHeap(capacity: 4096)
        let a = try heap.allocateOffset(byteCount: 1000)
        _ = try heap.allocateOffset(byteCount: 8)
        heap.pointer(at: a).storeBytes(of: 0xDEAD_BEEF as UInt64, as: UInt64.self)
        let before = heap.chunks()
        #expect(throws: HeapError.outOfMemory(byteCount: 8000, alignment: 8)) { try heap.reallocate(offset: a, newByteCount: 8000) }
        #expect(heap.chunks() == before)
        #expect(heap.pointer(at: a).load(as: UInt64.self) == 0xDEAD_BEEF)
        try heap.checkInvariants()
    }

    @Test func reallocateSlidesIntoFreeNeighboursBeforeFailing() throws {
        let heap = SegregatedFitHeap(capacity: 4096)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 1500, events: &events)
        let b = try alloc(heap, 1000, events: &events)
        _ = try alloc(heap, 1400, events: &events)  // fills the rest: no room elsewhere
        heap.pointer(at: b).storeBytes(of: 0x1234_5678 as UInt64, as: UInt64.self)
        try heap.deallocate(offset: a)
        events.events.removeAll()
        let moved = try heap.reallocate(offset: b, newByteCount: 2400, alignment: 8, observer: &events)
        #expect(moved == a)
        #expect(heap.pointer(at: moved).load(as: UInt64.self) == 0x1234_5678)
        #expect(events.events.contains(.movedByCopy(from: b - 8, to: a - 8, bytes: 1000)))
        try heap.checkInvariants()
    }

    /// Sliding into the free previous chunk is the last resort: while another free chunk can
    /// hold the block, realloc moves it there (allocate, copy, free), as the README says.
    @Test func reallocateMovesElsewhereBeforeSlidingBack() throws {
        let heap = SegregatedFitHeap(capacity: 16 << 10)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 600, events: &events)
        let b = try alloc(heap, 600, events: &events)
        _ = try alloc(heap, 600, events: &events)  // boxes b in; the rest of the heap stays free
        try heap.deallocate(offset: a)
        events.events.removeAll()
        let moved = try heap.reallocate(offset: b, newByteCount: 1000, alignment: 8, observer: &events)
        #expect(moved != a && moved != b)
        #expect(events.events.contains { if case .movedByCopy(from: b - 8, _, _) = $0 { return true } else { return false } })
        try heap.checkInvariants()
    }

    @Test func edgeSizesAndAlignmentsHaveDefinedResults() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16)
        let zero1 = try heap.allocateOffset(byteCount: 0)
        let zero2 = try heap.allocateOffset(byteCount: 0)
        #expect(zero1 != zero2)
        #expect(heap.chunks().first { $0.contentOffset == zero1 }?.size == 32)
        #expect(throws: HeapError.invalidSize(byteCount: -1)) { try heap.allocateOffset(byteCount: -1) }
        #expect(throws: HeapError.invalidAlignment(alignment: 3)) { try heap.allocateOffset(byteCount: 8, alignment: 3) }
        #expect(throws: HeapError.invalidAlignment(alignment: 0)) { try heap.allocateOffset(byteCount: 8, alignment: 0) }
        #expect(throws: HeapError.invalidAlignment(alignment: 8192)) { try heap.allocateOffset(byteCount: 8, alignment: 8192) }
        #expect(throws: HeapError.outOfMemory(byteCount: Int.max, alignment: 8)) { try heap.allocateOffset(byteCount: Int.max) }
        #expect(throws: HeapError.outOfMemory(byteCount: 1 << 16, alignment: 8)) { try heap.allocateOffset(byteCount: 1 << 16) }
        #expect(throws: HeapError.invalidSize(byteCount: -5)) { try heap.reallocate(offset: zero1, newByteCount: -5) }
        #expect(throws: HeapError.outOfMemory(byteCount: Int.max - 3, alignment: 4096)) { try heap.allocate(byteCount: Int.max - 3, alignment: 4096) }
        // Alignments under 8 mean 8.
        #expect(try heap.allocateOffset(byteCount: 5, alignment: 1) % 8 == 0)
        try heap.checkInvariants()
    }

    @Test func misuseIsReportedAndChangesNothing() throws {
        for depth in [0, 4] {
            let heap = SegregatedFitHeap(capacity: 1 << 14, frontCacheDepth: depth, frontCacheBudget: 1 << 20)
            let a = try heap.allocateOffset(byteCount: 100)
            let b = try heap.allocateOffset(byteCount: 200)
            _ = try heap.allocateOffset(byteCount: 50)
            heap.pointer(at: a).initializeMemory(as: UInt8.self, repeating: 0, count: 100)
            try heap.deallocate(offset: b)
            let before = heap.chunks()
            let cases: [(Int, (Int) -> HeapError)] = [
                (0, HeapError.outsideRegion), (-64, HeapError.outsideRegion), (heap.capacity, HeapError.outsideRegion),
                (1 << 20, HeapError.outsideRegion), (a + 4, HeapError.notAChunk), (a + 16, HeapError.notAChunk),
                (a + 64, HeapError.notAChunk), (b, HeapError.doubleFree),
            ]
            for (offset, error) in cases {
                #expect(throws: error(offset)) { try heap.deallocate(offset: offset) }
                #expect(throws: error(offset)) { try heap.reallocate(offset: offset, newByteCount: 10) }
                #expect(heap.chunks() == before)
                try heap.checkInvariants()
            }
            // The same through pointers, including the inlined front-cache path.
            #expect(throws: HeapError.doubleFree(offset: b)) { try heap.deallocate(heap.pointer(at: b)) }
            #expect(throws: HeapError.notAChunk(offset: a + 8)) { try heap.deallocate(heap.pointer(at: a + 8)) }
            var outside: UInt64 = 0
            withUnsafeMutableBytes(of: &outside) { bytes in
                let pointer = bytes.baseAddress!
                #expect(throws: HeapError.outsideRegion(offset: heap.offset(of: pointer))) { try heap.deallocate(pointer) }
            }
            #expect(heap.chunks() == before)
            try heap.checkInvariants()
        }
    }

    @Test func exhaustionThenRandomFreesReturnToOneChunk() throws {
        for depth in [0, 8] {
            let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: depth, frontCacheBudget: 1 << 20)
            var rng = SplitMix64(seed: 99)
            var live: [Int] = []
            while true {
                guard let offset = try? heap.allocate(byteCount: rng.int(in: 1...700), alignment: 1 << rng.int(in: 0...7)) else { break }
                live.append(heap.offset(of: offset))
            }
            #expect(live.count > 100)
            #expect(heap.totals.freeBytes < 1 << 12)
            live.shuffle(using: &rng)
            for offset in live {
                try heap.deallocate(heap.pointer(at: offset))
                try heap.checkInvariants()
            }
            heap.flushFrontCache()
            try heap.checkInvariants()
            #expect(heap.chunks().count == 1)
            #expect(heap.totals.liveBytes == 0)
        }
    }

    @Test func frontCacheParksAndReusesExactSizes() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, frontCacheDepth: 2, frontCacheBudget: 1 << 20)
        var events = CollectEvents<HeapEvent>()
        let a = try alloc(heap, 100, events: &events)
        let b = try alloc(heap, 100, events: &events)
        let c = try alloc(heap, 100, events: &events)
        events.events.removeAll()
        try heap.deallocate(offset: a, observer: &events)
        try heap.deallocate(offset: b, observer: &events)
        try heap.deallocate(offset: c, observer: &events)
        #expect(events.events.prefix(2) == [.putInFrontCache(chunk: a - 8, size: 112), .putInFrontCache(chunk: b - 8, size: 112)])
        #expect(events.events.contains(.freed(chunk: c - 8, size: 112)))  // the cache was full
        #expect(heap.frontCachedChunks == 2)
        #expect(heap.chunks().filter(\.isCached).map(\.offset) == [a - 8, b - 8])
        try heap.checkInvariants()
        events.events.removeAll()
        #expect(try alloc(heap, 104, events: &events) == b)
        #expect(events.events.first == .takenFromFrontCache(chunk: b - 8, size: 112))
        heap.flushFrontCache()
        try heap.checkInvariants()
        #expect(heap.frontCachedChunks == 0)
    }

    @Test func copyIsIndependent() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 16, tracksRequestedSizes: true)
        let a = try heap.allocateOffset(byteCount: 300)
        heap.pointer(at: a).storeBytes(of: 42 as UInt64, as: UInt64.self)
        let snapshot = heap.copy()
        #expect(snapshot.chunks() == heap.chunks())
        #expect(snapshot.pointer(at: a).load(as: UInt64.self) == 42)
        try heap.deallocate(offset: a)
        _ = try heap.allocateOffset(byteCount: 5000)
        try snapshot.checkInvariants()
        #expect(snapshot.requestedSize(atOffset: a) == 300)
        #expect(snapshot.chunks().filter { !$0.isFree }.count == 1)
        try snapshot.deallocate(offset: a)
        try snapshot.checkInvariants()
        try heap.checkInvariants()
    }

    @Test func handedRegionStartsOnA4096Boundary() throws {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 20000, alignment: 16)
        defer { raw.deallocate() }
        let region = UnsafeMutableRawBufferPointer(rebasing: raw[8...])
        let heap = SegregatedFitHeap(region: region)
        #expect(Int(bitPattern: heap.regionBase) % 4096 == 0)
        #expect(heap.regionBase >= region.baseAddress! && heap.regionBase + heap.capacity <= region.baseAddress! + region.count)
        let p = try heap.allocate(byteCount: 100, alignment: 4096)
        #expect(Int(bitPattern: p) % 4096 == 0)
        try heap.checkInvariants()
    }

    @Test func metricsMemoryMapAndBinsAgreeWithTheChunkWalk() throws {
        let heap = SegregatedFitHeap(capacity: 1 << 20, tracksRequestedSizes: true)
        var rng = SplitMix64(seed: 5)
        var live: [Int] = []
        var requested = 0
        for _ in 0..<400 {
            let size = rng.int(in: 1...3000)
            live.append(try heap.allocateOffset(byteCount: size))
            requested += size
        }
        for _ in 0..<150 {
            let offset = live.remove(at: rng.int(in: 0...(live.count - 1)))
            requested -= heap.requestedSize(atOffset: offset)!
            try heap.deallocate(offset: offset)
        }
        let chunks = heap.chunks()
        let metrics = heap.metrics()
        #expect(metrics.requestedBytes == requested)
        #expect(metrics.liveBlockCount == live.count)
        #expect(metrics.grantedBytes == heap.totals.liveBytes)
        #expect(metrics.freeBytes == heap.totals.freeBytes)
        #expect(metrics.largestFreeBlock == chunks.filter(\.isFree).map(\.size).max())
        #expect(metrics.internalFragmentation == chunks.filter { !$0.isFree }.reduce(0) { $0 + $1.paddingBytes + $1.headerBytes })
        let columns = heap.memoryMap(range: 0..<heap.capacity, columns: 200)
        #expect(columns.count == 200)
        #expect(columns.reduce(0) { $0 + $1.usedBytes + $1.headerBytes } == heap.totals.liveBytes)
        #expect(columns.reduce(0) { $0 + $1.freeBytes } == heap.totals.freeBytes)
        let slice = heap.usage(in: 4096..<8192)
        #expect(slice.usedBytes + slice.headerBytes + slice.freeBytes == 4096)
        let bins = heap.binSummaries()
        #expect(bins.reduce(0) { $0 + $1.count } == chunks.filter(\.isFree).count)
        #expect(bins.reduce(0) { $0 + $1.bytes } == heap.totals.freeBytes)
        for summary in bins where summary.count > 0 {
            #expect(summary.minimumChunkSize <= summary.maximumChunkSize)
        }
    }

    @Test func tooSmallCapacityTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = SegregatedFitHeap(capacity: 16)
        }
    }
}
