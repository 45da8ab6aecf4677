/// The shape of a buddy allocator's region: a minimum block size and a number of orders.
///
/// Order `k` is a block of `minimumBlockSize << k` bytes; the whole region is one block of
/// order `maxOrder`, so `totalSize == minimumBlockSize << maxOrder`. The default is 4 KiB
/// blocks in a 1 MiB region (`maxOrder == 8`).
public struct BuddyConfiguration: Hashable, Sendable, CustomStringConvertible {
    /// Size of an order-0 block in bytes, a power of two.
    public let minimumBlockSize: Int
    /// The largest order: the whole region is one block of this order.
    public let maxOrder: Int

    /// The largest `maxOrder` any configuration may have: 2^28 minimum blocks.
    ///
    /// Implementations keep per-block state for every minimum block: the bitmap implementation
    /// about ``bookkeepingBytesPerMinimumBlock`` bytes (a requested-bytes word and two bits per
    /// block of every order), so order 28 takes about 2.3 GiB of bookkeeping and order 32 would
    /// take 36 GiB. Deeper trees are refused with the figure (``BuddyConfigurationError/maxOrderTooLarge(_:limit:)``).
    public static let maximumSupportedOrder = 28

    /// Bytes of bookkeeping the bitmap implementation keeps per minimum block, rounded up:
    /// an 8-byte requested size, and a free bit, a summary bit and an allocated bit per block
    /// of every order (about 2 × 2 bits per minimum block over all orders).
    public static let bookkeepingBytesPerMinimumBlock = 9

    /// An estimate of the bookkeeping the bitmap implementation allocates for this shape:
    /// ``bookkeepingBytesPerMinimumBlock`` per minimum block. The list implementations start
    /// small and grow with the number of free and live blocks (up to a few words per block).
    @inlinable public var bookkeepingBytes: Int { minimumBlockCount &* Self.bookkeepingBytesPerMinimumBlock }

    /// The largest total size a configuration may have (offsets and sizes stay far from overflow).
    public static let maximumTotalSize = 1 << 62

    /// The default: 4 KiB minimum blocks, 1 MiB in total.
    public static let `default` = try! BuddyConfiguration(minimumBlockSize: 4096, maxOrder: 8)

    /// Creates a configuration from a minimum block size and a maximum order.
    /// - Throws: ``BuddyConfigurationError`` when the block size is not a positive power of two,
    ///   the order is negative or above ``maximumSupportedOrder``, or the total size would not fit.
    public init(minimumBlockSize: Int = 4096, maxOrder: Int = 8) throws(BuddyConfigurationError) {
        guard minimumBlockSize > 0 else { throw .minimumBlockSizeNotPositive(minimumBlockSize) }
        guard minimumBlockSize & (minimumBlockSize - 1) == 0 else {
            throw .minimumBlockSizeNotPowerOfTwo(minimumBlockSize)
        }
        guard maxOrder >= 0 else { throw .maxOrderNegative(maxOrder) }
        guard maxOrder <= Self.maximumSupportedOrder else {
            throw .maxOrderTooLarge(maxOrder, limit: Self.maximumSupportedOrder)
        }
        guard minimumBlockSize <= Self.maximumTotalSize >> maxOrder else {
            throw .totalSizeTooLarge(minimumBlockSize: minimumBlockSize, maxOrder: maxOrder)
        }
        self.minimumBlockSize = minimumBlockSize
        self.maxOrder = maxOrder
    }

    /// Creates a configuration from a minimum block size and a total size.
    /// - Throws: ``BuddyConfigurationError`` when either size is not a positive power of two,
    ///   the total is smaller than the minimum block, or the tree would be too deep.
    public init(minimumBlockSize: Int = 4096, totalSize: Int) throws(BuddyConfigurationError) {
        guard totalSize > 0 else { throw .totalSizeNotPositive(totalSize) }
        guard totalSize & (totalSize - 1) == 0 else { throw .totalSizeNotPowerOfTwo(totalSize) }
        guard minimumBlockSize > 0 else { throw .minimumBlockSizeNotPositive(minimumBlockSize) }
        guard minimumBlockSize & (minimumBlockSize - 1) == 0 else {
            throw .minimumBlockSizeNotPowerOfTwo(minimumBlockSize)
        }
        guard totalSize >= minimumBlockSize else {
            throw .totalSizeSmallerThanMinimumBlock(totalSize: totalSize, minimumBlockSize: minimumBlockSize)
        }
        let order = totalSize.trailingZeroBitCount - minimumBlockSize.trailingZeroBitCount
        try self.init(minimumBlockSize: minimumBlockSize, maxOrder: order)
    }

