extension ListBuddyAllocator {
    /// Length of list `order`. - Complexity: O(1).
    public func freeBlockCount(order: Int) -> Int {
        guard order >= 0, order <= configuration.maxOrder else { return 0 }
        return freeLists[order].count
    }

    /// The state of the node `index` of `order`: looks the node up in its list, the live
    /// blocks, then its ancestors.
    /// - Complexity: O(orders × list search).
    /// - Precondition: `order` is in `0...configuration.maxOrder` and `index` in
    ///   `0..<configuration.blockCount(order: order)` (`1 << (maxOrder - order)`); any other
    ///   node traps (`order 9 out of range`, `index 1 out of range`) instead of returning a state.
    public func nodeState(order: Int, index: Int) -> BuddyNodeState {
        precondition(order >= 0 && order <= configuration.maxOrder, "order \(order) out of range")
        precondition(index >= 0 && index < configuration.blockCount(order: order), "index \(index) out of range")
        let offset = index * configuration.blockSize(order: order)
        if freeLists[order].contains(offset) { return .free }
        if let entry = live[offset], entry.order == order { return .allocated }
        for ancestor in (order + 1)...max(order + 1, configuration.maxOrder) where ancestor <= configuration.maxOrder {
            let start = offset & ~(configuration.blockSize(order: ancestor) - 1)
            if freeLists[ancestor].contains(start) { return .insideFree }
            if let entry = live[start], entry.order == ancestor { return .insideAllocated }
        }
        return .split
    }

    /// Sums the intersections of every free and live block with `range`.
    /// - Complexity: O(free blocks + live blocks).
    public func occupancy(in range: Range<Int>) -> BuddyOccupancy {
        let low = max(range.lowerBound, 0)
        let high = min(range.upperBound, configuration.totalSize)
        guard low < high else { return BuddyOccupancy() }
        func overlap(_ offset: Int, _ order: Int) -> Int {
            max(0, min(high, offset + configuration.blockSize(order: order)) - max(low, offset))
        }
        var result = BuddyOccupancy()
        for order in 0...configuration.maxOrder {
            for offset in freeLists[order].ascendingOffsets { result.freeBytes += overlap(offset, order) }
        }
        for (offset, entry) in live { result.allocatedBytes += overlap(offset, entry.order) }
        return result
    }

    /// Free blocks from every list, sorted by offset. - Complexity: O(n log n).
    public var freeBlocks: [(offset: Int, order: Int)] {
        var result: [(offset: Int, order: Int)] = []
        for order in 0...configuration.maxOrder {
            result += freeLists[order].ascendingOffsets.map { ($0, order) }
        }
        return result.sorted { $0.offset < $1.offset }
    }

    /// Live blocks sorted by offset. - Complexity: O(n log n).
    public var liveBlocks: [BuddyBlock] {
        live.map { offset, entry in
            BuddyBlock(offset: offset, order: entry.order, requestedBytes: entry.requestedBytes,
                       grantedBytes: configuration.blockSize(order: entry.order))
        }.sorted { $0.offset < $1.offset }
    }

    /// The live block at `offset`. - Complexity: O(1) expected.
    public func liveBlock(at offset: Int) -> BuddyBlock? {
        guard let entry = live[offset] else { return nil }
        return BuddyBlock(offset: offset, order: entry.order, requestedBytes: entry.requestedBytes,
                          grantedBytes: configuration.blockSize(order: entry.order))
    }

    /// Number of live blocks. - Complexity: O(1).
    public var liveBlockCount: Int { live.count }

    /// Lists sorted and duplicate-free, blocks tile the region, no unmerged buddies, totals agree.
    /// - Complexity: O(n log n) in the number of blocks.
    public func checkInvariants() throws(BuddyInvariantViolation) {
        guard freeLists.count == configuration.orderCount else {
            throw BuddyInvariantViolation("\(freeLists.count) free lists for \(configuration.orderCount) orders")
        }
        var free: [(offset: Int, order: Int)] = []
        for order in 0...configuration.maxOrder {
            let offsets = freeLists[order].ascendingOffsets
            guard offsets.count == freeLists[order].count else {
                throw BuddyInvariantViolation("list \(order) counts \(freeLists[order].count) but holds \(offsets.count)")
            }
            for (a, b) in zip(offsets, offsets.dropFirst()) where a >= b {
                throw BuddyInvariantViolation("list \(order) is not in ascending address order at \(hexLiteral(a)), \(hexLiteral(b))")
            }
            guard freeLists[order].lowest == offsets.first else {
                throw BuddyInvariantViolation("list \(order) reports a lowest block that is not its first")
            }
            free += offsets.map { ($0, order) }
        }
        let blocks = liveBlocks
        try BuddyTilingCheck.verifyTotals(live: blocks, count: liveBlockCount, requestedBytes: requestedBytes, grantedBytes: grantedBytes)
        try BuddyTilingCheck.verify(configuration: configuration, free: free, live: blocks)
    }
}
