/// Fragmentation and utilisation figures shared by every allocator kind.
///
/// With free blocks of sizes `U_i`, `F = Σ U_i` and `L = max U_i`:
/// - external fragmentation is `1 - L / F` (0 when `F == 0`),
/// - Sawicki's metric is `1 - sqrt(Σ U_i²) / F` (0 when `F == 0`),
/// - internal fragmentation is `Σ (granted - requested)` over live blocks,
/// - utilisation is `requested / capacity`.
public struct FragmentationMetrics: Equatable, Sendable {
    /// Total bytes the allocator manages.
    public var capacity: Int
    /// Bytes the callers asked for, summed over live blocks.
    public var requestedBytes: Int
    /// Bytes the allocator handed out for live blocks (including rounding and, for heaps, headers).
    public var grantedBytes: Int
    /// Bytes in free blocks.
    public var freeBytes: Int
    /// Size of the largest free block in bytes.
    public var largestFreeBlock: Int
    /// Number of free blocks.
    public var freeBlockCount: Int
    /// Number of live (allocated) blocks.
    public var liveBlockCount: Int
    /// `Σ U_i²` over free blocks, kept as a `Double` to avoid overflow on huge regions.
    public var sumOfSquaredFreeSizes: Double

    /// Creates a metrics value from already accumulated figures.
    public init(
        capacity: Int, requestedBytes: Int, grantedBytes: Int, freeBytes: Int,
        largestFreeBlock: Int, freeBlockCount: Int, liveBlockCount: Int,
        sumOfSquaredFreeSizes: Double
    ) {
        self.capacity = capacity
        self.requestedBytes = requestedBytes
        self.grantedBytes = grantedBytes
        self.freeBytes = freeBytes
        self.largestFreeBlock = largestFreeBlock
        self.freeBlockCount = freeBlockCount
        self.liveBlockCount = liveBlockCount
        self.sumOfSquaredFreeSizes = sumOfSquaredFreeSizes
    }

    /// External fragmentation `1 - L / F`; 0 when nothing is free.
    public var externalFragmentation: Double {
        freeBytes == 0 ? 0 : 1 - Double(largestFreeBlock) / Double(freeBytes)
    }

    /// Sawicki's fragmentation metric `1 - sqrt(Σ U_i²) / F`; 0 when nothing is free.
    public var sawickiFragmentation: Double {
        freeBytes == 0 ? 0 : 1 - sumOfSquaredFreeSizes.squareRoot() / Double(freeBytes)
    }

    /// Internal fragmentation in bytes: `granted - requested` over live blocks.
    public var internalFragmentation: Int { grantedBytes - requestedBytes }

    /// Share of the capacity that callers actually asked for (`requested / capacity`).
    public var utilisation: Double {
        capacity == 0 ? 0 : Double(requestedBytes) / Double(capacity)
    }
}

/// Accumulates free-block sizes into a ``FragmentationMetrics`` value.
public struct FreeBlockAccumulator: Sendable {
    /// Sum of free block sizes.
    public private(set) var freeBytes = 0
    /// The largest free block seen.
    public private(set) var largest = 0
    /// Number of free blocks seen.
    public private(set) var count = 0
    /// Sum of squared free block sizes.
    public private(set) var sumOfSquares: Double = 0

    /// Creates an empty accumulator.
    public init() {}

    /// Adds `blocks` free blocks of `size` bytes each.
    /// - Complexity: O(1).
    public mutating func add(size: Int, blocks: Int = 1) {
        guard blocks > 0 else { return }
        freeBytes += size * blocks
        count += blocks
        if size > largest { largest = size }
        sumOfSquares += Double(size) * Double(size) * Double(blocks)
    }
}

extension FragmentationMetrics {
    /// Builds metrics from accumulated free blocks and live-block totals.
    public init(
        capacity: Int, requestedBytes: Int, grantedBytes: Int, liveBlockCount: Int,
        free: FreeBlockAccumulator
    ) {
        self.init(
            capacity: capacity, requestedBytes: requestedBytes, grantedBytes: grantedBytes,
            freeBytes: free.freeBytes, largestFreeBlock: free.largest,
            freeBlockCount: free.count, liveBlockCount: liveBlockCount,
            sumOfSquaredFreeSizes: free.sumOfSquares)
    }
}

/// Linux's unusable free space index (the `unusable_index` of the kernel's extfrag debugfs):
/// the share of free memory that sits in blocks too small for an order-`j` request.
public enum UnusableFreeSpaceIndex {
    /// The unusable free space index for every order `j` in `0..<freeCounts.count`, where
    /// `freeCounts[k]` is the number of free blocks of order `k` (blocks of `2^k` minimum units).
    ///
    /// `free = Σ n_k 2^k`, `suitable_j = Σ_{k≥j} n_k 2^(k-j)`,
    /// `index_j = (free - suitable_j 2^j) / free`; 1 when nothing is free.
    /// - Complexity: O(orders).
    public static func perOrder(freeCounts: [Int]) -> [Double] {
        let orders = freeCounts.count
        var freeUnits = 0.0
        for (k, n) in freeCounts.enumerated() { freeUnits += Double(n) * pow2(k) }
        guard freeUnits > 0 else { return Array(repeating: 1, count: orders) }
        var result = [Double](repeating: 0, count: orders)
        // Units held in blocks of order ≥ j, accumulated from the top order down.
        var unitsAtOrAbove = 0.0
        for j in stride(from: orders - 1, through: 0, by: -1) {
            unitsAtOrAbove += Double(freeCounts[j]) * pow2(j)
            result[j] = (freeUnits - unitsAtOrAbove) / freeUnits
        }
        return result
    }

    private static func pow2(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
}
