extension BitmapBuddyAllocator {
    /// Checks the bitmaps against each other and the blocks against the region: no bits past the
    /// end of a bitmap, every summary bit set when its word is non-zero (a set bit over an empty
    /// word is allowed: summaries are cleared lazily), the hints below the lowest free blocks, counts equal to
    /// popcounts, the order mask equal to the non-empty orders, totals equal to the live blocks'
    /// sums, and free plus live blocks tiling the region with no free buddies left unmerged.
    /// - Complexity: O(region / minimum block).
    public func checkInvariants() throws(BuddyInvariantViolation) {
        let maxOrder = configuration.maxOrder
        var mask: UInt64 = 0
        for order in 0...maxOrder {
            let bits = configuration.blockCount(order: order)
            let levels = storage.levelCount(order)
            var levelBits = bits
            var population = 0
            for level in 0..<levels {
                let words = storage.freeLevel(order, level)
                let count = BitmapBuddyStorage.wordsFor(bits: levelBits)
                try checkNoBitsPastEnd(words, bits: levelBits, what: "free level \(level) of order \(order)")
                if level == 0 {
                    population = storage.popcount(words, from: 0, to: bits)
                } else {
                    let below = storage.freeLevel(order, level - 1)
                    for lowerWord in 0..<levelBits {
                        let summary = words[lowerWord >> 6] >> UInt64(lowerWord & 63) & 1 == 1
                        if !summary && below[lowerWord] != 0 {
                            throw BuddyInvariantViolation("order \(order) summary level \(level) bit \(lowerWord) is clear but its word is not empty")
                        }
                    }
                }
                if level == levels - 1, count != 1 {
                    throw BuddyInvariantViolation("order \(order) top level has \(count) words")
                }
                levelBits = count
            }
            guard population == storage.header[order] else {
                throw BuddyInvariantViolation("order \(order) counts \(storage.header[order]) free blocks, bitmap holds \(population)")
            }
            if population > 0 {
                mask |= 1 << UInt64(order)
                let hint = storage.header[BitmapBuddyStorage.hintSlot + order]
                guard hint >= 0, hint < bits, storage.popcount(storage.freeLevel(order, 0), from: 0, to: hint) == 0 else {
                    throw BuddyInvariantViolation("order \(order) hint \(hint) is not a lower bound of its lowest free block")
                }
            }
            try checkNoBitsPastEnd(storage.allocatedBits(order), bits: bits, what: "allocated bitmap of order \(order)")
        }
        for order in (maxOrder + 1)..<64 where storage.header[order] != 0 {
            throw BuddyInvariantViolation("order \(order) above the top has a count")
        }
        guard mask == storage.orderMask else {
            throw BuddyInvariantViolation("order mask \(String(storage.orderMask, radix: 2)) should be \(String(mask, radix: 2))")
        }
        let live = liveBlocks
        try BuddyTilingCheck.verifyTotals(live: live, count: liveBlockCount, requestedBytes: requestedBytes, grantedBytes: grantedBytes)
        try BuddyTilingCheck.verify(configuration: configuration, free: freeBlocks, live: live)
    }

    /// Throws when `words` has a set bit at or past `bits`.
    private func checkNoBitsPastEnd(_ words: UnsafeMutablePointer<UInt64>, bits: Int, what: String) throws(BuddyInvariantViolation) {
        let count = BitmapBuddyStorage.wordsFor(bits: bits)
        let usedInLast = bits - (count - 1) * 64
        guard usedInLast < 64 else { return }
        if words[count - 1] >> UInt64(usedInLast) != 0 {
            throw BuddyInvariantViolation("\(what) has bits set past its \(bits) blocks")
        }
    }
}
