/// The state of one node `(order, index)` of a buddy tree.
public enum BuddyNodeState: Hashable, Sendable {
    /// A free block of exactly this order.
    case free
    /// An allocated block of exactly this order.
    case allocated
    /// Split: its two halves (or their descendants) are blocks of lower orders.
    case split
    /// Part of a larger free block.
    case insideFree
    /// Part of a larger allocated block.
    case insideAllocated
}

/// A live (allocated) block.
public struct BuddyBlock: Hashable, Sendable, CustomStringConvertible {
    /// Byte offset of the block in the region.
    public var offset: Int
    /// The block's order.
    public var order: Int
    /// Bytes the caller asked for (equal to `grantedBytes` for `allocate(order:)`).
    public var requestedBytes: Int
    /// Bytes in the block, `minimumBlockSize << order`.
    public var grantedBytes: Int

    /// Creates a block description.
    public init(offset: Int, order: Int, requestedBytes: Int, grantedBytes: Int) {
        self.offset = offset
        self.order = order
        self.requestedBytes = requestedBytes
        self.grantedBytes = grantedBytes
    }

    /// Bytes wasted inside the block, `granted - requested`.
    public var internalFragmentation: Int { grantedBytes - requestedBytes }

    /// `order 2 at 0x4000: 9000 of 16384 B`.
    public var description: String {
        "order \(order) at \(hexLiteral(offset)): \(requestedBytes) of \(grantedBytes) B"
    }
}

/// Free and allocated bytes inside an address range.
public struct BuddyOccupancy: Hashable, Sendable {
    /// Bytes of the range inside free blocks.
    public var freeBytes: Int
    /// Bytes of the range inside allocated blocks (granted sizes, waste included).
    public var allocatedBytes: Int

    /// Creates an occupancy value.
    public init(freeBytes: Int = 0, allocatedBytes: Int = 0) {
        self.freeBytes = freeBytes
        self.allocatedBytes = allocatedBytes
    }
}

/// The first violated invariant found by `checkInvariants()`.
public struct BuddyInvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, in a sentence.
    public var description: String

    /// Creates a violation with a description.
    public init(_ description: String) { self.description = description }
}
