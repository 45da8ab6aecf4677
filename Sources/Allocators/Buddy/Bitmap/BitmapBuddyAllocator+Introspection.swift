extension BitmapBuddyAllocator {
    /// The kept count of free blocks of `order`. - Complexity: O(1).
    @inlinable public func freeBlockCount(order: Int) -> Int {
        guard order >= 0, order <= configuration.maxOrder else { return 0 }
        return storage.header[order]
    }

    /// The state of the node `index` of `order`, by bit tests at the node and its ancestors.
    /// - Complexity: O(orders).
    /// - Precondition: `order` is in `0...configuration.maxOrder` and `index` in
    ///   `0..<configuration.blockCount(order: order)` (`1 << (maxOrder - order)`); any other
    ///   node traps (`order 9 out of range`, `index 1 out of range`) instead of returning a state.
    public func nodeState(order: Int, index: Int) -> BuddyNodeState {
        let maxOrder = configuration.maxOrder
        precondition(order >= 0 && order <= maxOrder, "order \(order) out of range")
        precondition(index >= 0 && index < configuration.blockCount(order: order), "index \(index) out of range")
        if storage.isFree(order, index) { return .free }
        if storage.isAllocated(order, index) { return .allocated }
        var ancestor = order + 1
        var ancestorIndex = index >> 1
        while ancestor <= maxOrder {
            if storage.isFree(ancestor, ancestorIndex) { return .insideFree }
            if storage.isAllocated(ancestor, ancestorIndex) { return .insideAllocated }
            ancestor += 1
            ancestorIndex >>= 1
        }
        return .split
    }

    /// Popcounts over the free and allocated bitmaps of every order, plus the partial blocks at
    /// the two ends. - Complexity: O(orders + range / (64 × minimum block)).
    public func occupancy(in range: Range<Int>) -> BuddyOccupancy {
        let low = max(range.lowerBound, 0)
        let high = min(range.upperBound, configuration.totalSize)
        guard low < high else { return BuddyOccupancy() }
        var result = BuddyOccupancy()
        let shift = configuration.minimumBlockShift
        for order in 0...configuration.maxOrder {
            let blockShift = order + shift
            let size = 1 << blockShift
            let free = storage.freeLevel(order, 0)
            let allocated = storage.allocatedBits(order)
            // Whole blocks inside the range.
            let firstWhole = (low + size - 1) >> blockShift
            let endWhole = high >> blockShift
            if firstWhole < endWhole {
                result.freeBytes += storage.popcount(free, from: firstWhole, to: endWhole) << blockShift
                result.allocatedBytes += storage.popcount(allocated, from: firstWhole, to: endWhole) << blockShift
            }
            // The block holding `low` when the range starts inside it.
            var headBlock = -1
            if low & (size - 1) != 0 {
                headBlock = low >> blockShift
                let part = min(high, (headBlock + 1) << blockShift) - low
                if storage.isFree(order, headBlock) { result.freeBytes += part }
                if storage.isAllocated(order, headBlock) { result.allocatedBytes += part }
            }
            // The block holding `high` when the range ends inside it (and it is not the head block).
            if high & (size - 1) != 0, high >> blockShift != headBlock {
                let tailBlock = high >> blockShift
                let part = high - (tailBlock << blockShift)
                if storage.isFree(order, tailBlock) { result.freeBytes += part }
                if storage.isAllocated(order, tailBlock) { result.allocatedBytes += part }
            }
        }
        return result
    }

    /// Walks the set bits of every allocated bitmap, then sorts by offset.
    /// - Complexity: O(bitmap words + n log n).
    public var liveBlocks: [BuddyBlock] {
        var result: [BuddyBlock] = []
        result.reserveCapacity(liveBlockCount)
        let shift = configuration.minimumBlockShift
        for order in 0...configuration.maxOrder {
            let bits = storage.allocatedBits(order)
            let wordCount = BitmapBuddyStorage.wordsFor(bits: configuration.blockCount(order: order))
            for w in 0..<wordCount {
                var word = bits[w]
                while word != 0 {
                    let index = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    let offset = index << (order + shift)
                    result.append(BuddyBlock(offset: offset, order: order,
                                             requestedBytes: storage.requested[offset >> shift],
                                             grantedBytes: 1 << (order + shift)))
                }
            }
        }
        result.sort { $0.offset < $1.offset }
        return result
    }

    /// The live block starting at `offset`: one bit test per order it is aligned to.
    /// - Complexity: O(orders).
    public func liveBlock(at offset: Int) -> BuddyBlock? {
        guard offset >= 0, offset < configuration.totalSize else { return nil }
        let shift = configuration.minimumBlockShift
        guard offset & ((1 << shift) - 1) == 0 else { return nil }
        var order = 0
        while order <= configuration.maxOrder, offset & ((1 << (order + shift)) - 1) == 0 {
            if storage.isAllocated(order, offset >> (order + shift)) {
                return BuddyBlock(offset: offset, order: order, requestedBytes: storage.requested[offset >> shift],
                                  grantedBytes: 1 << (order + shift))
            }
            order += 1
        }
        return nil
    }

    /// Number of live blocks. - Complexity: O(1).
    @inlinable public var liveBlockCount: Int { storage.header[BitmapBuddyStorage.liveSlot] }

    /// Sum of requested bytes over live blocks. - Complexity: O(1).
    @inlinable public var requestedBytes: Int { storage.header[BitmapBuddyStorage.requestedSlot] }

    /// Sum of granted bytes over live blocks. - Complexity: O(1).
    @inlinable public var grantedBytes: Int { storage.header[BitmapBuddyStorage.grantedSlot] }

    /// Free blocks read straight from the bitmaps, in address order.
    /// - Complexity: O(bitmap words + n log n).
    public var freeBlocks: [(offset: Int, order: Int)] {
        var result: [(offset: Int, order: Int)] = []
        let shift = configuration.minimumBlockShift
        for order in 0...configuration.maxOrder {
            let bits = storage.freeLevel(order, 0)
            for w in 0..<BitmapBuddyStorage.wordsFor(bits: configuration.blockCount(order: order)) {
                var word = bits[w]
                while word != 0 {
                    result.append(((w << 6 | word.trailingZeroBitCount) << (order + shift), order))
                    word &= word - 1
                }
            }
        }
        result.sort { $0.offset < $1.offset }
        return result
    }
}
