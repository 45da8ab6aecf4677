import Allocators

/// A ``BuddyTreeSource`` that asks a buddy allocator directly: node states and range bytes
/// come from the allocator's own introspection (bitmap popcounts for the fast one), so a frame
/// costs the same whatever the number of blocks. Requested sizes and labels come from the
/// session's handle table, for the blocks it knows.
public struct BuddyAllocatorTreeSource: BuddyTreeSource {
    /// The allocator (a copy-on-write value: holding it here copies nothing).
    public let allocator: any BuddyAllocator
    /// Per block offset: the handle name and requested bytes.
    public let handles: [Int: (name: String, requested: Int)]

    /// Creates a source.
    public init(allocator: any BuddyAllocator, handles: [Int: (name: String, requested: Int)]) {
        self.allocator = allocator
        self.handles = handles
    }

    public var minBlockSize: Int { allocator.configuration.minimumBlockSize }
    public var maxOrder: Int { allocator.configuration.maxOrder }

    /// - Complexity: that of the allocator's `nodeState`.
    public func state(of node: BuddyNodeID) -> BuddyNodeState {
        allocator.nodeState(order: node.order, index: node.index)
    }

    /// - Complexity: that of the allocator's `occupancy(in:)`; waste is not counted here.
    public func bytes(in range: Range<Int>) -> BuddyRangeBytes {
        let occupancy = allocator.occupancy(in: range)
        return BuddyRangeBytes(free: occupancy.freeBytes, allocated: occupancy.allocatedBytes)
    }

    public func freeBlockCounts() -> [Int] { allocator.freeBlockCounts }

    public func requestedBytes(of node: BuddyNodeID) -> Int? {
        handles[node.offset(minBlockSize: minBlockSize)]?.requested
    }

    public func label(of node: BuddyNodeID) -> String? {
        handles[node.offset(minBlockSize: minBlockSize)]?.name
    }
}
