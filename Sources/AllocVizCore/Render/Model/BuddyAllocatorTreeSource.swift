import Allocators

/// A ``BuddyTreeSource`` that asks a buddy allocator directly: node states and range bytes
/// come from the allocator's own introspection (bitmap popcounts for the fast one), so a frame
/// costs the same whatever the number of blocks. Requested sizes and labels come from the
/// session's handle table, for the blocks it knows.
public struct BuddyAllocatorTreeSource: BuddyTreeSource {
    /// The allocator (a copy-on-write value: holding it here copies nothing).
    public let allocator: any BuddyAllocator
    /// The lane whose handles name the blocks (``LaneState/owner(ofBlockAt:)``); nil: no names.
    public let lane: LaneState?

    /// Creates a source.
    public init(allocator: any BuddyAllocator, lane: LaneState? = nil) {
        self.allocator = allocator
        self.lane = lane
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
        lane?.owner(ofBlockAt: node.offset(minBlockSize: minBlockSize))?.requested
    }

    public func label(of node: BuddyNodeID) -> String? {
        lane?.owners[node.offset(minBlockSize: minBlockSize)]
    }
}
