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
        let b = try heap.reallocate(offset: a, newByteCount: 5000, alignment: 64, observer: &log)
        try heap.deallocate(offset: b, observer: &log)
        #expect(!log.events.isEmpty)
        try heap.checkInvariants()
        let p = try heap.allocate(byteCount: 100, alignment: 16)
        #expect(Int(bitPattern: p) % 16 == 0)
        try heap.deallocate(p)
        let snapshot = heap.copy()
        try snapshot.checkInvariants()
        #expect(snapshot.chunks().count == heap.chunks().count)
    }
}
