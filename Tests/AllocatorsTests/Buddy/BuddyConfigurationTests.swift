import Testing
@testable import Allocators

@Suite struct BuddyConfigurationTests {
    @Test func defaultIsOneMebibyteOfFourKibibyteBlocks() {
        let c = BuddyConfiguration.default
        #expect(c.minimumBlockSize == 4096)
        #expect(c.maxOrder == 8)
        #expect(c.totalSize == 1 << 20)
        #expect(c.orderCount == 9)
        #expect(c.minimumBlockCount == 256)
        #expect(c.description == "1 MiB of 4 KiB blocks (orders 0...8)")
    }

    @Test func totalSizeInitializerDerivesTheOrder() throws {
        let c = try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 1 << 30)
        #expect(c.maxOrder == 18)
        #expect(c.blockCount(order: 0) == 262_144)
        #expect(c.blockSize(order: 18) == 1 << 30)
        #expect(try BuddyConfiguration(minimumBlockSize: 64, totalSize: 64).maxOrder == 0)
    }

    @Test func orderForBytesRoundsUpToAPowerOfTwo() {
        let c = BuddyConfiguration.default
        #expect(c.order(forBytes: 1) == 0)
        #expect(c.order(forBytes: 4096) == 0)
        #expect(c.order(forBytes: 4097) == 1)
        #expect(c.order(forBytes: 8192) == 1)
        #expect(c.order(forBytes: 12 << 10) == 2)
        #expect(c.order(forBytes: 1 << 20) == 8)
        #expect(c.order(forBytes: (1 << 20) + 1) == nil)
        #expect(c.order(forBytes: 0) == nil)
        #expect(c.order(forBytes: -5) == nil)
    }

    @Test func impossibleValuesAreClearErrors() {
        #expect(throws: BuddyConfigurationError.minimumBlockSizeNotPositive(0)) {
            try BuddyConfiguration(minimumBlockSize: 0, maxOrder: 4)
        }
        #expect(throws: BuddyConfigurationError.minimumBlockSizeNotPositive(-4096)) {
            try BuddyConfiguration(minimumBlockSize: -4096, maxOrder: 4)
        }
        #expect(throws: BuddyConfigurationError.minimumBlockSizeNotPowerOfTwo(3000)) {
            try BuddyConfiguration(minimumBlockSize: 3000, maxOrder: 4)
        }
        #expect(throws: BuddyConfigurationError.maxOrderNegative(-1)) {
            try BuddyConfiguration(minimumBlockSize: 4096, maxOrder: -1)
        }
        #expect(throws: BuddyConfigurationError.maxOrderTooLarge(29, limit: 28)) {
            try BuddyConfiguration(minimumBlockSize: 1, maxOrder: 29)
        }
        #expect(throws: BuddyConfigurationError.totalSizeTooLarge(minimumBlockSize: 1 << 40, maxOrder: 28)) {
            try BuddyConfiguration(minimumBlockSize: 1 << 40, maxOrder: 28)
        }
        #expect(throws: BuddyConfigurationError.totalSizeNotPositive(0)) {
            try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 0)
        }
        #expect(throws: BuddyConfigurationError.totalSizeNotPowerOfTwo(3 << 20)) {
            try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 3 << 20)
        }
        #expect(throws: BuddyConfigurationError.totalSizeSmallerThanMinimumBlock(totalSize: 2048, minimumBlockSize: 4096)) {
            try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 2048)
        }
        #expect(throws: BuddyConfigurationError.minimumBlockSizeNotPowerOfTwo(24)) {
            try BuddyConfiguration(minimumBlockSize: 24, totalSize: 1024)
        }
    }

    @Test func errorsDescribeTheirValues() {
        #expect(BuddyConfigurationError.minimumBlockSizeNotPowerOfTwo(3000).description == "minimum block size must be a power of two, got 3000")
        #expect(BuddyConfigurationError.maxOrderTooLarge(40, limit: 28).description
                == "maximum order 40 is above the supported limit 28: the bookkeeping of 2^40 minimum blocks would take about 9 TiB")
    }

    /// Failed before: order 32 was accepted, then the bitmap implementation asked for 32 GiB.
    @Test func shapesWhoseBookkeepingWouldNotFitAreRefusedWithTheFigure() {
        #expect(throws: BuddyConfigurationError.maxOrderTooLarge(32, limit: 28)) {
            try BuddyConfiguration(minimumBlockSize: 1, maxOrder: 32)
        }
        #expect(BuddyConfigurationError.maxOrderTooLarge(32, limit: 28).description
                == "maximum order 32 is above the supported limit 28: the bookkeeping of 2^32 minimum blocks would take about 36 GiB")
        #expect(throws: BuddyConfigurationError.maxOrderTooLarge(32, limit: 28)) {
            try BuddyConfiguration(minimumBlockSize: 4096, totalSize: 1 << 44)
        }
    }

    @Test func largestSupportedShapesAreAccepted() throws {
        let deepest = try BuddyConfiguration(minimumBlockSize: 1, maxOrder: 28)
        #expect(deepest.totalSize == 1 << 28)
        #expect(deepest.bookkeepingBytes == 9 << 28)
        #expect(try BuddyConfiguration(minimumBlockSize: 1 << 34, maxOrder: 28).totalSize == 1 << 62)
    }
}
