/// A seeded random workload: the parameters of a `random` script line or the `n` key.
///
/// Each operation draws from a ``SplitMix64Generator`` stream: a number in 0..<100 picks the kind
/// (free below `freePercent`, reallocate below `freePercent + reallocPercent`, else allocate;
/// free and reallocate fall back to allocate when no automatic handle is live), then the
/// victim (uniform over the live automatic handles in allocation order), the size (uniform in
/// `sizes`) and the alignment (`2^k`, `k` uniform over the exponents of `alignments`).
/// The same seed always yields the same operations, on every machine.
public struct RandomWorkload: Sendable, Hashable {
    /// The seed of the stream.
    public var seed: UInt64
    /// Request sizes in bytes (inclusive).
    public var sizes: ClosedRange<Int>
    /// Percent of operations that free a live block.
    public var freePercent: Int
    /// Percent of operations that reallocate a live block.
    public var reallocPercent: Int
    /// Alignments (powers of two, inclusive), or `nil` for the allocator's default.
    public var alignments: ClosedRange<Int>?

    /// Creates a workload.
    public init(seed: UInt64, sizes: ClosedRange<Int>, freePercent: Int = 40, reallocPercent: Int = 0,
                alignments: ClosedRange<Int>? = nil) {
        self.seed = seed
        self.sizes = sizes
        self.freePercent = freePercent
        self.reallocPercent = reallocPercent
        self.alignments = alignments
    }

    /// The session's default for the live `n` key: 16 B to 4 KiB, 40 % frees, 10 % reallocations.
    public static let interactiveDefault = RandomWorkload(seed: 1, sizes: 16...4096, freePercent: 40, reallocPercent: 10)

    /// One operation the workload chose, in terms of the live pool of automatic handles.
    public enum Choice: Sendable, Hashable {
        /// Allocate a new automatic handle.
        case allocate(size: Int, alignment: Int?)
        /// Free the pool entry at this index.
        case free(poolIndex: Int)
        /// Reallocate the pool entry at this index to a new size.
        case reallocate(poolIndex: Int, size: Int)
    }

    /// Draws the next operation given how many automatic handles are live.
    /// - Complexity: O(1).
    public func choose(liveCount: Int, using generator: inout SplitMix64Generator) -> Choice {
        let roll = Int(generator.below(100))
        if liveCount > 0 && roll < freePercent {
            return .free(poolIndex: Int(generator.below(UInt64(liveCount))))
        }
        if liveCount > 0 && roll < freePercent + reallocPercent {
            let index = Int(generator.below(UInt64(liveCount)))
            return .reallocate(poolIndex: index, size: generator.uniform(sizes))
        }
        let size = generator.uniform(sizes)
        var alignment: Int?
        if let alignments {
            let low = alignments.lowerBound.trailingZeroBitCount
            let high = alignments.upperBound.trailingZeroBitCount
            alignment = 1 << generator.uniform(low...high)
        }
        return .allocate(size: size, alignment: alignment)
    }
}
