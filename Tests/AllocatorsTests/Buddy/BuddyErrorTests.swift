import Testing
@testable import Allocators

/// Every misuse is a typed error that leaves the allocator exactly as it was.
@Suite struct BuddyErrorTests {
    /// A 64 KiB allocator holding an order-1 block at 0x0000 and an order-0 block at 0x2000.
    static func prepared(_ impl: BuddyImplementation) throws -> any BuddyAllocator {
        var a = impl.make(configuration: TestConfigurations.small)
        #expect(try a.allocate(order: 1) == 0)
        #expect(try a.allocate(byteCount: 100) == 0x2000)
        return a
    }

    /// Runs `body`, expects `expected`, and checks that nothing changed.
    static func expectUnchanged(
        _ impl: BuddyImplementation, _ expected: BuddyError,
        _ body: (inout any BuddyAllocator) throws(BuddyError) -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var a = try prepared(impl)
        let before = a.snapshot
        #expect(throws: expected, sourceLocation: sourceLocation) { try body(&a) }
        #expect(a.snapshot == before, sourceLocation: sourceLocation)
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func doubleFree(_ impl: BuddyImplementation) throws {
        var a = try Self.prepared(impl)
        try a.deallocate(offset: 0x2000, order: 0)
        let before = a.snapshot
        #expect(throws: BuddyError.notAllocated(offset: 0x2000, order: 0)) { try a.deallocate(offset: 0x2000, order: 0) }
        #expect(a.snapshot == before)
    }

    @Test(arguments: BuddyImplementation.allCases)
    func wrongOrder(_ impl: BuddyImplementation) throws {
        try Self.expectUnchanged(impl, .wrongOrder(offset: 0, order: 0, allocatedOrder: 1)) { a throws(BuddyError) in
            try a.deallocate(offset: 0, order: 0)
        }
        try Self.expectUnchanged(impl, .wrongOrder(offset: 0, order: 2, allocatedOrder: 1)) { a throws(BuddyError) in
            try a.deallocate(offset: 0, order: 2)
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func misalignedOffset(_ impl: BuddyImplementation) throws {
        try Self.expectUnchanged(impl, .misalignedOffset(offset: 0x2001, order: 0)) { a throws(BuddyError) in
            try a.deallocate(offset: 0x2001, order: 0)
        }
        try Self.expectUnchanged(impl, .misalignedOffset(offset: 0x1000, order: 1)) { a throws(BuddyError) in
            try a.deallocate(offset: 0x1000, order: 1)
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func outOfRange(_ impl: BuddyImplementation) throws {
        try Self.expectUnchanged(impl, .offsetOutOfRange(offset: 0x10000, order: 0)) { a throws(BuddyError) in
            try a.deallocate(offset: 0x10000, order: 0)
        }
        try Self.expectUnchanged(impl, .offsetOutOfRange(offset: -4096, order: 0)) { a throws(BuddyError) in
            try a.deallocate(offset: -4096, order: 0)
        }
        try Self.expectUnchanged(impl, .offsetOutOfRange(offset: 0, order: 5)) { a throws(BuddyError) in
            try a.deallocate(offset: 0, order: 5)
        }
        try Self.expectUnchanged(impl, .offsetOutOfRange(offset: 0, order: -1)) { a throws(BuddyError) in
            try a.deallocate(offset: 0, order: -1)
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func freeingWhatWasNeverAllocated(_ impl: BuddyImplementation) throws {
        // A free block, a block inside a free block, a block inside an allocated block.
        for (offset, order) in [(0x8000, 3), (0x4000, 0), (0x1000, 0), (0x3000, 0)] {
            try Self.expectUnchanged(impl, .notAllocated(offset: offset, order: order)) { a throws(BuddyError) in
                try a.deallocate(offset: offset, order: order)
            }
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func badRequests(_ impl: BuddyImplementation) throws {
        try Self.expectUnchanged(impl, .orderOutOfRange(order: 5, maxOrder: 4)) { a throws(BuddyError) in _ = try a.allocate(order: 5) }
        try Self.expectUnchanged(impl, .orderOutOfRange(order: -1, maxOrder: 4)) { a throws(BuddyError) in _ = try a.allocate(order: -1) }
        try Self.expectUnchanged(impl, .invalidByteCount(bytes: 0, blockSize: 4096)) { a throws(BuddyError) in _ = try a.allocate(byteCount: 0) }
        try Self.expectUnchanged(impl, .invalidByteCount(bytes: -1, blockSize: 4096)) { a throws(BuddyError) in _ = try a.allocate(byteCount: -1) }
        try Self.expectUnchanged(impl, .requestTooLarge(bytes: 65537, totalSize: 65536)) { a throws(BuddyError) in _ = try a.allocate(byteCount: 65537) }
        try Self.expectUnchanged(impl, .invalidByteCount(bytes: 4097, blockSize: 4096)) { a throws(BuddyError) in
            var ignore = IgnoreEvents()
            _ = try a.allocate(order: 0, requestedBytes: 4097, observer: &ignore)
        }
        try Self.expectUnchanged(impl, .outOfMemory(order: 4)) { a throws(BuddyError) in _ = try a.allocate(order: 4) }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func failedOperationsEmitNoEvents(_ impl: BuddyImplementation) throws {
        var a = try Self.prepared(impl)
        var log = CollectEvents<BuddyEvent>()
        #expect(throws: BuddyError.self) { try a.allocate(order: 4, observer: &log) }
        #expect(throws: BuddyError.self) { try a.deallocate(offset: 0x1000, order: 0, observer: &log) }
        #expect(log.events.isEmpty)
    }

    @Test func errorsDescribeThemselves() {
        #expect(BuddyError.notAllocated(offset: 0x3000, order: 0).description == "no allocated order-0 block at 0x3000")
        #expect(BuddyError.wrongOrder(offset: 0, order: 0, allocatedOrder: 1).description == "block at 0x0 is allocated with order 1, not 0")
        #expect(BuddyError.outOfMemory(order: 2).description == "no free block of order 2 or above")
    }

    @Test func nodeStateOutsideTheTreeTraps() async {
        await #expect(processExitsWith: .failure) {
            let a = BitmapBuddyAllocator(configuration: .default)
            _ = a.nodeState(order: 9, index: 0)
        }
        await #expect(processExitsWith: .failure) {
            let a = ArrayListBuddyAllocator(configuration: .default)
            _ = a.nodeState(order: 0, index: 256)
        }
    }
}

@Suite struct BuddyHardeningTests {
    @Test func describingTheMostNegativeOffsetDoesNotTrap() {
        #expect(BuddyError.offsetOutOfRange(offset: Int.min, order: 0).description
                == "offset -0x8000000000000000 with order 0 is outside the region")
        var a = BitmapBuddyAllocator()
        do {
            try a.deallocate(offset: Int.min, order: 0)
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.hasPrefix("offset -0x8000000000000000"))
        }
        #expect(BuddyError.noLiveBlock(offset: 0x40).description == "no live block starts at 0x40")
    }

    @Test(arguments: BuddyImplementation.allCases)
    func invariantsHoldForOffsetsAbove2To57(impl: BuddyImplementation) throws {
        var a = impl.make(configuration: try BuddyConfiguration(minimumBlockSize: 1 << 56, maxOrder: 6))
        _ = try a.allocate(order: 0)
        try a.checkInvariants()
        #expect(a.freeBlocks.map(\.offset).max() == 1 << 61)
    }

    /// Counts events; asks for none.
    struct Silent: BuddyEventObserver {
        static var wantsEvents: Bool { false }
        var seen = 0
        mutating func observe(_ event: BuddyEvent) { seen += 1 }
    }

    @Test func anObserverThatWantsNoEventsGetsNone() throws {
        var a = BitmapBuddyAllocator()
        var silent = Silent()
        let offset = try a.allocate(byteCount: 3000, observer: &silent)
        try a.deallocate(offset: offset, observer: &silent)
        #expect(silent.seen == 0)
        var all = CollectEvents<BuddyEvent>()
        _ = try a.allocate(byteCount: 3000, observer: &all)
        #expect(!all.events.isEmpty)
    }
}
