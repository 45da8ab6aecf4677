/// Why a buddy allocation or deallocation failed. A failed operation changes nothing.
public enum BuddyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `allocate(order:)` with an order outside `0...maxOrder`.
    case orderOutOfRange(order: Int, maxOrder: Int)
    /// A requested byte count that is not positive or does not fit the granted block.
    case invalidByteCount(bytes: Int, blockSize: Int)
    /// A request larger than the whole region.
    case requestTooLarge(bytes: Int, totalSize: Int)
    /// No free block of the order or above.
    case outOfMemory(order: Int)
    /// `deallocate` with an offset outside the region (or a negative one) or an order out of range.
    case offsetOutOfRange(offset: Int, order: Int)
    /// `deallocate` with an offset that is not a multiple of the block size of its order.
    case misalignedOffset(offset: Int, order: Int)
    /// `deallocate` of a block that is allocated at this offset, but with another order.
    case wrongOrder(offset: Int, order: Int, allocatedOrder: Int)
    /// `deallocate` of a block that is not allocated (already free, inside another block, never allocated).
    case notAllocated(offset: Int, order: Int)
    /// `deallocate(offset:)` (order not given) where no live block starts.
    case noLiveBlock(offset: Int)

    /// A sentence describing the failure.
    public var description: String {
        switch self {
        case .orderOutOfRange(let order, let maxOrder):
            "order \(order) is outside 0...\(maxOrder)"
        case .invalidByteCount(let bytes, let blockSize):
            "requested byte count \(bytes) must be in 1...\(blockSize)"
        case .requestTooLarge(let bytes, let total):
            "request of \(bytes) bytes is larger than the whole region (\(total) bytes)"
        case .outOfMemory(let order):
            "no free block of order \(order) or above"
        case .offsetOutOfRange(let offset, let order):
            "offset \(hexLiteral(offset)) with order \(order) is outside the region"
        case .misalignedOffset(let offset, let order):
            "offset \(hexLiteral(offset)) is not aligned to the size of an order-\(order) block"
        case .wrongOrder(let offset, let order, let allocated):
            "block at \(hexLiteral(offset)) is allocated with order \(allocated), not \(order)"
        case .notAllocated(let offset, let order):
            "no allocated order-\(order) block at \(hexLiteral(offset))"
        case .noLiveBlock(let offset):
            "no live block starts at \(hexLiteral(offset))"
        }
    }
}