    /// Total bytes managed: `minimumBlockSize << maxOrder`.
    @inlinable public var totalSize: Int { minimumBlockSize &<< maxOrder }

    /// Number of orders, `maxOrder + 1`.
    @inlinable public var orderCount: Int { maxOrder &+ 1 }

    /// Number of minimum blocks in the region, `1 << maxOrder`.
    @inlinable public var minimumBlockCount: Int { 1 &<< maxOrder }

    /// log2 of the minimum block size.
    @inlinable public var minimumBlockShift: Int { minimumBlockSize.trailingZeroBitCount }

    /// Size in bytes of a block of `order`.
    @inlinable public func blockSize(order: Int) -> Int { minimumBlockSize &<< order }

    /// Number of blocks of `order` that tile the region, `1 << (maxOrder - order)`.
    @inlinable public func blockCount(order: Int) -> Int { 1 &<< (maxOrder &- order) }

    /// The smallest order whose blocks hold `bytes`, or nil when `bytes` is not positive or
    /// larger than the whole region.
    /// - Complexity: O(1).
    @inlinable public func order(forBytes bytes: Int) -> Int? {
        guard bytes > 0, bytes <= totalSize else { return nil }
        if bytes <= minimumBlockSize { return 0 }
        let units = (bytes &- 1) &>> minimumBlockShift  // ≥ 1
        return Int.bitWidth &- units.leadingZeroBitCount
    }

    /// A short description such as `1 MiB of 4 KiB blocks (orders 0...8)`.
    public var description: String {
        "\(Self.formatBytes(totalSize)) of \(Self.formatBytes(minimumBlockSize)) blocks (orders 0...\(maxOrder))"
    }

    /// `count << shift` bytes (which may not fit in an `Int`) in the largest binary unit, with
    /// one decimal when not whole: `33 GiB`, `2.3 GiB`.
    static func formatApproximateBytes(_ count: Int, shift: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        let unit = min(units.count - 1, max(0, (shift + (Int.bitWidth - count.leadingZeroBitCount) - 1) / 10))
        let value = Double(count) * Double(sign: .plus, exponent: shift - unit * 10, significand: 1)
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// Formats a power-of-two-ish byte count as `B`, `KiB`, `MiB`, `GiB` or `TiB` when exact.
    public static func formatBytes(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, value % 1024 == 0, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(value) \(units[unit])"
    }
}

/// Why a ``BuddyConfiguration`` cannot be made.
public enum BuddyConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The minimum block size is zero or negative.
    case minimumBlockSizeNotPositive(Int)
    /// The minimum block size is not a power of two.
    case minimumBlockSizeNotPowerOfTwo(Int)
    /// The total size is zero or negative.
    case totalSizeNotPositive(Int)
    /// The total size is not a power of two.
    case totalSizeNotPowerOfTwo(Int)
    /// The total size is smaller than one minimum block.
    case totalSizeSmallerThanMinimumBlock(totalSize: Int, minimumBlockSize: Int)
    /// The maximum order is negative.
    case maxOrderNegative(Int)
    /// The maximum order is above ``BuddyConfiguration/maximumSupportedOrder``.
    case maxOrderTooLarge(Int, limit: Int)
    /// `minimumBlockSize << maxOrder` is above ``BuddyConfiguration/maximumTotalSize``.
    case totalSizeTooLarge(minimumBlockSize: Int, maxOrder: Int)

    /// A sentence naming the value and the rule it breaks.
    public var description: String {
        switch self {
        case .minimumBlockSizeNotPositive(let size):
            "minimum block size must be positive, got \(size)"
        case .minimumBlockSizeNotPowerOfTwo(let size):
            "minimum block size must be a power of two, got \(size)"
        case .totalSizeNotPositive(let size):
            "total size must be positive, got \(size)"
        case .totalSizeNotPowerOfTwo(let size):
            "total size must be a power of two, got \(size)"
        case .totalSizeSmallerThanMinimumBlock(let total, let minimum):
            "total size \(total) is smaller than the minimum block size \(minimum)"
        case .maxOrderNegative(let order):
            "maximum order must not be negative, got \(order)"
        case .maxOrderTooLarge(let order, let limit):
            "maximum order \(order) is above the supported limit \(limit): the bookkeeping of 2^\(order) minimum blocks would take about "
                + BuddyConfiguration.formatApproximateBytes(BuddyConfiguration.bookkeepingBytesPerMinimumBlock, shift: order)
        case .totalSizeTooLarge(let minimum, let order):
            "total size \(minimum) << \(order) does not fit (limit 2^62 bytes)"
        }
    }
}
