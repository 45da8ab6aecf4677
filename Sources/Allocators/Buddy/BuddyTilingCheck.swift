/// Checks that free and allocated blocks tile a buddy region exactly (shared by every implementation).
enum BuddyTilingCheck {
    /// A free block as a set key (any offset and order, no packing that could overflow).
    struct FreeBlockKey: Hashable {
        var offset: Int
        var order: Int
    }

    /// Verifies alignment, bounds, no overlap, no gap, and no two free buddies left unmerged.
    static func verify(
        configuration: BuddyConfiguration, free: [(offset: Int, order: Int)], live: [BuddyBlock]
    ) throws(BuddyInvariantViolation) {
        var all: [(offset: Int, order: Int, isFree: Bool)] = free.map { ($0.offset, $0.order, true) }
        all += live.map { ($0.offset, $0.order, false) }
        all.sort { $0.offset < $1.offset }
        var freeSet = Set<FreeBlockKey>()
        for block in all {
            guard block.order >= 0, block.order <= configuration.maxOrder else {
                throw BuddyInvariantViolation("block at \(hexLiteral(block.offset)) has order \(block.order) out of range")
            }
            let size = configuration.blockSize(order: block.order)
            guard block.offset >= 0, block.offset % size == 0, block.offset + size <= configuration.totalSize else {
                throw BuddyInvariantViolation("block at \(hexLiteral(block.offset)) of order \(block.order) is misaligned or out of range")
            }
            if block.isFree { freeSet.insert(FreeBlockKey(offset: block.offset, order: block.order)) }
        }
        var cursor = 0
        for block in all {
            guard block.offset == cursor else {
                throw BuddyInvariantViolation(block.offset < cursor
                    ? "block at \(hexLiteral(block.offset)) overlaps the block before it"
                    : "bytes \(hexLiteral(cursor))..<\(hexLiteral(block.offset)) are neither free nor allocated")
            }
            cursor += configuration.blockSize(order: block.order)
        }
        guard cursor == configuration.totalSize else {
            throw BuddyInvariantViolation("blocks end at \(hexLiteral(cursor)), region ends at \(hexLiteral(configuration.totalSize))")
        }
        for block in free where block.order < configuration.maxOrder {
            let buddy = block.offset ^ configuration.blockSize(order: block.order)
            if freeSet.contains(FreeBlockKey(offset: buddy, order: block.order)) {
                throw BuddyInvariantViolation("free order-\(block.order) buddies at \(hexLiteral(block.offset)) and \(hexLiteral(buddy)) were not merged")
            }
        }
    }

    /// Verifies that every live block's requested size fits its grant, and that the kept
    /// totals (block count, requested and granted bytes) agree with the live blocks.
    static func verifyTotals(
        live: [BuddyBlock], count: Int, requestedBytes: Int, grantedBytes: Int
    ) throws(BuddyInvariantViolation) {
        var requested = 0
        var granted = 0
        for block in live {
            guard block.requestedBytes > 0, block.requestedBytes <= block.grantedBytes else {
                throw BuddyInvariantViolation("live block \(block) has an impossible requested size")
            }
            requested += block.requestedBytes
            granted += block.grantedBytes
        }
        guard live.count == count, requested == requestedBytes, granted == grantedBytes else {
            throw BuddyInvariantViolation("totals (\(count) blocks, \(requestedBytes)/\(grantedBytes) B) disagree with the live blocks (\(live.count), \(requested)/\(granted) B)")
        }
    }
}
