import Testing
@testable import Allocators

@Suite struct FragmentationMetricsTests {
    @Test func externalFragmentationIsOneMinusLargestOverFree() {
        var free = FreeBlockAccumulator()
        free.add(size: 4096, blocks: 3)
        free.add(size: 8192)
        let m = FragmentationMetrics(capacity: 65536, requestedBytes: 1000, grantedBytes: 4096,
                                     liveBlockCount: 1, free: free)
        #expect(m.freeBytes == 20480)
        #expect(m.largestFreeBlock == 8192)
        #expect(abs(m.externalFragmentation - (1 - 8192.0 / 20480.0)) < 1e-12)
        #expect(m.internalFragmentation == 3096)
        let sawicki = 1 - (3 * 4096.0 * 4096.0 + 8192.0 * 8192.0).squareRoot() / 20480
        #expect(abs(m.sawickiFragmentation - sawicki) < 1e-12)
    }

    @Test func nothingFreeMeansNoExternalFragmentation() {
        let m = FragmentationMetrics(capacity: 4096, requestedBytes: 4096, grantedBytes: 4096,
                                     liveBlockCount: 1, free: FreeBlockAccumulator())
        #expect(m.externalFragmentation == 0)
        #expect(m.sawickiFragmentation == 0)
        #expect(m.utilisation == 1)
    }

    @Test func unusableFreeSpaceIndexMatchesLinuxFormula() {
        // Two free order-0 blocks and one free order-2 block: 6 free units.
        let index = UnusableFreeSpaceIndex.perOrder(freeCounts: [2, 0, 1, 0])
        #expect(index[0] == 0)
        #expect(abs(index[1] - 2.0 / 6.0) < 1e-12)
        #expect(abs(index[2] - 2.0 / 6.0) < 1e-12)
        #expect(index[3] == 1)
        #expect(UnusableFreeSpaceIndex.perOrder(freeCounts: [0, 0]) == [1, 1])
    }
}
