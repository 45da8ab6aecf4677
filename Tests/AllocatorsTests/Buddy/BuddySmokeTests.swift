import Testing
@testable import Allocators

@Suite struct BuddySmokeTests {
    @Test func fillAndFree() throws {
        let config = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 65536)
        for impl in BuddyImplementation.allCases {
            var a = impl.make(configuration: config)
            var offsets: [Int] = []
            for _ in 0..<16 { offsets.append(try a.allocate(bytes: 4096)) }
            #expect(offsets == (0..<16).map { $0 * 4096 })
            try a.checkInvariants()
            for o in offsets { try a.deallocate(offset: o, order: 0); try a.checkInvariants() }
            #expect(a.freeBlockCounts == [0, 0, 0, 0, 1])
        }
    }
}
