import Testing
@testable import Allocators

/// Exact behaviour of every operation on a 64 KiB tree of 4 KiB blocks (orders 0...4),
/// for every implementation.
@Suite struct BuddyOperationTests {
    static let small = TestConfigurations.small

    @Test(arguments: BuddyImplementation.allCases)
    func freshAllocatorIsOneFreeTopBlock(_ impl: BuddyImplementation) throws {
        let a = impl.make(configuration: Self.small)
        #expect(a.freeBlockCounts == [0, 0, 0, 0, 1])
        #expect(a.freeBlockList == [FreeBlock(offset: 0, order: 4)])
        #expect(a.liveBlocks.isEmpty)
        #expect(a.freeBytes == 65536)
        #expect(a.largestFreeOrder == 4)
        #expect(a.nodeState(order: 4, index: 0) == .free)
        #expect(a.nodeState(order: 0, index: 15) == .insideFree)
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func firstAllocationSplitsDownKeepingLowerHalves(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        #expect(try a.allocate(byteCount: 3000) == 0)
        #expect(a.freeBlockCounts == [1, 1, 1, 1, 0])
        #expect(a.freeBlockList == [FreeBlock(offset: 0x1000, order: 0), FreeBlock(offset: 0x2000, order: 1),
                                    FreeBlock(offset: 0x4000, order: 2), FreeBlock(offset: 0x8000, order: 3)])
        #expect(a.liveBlocks == [BuddyBlock(offset: 0, order: 0, requestedBytes: 3000, grantedBytes: 4096)])
        #expect(a.requestedBytes == 3000)
        #expect(a.grantedBytes == 4096)
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func smallestSufficientOrderThenLowestAddress(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        #expect(try a.allocate(order: 0) == 0x0000)   // splits 4 -> 0
        #expect(try a.allocate(order: 1) == 0x2000)   // the free order-1 block
        #expect(try a.allocate(order: 0) == 0x1000)   // the free order-0 block
        #expect(try a.allocate(order: 0) == 0x4000)   // splits the order-2 block at 0x4000
        #expect(try a.allocate(order: 2) == 0x8000)   // splits the order-3 block, keeps the lower half
        #expect(a.freeBlockCounts == [1, 1, 1, 0, 0])
        #expect(a.freeBlockList == [FreeBlock(offset: 0x5000, order: 0), FreeBlock(offset: 0x6000, order: 1),
                                    FreeBlock(offset: 0xC000, order: 2)])
        // Free 0x1000 so that order 0 has two blocks: the lower one is taken first.
        try a.deallocate(offset: 0x1000, order: 0)
        #expect(a.freeBlockCounts == [2, 1, 1, 0, 0])
        #expect(try a.allocate(order: 0) == 0x1000)
        #expect(try a.allocate(order: 0) == 0x5000)
        #expect(try a.allocate(order: 0) == 0x6000)   // splits 0x6000 (order 1)
        #expect(a.freeBlockCounts == [1, 0, 1, 0, 0])
        #expect(try a.allocate(order: 1) == 0xC000)   // order 1 is empty: split the order-2 block
        #expect(a.freeBlockCounts == [1, 1, 0, 0, 0])
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func freeingMergesOrderByOrderWhileTheBuddyIsFree(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        let x = try a.allocate(order: 0)  // 0x0000
        let y = try a.allocate(order: 0)  // 0x1000
        let z = try a.allocate(order: 1)  // 0x2000
        try a.deallocate(offset: x, order: 0)
        #expect(a.freeBlockCounts == [1, 0, 1, 1, 0])  // buddy 0x1000 is allocated: no merge
        try a.deallocate(offset: y, order: 0)
        #expect(a.freeBlockCounts == [0, 1, 1, 1, 0])  // merged into order 1 at 0; its buddy 0x2000 is allocated
        try a.deallocate(offset: z, order: 1)
        #expect(a.freeBlockCounts == [0, 0, 0, 0, 1])
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func eventsTellEverySplitAndMerge(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        var log = CollectEvents<BuddyEvent>()
        let offset = try a.allocate(byteCount: 5000, observer: &log)
        #expect(offset == 0)
        #expect(log.events == [
            .claimed(offset: 0, order: 4),
            .split(offset: 0, order: 4), .split(offset: 0, order: 3), .split(offset: 0, order: 2),
            .allocated(offset: 0, order: 1, requestedBytes: 5000),
        ])
        log.events.removeAll()
        try a.deallocate(offset: 0, order: 1, observer: &log)
        #expect(log.events == [
            .released(offset: 0, order: 1),
            .merged(offset: 0, buddyOffset: 0x2000, order: 2),
            .merged(offset: 0, buddyOffset: 0x4000, order: 3),
            .merged(offset: 0, buddyOffset: 0x8000, order: 4),
            .becameFree(offset: 0, order: 4),
        ])
    }

    @Test(arguments: BuddyImplementation.allCases)
    func mergeEventNamesTheLowerBlockWhenTheBuddyIsBelow(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        _ = try a.allocate(order: 0)           // 0x0000
        _ = try a.allocate(order: 0)           // 0x1000
        try a.deallocate(offset: 0, order: 0)
        var log = CollectEvents<BuddyEvent>()
        try a.deallocate(offset: 0x1000, order: 0, observer: &log)
        #expect(log.events.first == .released(offset: 0x1000, order: 0))
        #expect(log.events.dropFirst().first == .merged(offset: 0, buddyOffset: 0, order: 1))
        #expect(log.events.last == .becameFree(offset: 0, order: 4))
        #expect(log.events.count == 6)
        #expect(log.events.map(\.description).first == "released order-0 block at 0x1000")
    }

    @Test(arguments: BuddyImplementation.allCases)
    func nodeStatesCoverEveryCase(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        _ = try a.allocate(order: 2)  // 0x0000..0x4000
        #expect(a.nodeState(order: 4, index: 0) == .split)
        #expect(a.nodeState(order: 3, index: 0) == .split)
        #expect(a.nodeState(order: 3, index: 1) == .free)
        #expect(a.nodeState(order: 2, index: 0) == .allocated)
        #expect(a.nodeState(order: 2, index: 1) == .free)
        #expect(a.nodeState(order: 1, index: 1) == .insideAllocated)
        #expect(a.nodeState(order: 0, index: 3) == .insideAllocated)
        #expect(a.nodeState(order: 0, index: 4) == .insideFree)
        #expect(a.nodeState(order: 1, index: 7) == .insideFree)
    }

    @Test(arguments: BuddyImplementation.allCases)
    func occupancyCountsBytesOfPartialAndWholeBlocks(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        _ = try a.allocate(order: 2)   // 0x0000..<0x4000 allocated
        _ = try a.allocate(order: 0)   // 0x4000..<0x5000 allocated
        #expect(a.occupancy(in: 0..<0x10000) == BuddyOccupancy(freeBytes: 0xB000, allocatedBytes: 0x5000))
        #expect(a.occupancy(in: 0x3800..<0x4800) == BuddyOccupancy(freeBytes: 0, allocatedBytes: 0x1000))
        #expect(a.occupancy(in: 0x4800..<0x5800) == BuddyOccupancy(freeBytes: 0x800, allocatedBytes: 0x800))
        #expect(a.occupancy(in: 0x9001..<0x9002) == BuddyOccupancy(freeBytes: 1, allocatedBytes: 0))
        #expect(a.occupancy(in: -100..<0x100) == BuddyOccupancy(freeBytes: 0, allocatedBytes: 0x100))
        #expect(a.occupancy(in: 0xFF00..<0x20000) == BuddyOccupancy(freeBytes: 0x100, allocatedBytes: 0))
        #expect(a.occupancy(in: 0x5000..<0x5000) == BuddyOccupancy())
    }

    @Test(arguments: BuddyImplementation.allCases)
    func liveBlocksReportRequestedAndGrantedSizes(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        _ = try a.allocate(byteCount: 9000)      // order 2 at 0
        _ = try a.allocate(order: 0)         // order 0 at 0x4000, requested = granted
        _ = try a.allocate(byteCount: 1)         // order 0 at 0x5000
        #expect(a.liveBlocks == [
            BuddyBlock(offset: 0, order: 2, requestedBytes: 9000, grantedBytes: 16384),
            BuddyBlock(offset: 0x4000, order: 0, requestedBytes: 4096, grantedBytes: 4096),
            BuddyBlock(offset: 0x5000, order: 0, requestedBytes: 1, grantedBytes: 4096),
        ])
        #expect(a.liveBlock(at: 0x4000)?.order == 0)
        #expect(a.liveBlock(at: 0x1000) == nil)
        #expect(a.liveBlock(at: 0x5001) == nil)
        #expect(a.liveBlock(at: 0x20000) == nil)
        #expect(a.liveBlockCount == 3)
        #expect(a.requestedBytes == 13097)
        #expect(a.grantedBytes == 24576)
        #expect(a.liveBlocks[0].internalFragmentation == 7384)
    }

    @Test(arguments: BuddyImplementation.allCases)
    func metricsFollowTheReferenceFormulas(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        _ = try a.allocate(byteCount: 3000)   // free: 4K, 8K, 16K, 32K
        let m = a.metrics
        #expect(m.capacity == 65536)
        #expect(m.freeBytes == 61440)
        #expect(m.largestFreeBlock == 32768)
        #expect(m.freeBlockCount == 4)
        #expect(m.liveBlockCount == 1)
        #expect(m.internalFragmentation == 1096)
        #expect(abs(m.externalFragmentation - (1 - 32768.0 / 61440.0)) < 1e-12)
        // 15 free units: order j needs 2^j-unit blocks.
        let index = a.unusableFreeSpaceIndex
        #expect(index.count == 5)
        #expect(index[0] == 0)
        #expect(abs(index[1] - 1.0 / 15) < 1e-12)
        #expect(abs(index[2] - 3.0 / 15) < 1e-12)
        #expect(abs(index[3] - 7.0 / 15) < 1e-12)
        #expect(index[4] == 1)
    }

    @Test(arguments: BuddyImplementation.allCases)
    func deallocateByOffsetFindsTheOrder(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        let x = try a.allocate(byteCount: 20000)  // order 3
        try a.deallocate(offset: x)
        #expect(a.freeBlockCounts == [0, 0, 0, 0, 1])
        #expect(throws: BuddyError.noLiveBlock(offset: x)) { try a.deallocate(offset: x) }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func wholeRegionAllocationAndExhaustion(_ impl: BuddyImplementation) throws {
        var a = impl.make(configuration: Self.small)
        #expect(try a.allocate(byteCount: 65536) == 0)
        #expect(a.freeBlockCounts == [0, 0, 0, 0, 0])
        #expect(a.largestFreeOrder == nil)
        #expect(a.metrics.externalFragmentation == 0)
        #expect(a.unusableFreeSpaceIndex == [1, 1, 1, 1, 1])
        #expect(throws: BuddyError.outOfMemory(order: 0)) { try a.allocate(order: 0) }
        try a.deallocate(offset: 0, order: 4)
        try a.checkInvariants()
    }
}
