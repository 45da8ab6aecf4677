import Allocators

/// Byte counts of a buddy tree inside an address range, for aggregated cells.
public struct BuddyRangeBytes: Hashable, Sendable {
    /// Bytes of the range inside free blocks.
    public var free: Int
    /// Bytes of the range inside allocated blocks (granted, including internal waste).
    public var allocated: Int
    /// Of `allocated`, the bytes that are internal waste (granted but not requested).
    /// Sources that cannot answer this cheaply return 0.
    public var wasted: Int

    /// Creates a byte count.
    public init(free: Int, allocated: Int, wasted: Int = 0) {
        self.free = free
        self.allocated = allocated
        self.wasted = wasted
    }

    /// `free + allocated`.
    public var total: Int { free + allocated }

    /// Share of the range that is allocated, 0...1 (0 for an empty range).
    public var allocatedFraction: Double { total == 0 ? 0 : Double(allocated) / Double(total) }
}

/// What the buddy panel asks of a buddy allocator. Adapters wrap the real allocators; the
/// panel asks at most a few queries per screen cell, never iterates blocks, so the cost of a
/// frame follows the screen size.
///
/// Orders are `0...maxOrder`; order `k` blocks are `minBlockSize << k` bytes; the region is
/// `minBlockSize << maxOrder` bytes.
public protocol BuddyTreeSource {
    /// Size in bytes of an order-0 block (a power of two).
    var minBlockSize: Int { get }
    /// The top order: the whole region is one block of this order.
    var maxOrder: Int { get }
    /// The state of node `node`.
    func state(of node: BuddyNodeID) -> BuddyNodeState
    /// Free, allocated and wasted bytes inside the byte range `range` (clamped to the region).
    func bytes(in range: Range<Int>) -> BuddyRangeBytes
    /// Free block counts per order (`result[k]` = free blocks of order `k`), like /proc/buddyinfo.
    func freeBlockCounts() -> [Int]
    /// The requested size of the allocated block `node`, when known (nil otherwise).
    func requestedBytes(of node: BuddyNodeID) -> Int?
    /// A short label (a handle name such as `"A"`) for the allocated block `node`, when there is one.
    func label(of node: BuddyNodeID) -> String?
}

extension BuddyTreeSource {
    /// Default: requested sizes unknown.
    public func requestedBytes(of node: BuddyNodeID) -> Int? { nil }
    /// Default: no labels.
    public func label(of node: BuddyNodeID) -> String? { nil }
    /// Total size of the region in bytes.
    public var regionSize: Int { minBlockSize << maxOrder }
    /// The root node of the tree.
    public var root: BuddyNodeID { BuddyNodeID(order: maxOrder, index: 0) }
}
