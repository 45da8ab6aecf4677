import Testing
@testable import Allocators

/// The workshop's benchmark at small scale, plus value semantics.
@Suite struct BuddyScenarioTests {
    @Test(arguments: BuddyImplementation.allCases)
    func fillWithMinimumBlocksThenFreeEverything(_ impl: BuddyImplementation) throws {
        let config = TestConfigurations.standard
        var a = impl.make(configuration: config)
        var offsets: [Int] = []
        for i in 0..<config.minimumBlockCount {
            let offset = try a.allocate(order: 0)
            #expect(offset == i * 4096)
            offsets.append(offset)
        }
        #expect(a.freeBlockCounts == Array(repeating: 0, count: 9))
        #expect(a.occupancy(in: 0..<config.totalSize) == BuddyOccupancy(freeBytes: 0, allocatedBytes: 1 << 20))
        #expect(throws: BuddyError.outOfMemory(order: 0)) { try a.allocate(order: 0) }
        try a.checkInvariants()
        for (i, offset) in offsets.enumerated() {
            try a.deallocate(offset: offset, order: 0)
            if i % 37 == 0 { try a.checkInvariants() }
        }
        #expect(a.freeBlockCounts == [0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(a.liveBlockCount == 0)
        try a.checkInvariants()
    }

    @Test(arguments: BuddyImplementation.allCases)
    func fillThenFreeInReverseAndInterleavedOrders(_ impl: BuddyImplementation) throws {
        let config = TestConfigurations.small
        for pattern in 0..<3 {
            var a = impl.make(configuration: config)
            let offsets = try (0..<16).map { _ throws(BuddyError) in try a.allocate(order: 0) }
            let order: [Int] = switch pattern {
            case 0: Array(offsets.reversed())
            case 1: offsets.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                  + offsets.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            default: [5, 9, 0, 15, 3, 12, 7, 1, 14, 2, 11, 6, 10, 4, 13, 8].map { offsets[$0] }
            }
            for (step, offset) in order.enumerated() {
                try a.deallocate(offset: offset, order: 0)
                try a.checkInvariants()
                if pattern == 1 && step == 7 {
                    #expect(a.freeBlockCounts == [8, 0, 0, 0, 0])  // every other block: nothing merges
                    #expect(a.metrics.externalFragmentation == 1 - 4096.0 / 32768.0)
                }
            }
            #expect(a.freeBlockCounts == [0, 0, 0, 0, 1])
        }
    }

    @Test(arguments: BuddyImplementation.allCases)
    func copiesAreIndependentValues(_ impl: BuddyImplementation) throws {
        var original = impl.make(configuration: TestConfigurations.small)
        _ = try original.allocate(order: 1)
        let saved = original.snapshot
        var copy = original
        _ = try copy.allocate(order: 0)
        try copy.deallocate(offset: 0, order: 1)
        #expect(original.snapshot == saved)
        #expect(copy.snapshot != saved)
        try original.checkInvariants()
        try copy.checkInvariants()
        // And the other way round: changing the original leaves the copy alone.
        let copySaved = copy.snapshot
        try original.deallocate(offset: 0, order: 1)
        #expect(copy.snapshot == copySaved)
        #expect(original.freeBlockCounts == [0, 0, 0, 0, 1])
    }

    @Test func linkedListCopyOnWriteKeepsNodesApart() {
        var a = LinkedBlockList()
        for offset in [0x4000, 0x1000, 0x3000] { a.insert(offset) }
        var b = a
        let removed = b.remove(0x3000)
        #expect(removed)
        b.insert(0x2000)
        #expect(a.ascendingOffsets == [0x1000, 0x3000, 0x4000])
        #expect(b.ascendingOffsets == [0x1000, 0x2000, 0x4000])
        #expect(a.removeLowest() == 0x1000)
        #expect(b.lowest == 0x1000)
        let missing = a.remove(0x9000)
        #expect(!missing)
        #expect(a.count == 2)
    }

    @Test func arrayListKeepsAddressOrder() {
        var a = ArrayBlockList()
        for offset in [0x4000, 0x1000, 0x3000, 0x2000] { a.insert(offset) }
        #expect(a.ascendingOffsets == [0x1000, 0x2000, 0x3000, 0x4000])
        #expect(a.lowest == 0x1000)
        #expect(a.contains(0x3000))
        let first = a.remove(0x3000)
        let second = a.remove(0x3000)
        #expect(first && !second)
        #expect(!a.contains(0x3000))
        #expect(a.removeLowest() == 0x1000)
        #expect(a.ascendingOffsets == [0x2000, 0x4000])
    }

    @Test func longLinkedListsTearDownWithoutRecursion() {
        var list = LinkedBlockList()
        // Descending inserts land at the head: O(1) each.
        for offset in stride(from: 200_000, to: 0, by: -1) { list.insert(offset) }
        #expect(list.count == 200_000)
        #expect(list.lowest == 1)
        list = LinkedBlockList()  // the old chain is released here
    }

    @Test func implementationsAreNamed() {
        #expect(BuddyImplementation.allCases.map(\.name) == ["bitmap", "array-list", "linked-list"])
        #expect(BuddyImplementation(rawValue: "array-list") == .arrayList)
        #expect(BitmapBuddyAllocator.implementationName == "bitmap")
        #expect(LinkedListBuddyAllocator.implementationName == "linked-list")
        #expect(ArrayListBuddyAllocator().configuration == .default)
    }
}
