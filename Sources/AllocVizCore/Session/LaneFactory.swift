import Allocators

/// Builds lanes from configurations and knows which implementations exist.
public enum LaneFactory {
    /// The implementation names a script may give with `impl=` for a kind (the first is the default).
    public static func implementations(of kind: LaneKind) -> [String] {
        switch kind {
        case .buddy: return BuddyImplementation.allCases.map(\.name)
        case .heap: return heapMakers.keys.sorted { ($0 == "segregated" ? 0 : 1, $0) < ($1 == "segregated" ? 0 : 1, $1) }
        }
    }

    /// How to make each heap implementation over a region of the given size (requested sizes tracked).
    static let heapMakers: [String: @Sendable (Int) -> any HeapAllocator] = [
        "segregated": { SegregatedFitHeap(capacity: $0, tracksRequestedSizes: true) },
        "first-fit": { FirstFitHeap(capacity: $0, tracksRequestedSizes: true) },
    ]

    /// The largest heap a lane may have (the region is really allocated, and copied for the
    /// history's snapshots).
    public static let maximumHeapSize = 256 << 20
    /// The most minimum-size blocks a buddy lane may have.
    public static let maximumBuddyBlocks = 1 << 22

    /// The buddy's top order (`size / minimumBlock == 1 << maxOrder`).
    public static func maxOrder(of configuration: LaneConfiguration) -> Int {
        guard configuration.minimumBlock > 0, configuration.size >= configuration.minimumBlock else { return 0 }
        return (configuration.size / configuration.minimumBlock).trailingZeroBitCount
    }

    /// Why `configuration` cannot be built, or `nil` when it can.
    public static func problem(with configuration: LaneConfiguration) -> String? {
        let size = configuration.size
        switch configuration.kind {
        case .buddy:
            let minimum = configuration.minimumBlock
            guard minimum > 0, minimum & (minimum - 1) == 0 else {
                return "the minimum block must be a power of two, found \(minimum)"
            }
            guard size > 0, size & (size - 1) == 0 else {
                return "a buddy's total size must be a power of two (minimum block << max order), found \(size)"
            }
            guard size >= minimum else {
                return "the total size \(SizeLiteral.format(size)) is smaller than the minimum block \(SizeLiteral.format(minimum))"
            }
            guard size / minimum <= maximumBuddyBlocks else {
                return "\(SizeLiteral.format(size)) in \(SizeLiteral.format(minimum)) blocks is \(size / minimum) blocks; the limit is \(maximumBuddyBlocks) (raise min=)"
            }
        case .heap:
            guard size >= 256 else { return "a heap needs at least 256 bytes, found \(size)" }
            guard size <= maximumHeapSize else {
                return "a heap lane may have at most \(SizeLiteral.format(maximumHeapSize)), found \(SizeLiteral.format(size))"
            }
            guard size % 8 == 0 else { return "a heap's size must be a multiple of 8 bytes, found \(size)" }
        }
        return nil
    }
}
