import Testing
import Allocators

/// The README's library examples, kept compiling and true.
@Suite struct ReadmeExamplesTests {
    @Test func buddyExample() throws {
        var buddy = BitmapBuddyAllocator(configuration: try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 1 << 20))
        let a = try buddy.allocate(byteCount: 3000)
        #expect(a == 0)
        var log = CollectEvents<BuddyEvent>()
        let b = try buddy.allocate(order: 2, observer: &log)
        #expect(b == 4 * 4096)
        #expect(!log.events.isEmpty)
        #expect(buddy.liveBlocks.first { $0.offset == a }?.requestedBytes == 3000)
        #expect(buddy.liveBlocks.first { $0.offset == a }?.grantedBytes == 4096)
        try buddy.deallocate(offset: a, order: 0)
        #expect(buddy.freeBlockCounts.count == 9)
        #expect(buddy.metrics.externalFragmentation > 0)
        #expect(buddy.unusableFreeSpaceIndex.count == 9)
        try buddy.checkInvariants()
    }

    @Test func heapExample() throws {
        let heap = SegregatedFitHeap(capacity: 64 << 10, tracksRequestedSizes: true)
        var log = CollectEvents<HeapEvent>()
        let a = try heap.allocateOffset(byteCount: 3000, alignment: 64, observer: &log)
        #expect(a % 64 == 0)
        // The sample's comment: a taken from L15.31 and split.
        #expect(log.events.first == .takenFromBin(chunk: 8, size: 65520, bin: .large(firstLevel: 15, secondLevel: 31)))
        #expect(log.events.contains { if case .split = $0 { true } else { false } })
        log.events.removeAll()
        let b = try heap.reallocate(offset: a, newByteCount: 5000, alignment: 64, observer: &log)
        // b moved: taken from L15.29, split, copied, a freed into L11.15.
        #expect(b != a)
        #expect(log.events.first.map { if case .takenFromBin(_, _, .large(15, 29)) = $0 { true } else { false } } == true,
                "\(log.events)")
        #expect(log.events.contains { if case .movedByCopy(_, _, 3000) = $0 { true } else { false } })
        #expect(log.events.last.map { if case .insertedIntoBin(_, _, .large(11, 15)) = $0 { true } else { false } } == true,
                "\(log.events)")
        log.events.removeAll()
        try heap.deallocate(offset: b, observer: &log)
        // b freed, coalesced with both neighbours, the whole area back into L15.31.
        #expect(log.events == [.freed(chunk: HeapLimits.chunkOffset(ofContent: b), size: 5008),
                               .coalescedWithPrevious(chunk: 8, size: 62464), .coalescedWithNext(chunk: 8, size: 65520),
                               .insertedIntoBin(chunk: 8, size: 65520, bin: .large(firstLevel: 15, secondLevel: 31))])
        try heap.checkInvariants()
        let p = try heap.allocate(byteCount: 100, alignment: 16)
        #expect(Int(bitPattern: p) % 16 == 0)
        try heap.deallocate(p)
        let snapshot = heap.copy()
        try snapshot.checkInvariants()
        #expect(snapshot.chunks().count == heap.chunks().count)
    }
}
