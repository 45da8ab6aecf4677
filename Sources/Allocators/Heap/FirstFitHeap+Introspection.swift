/// Read-only views and the invariant checker for the first-fit baseline.
extension FirstFitHeap {
    /// Calls `body` for each chunk (holes included) in address order from the chunk containing `offset`.
    /// - Complexity: O(chunks).
    public func forEachChunk(from offset: Int, _ body: (HeapChunk) -> Bool) {
        if usesPolicyPaths { return policyForEachChunk(from: offset, body) }
        var chunk = 0
        var hole = head
        while chunk < capacity {
            let isFree = chunk == hole
            let size = isFree ? word(chunk) : word(chunk) & ~7
            guard size >= Self.minimumHole else { return }
            if chunk + size > offset {
                let info = HeapChunk(offset: chunk, size: size, isFree: isFree, headerBytes: isFree ? 0 : 8,
                                     requestedBytes: isFree ? nil : requestedSize(atOffset: chunk + 8),
                                     bin: isFree ? .holeList : nil)
                if !body(info) { return }
            }
            if isFree { hole = nextHole(hole) }
            chunk += size
        }
    }

    /// The single hole list (as ``HeapBin/lifoHoleList`` under a LIFO policy).
    /// - Complexity: O(holes).
    public func binSummaries() -> [HeapBinSummary] {
        if usesPolicyPaths { return policyBinSummaries() }
        var count = 0, bytes = 0
        var hole = head
        while hole != Self.none {
            count += 1
            bytes += word(hole)
            hole = nextHole(hole)
        }
        return [HeapBinSummary(bin: .holeList, minimumChunkSize: Self.minimumHole, maximumChunkSize: capacity,
                               count: count, bytes: bytes, subBinCounts: [])]
    }

    /// The invariant every policy keeps for a live chunk when requests are tracked: its
    /// request is recorded and fits in it.
    func checkRequestRecord(chunk: Int, size: Int) throws(HeapInvariantViolation) {
        guard tracksRequestedSizes else { return }
        guard let requested = requestedSizes[chunk + 8], Self.chunkSize(forRequest: requested) <= size else {
            throw HeapInvariantViolation("chunk at \(chunk): requested size missing or too large")
        }
    }

    /// Verifies (for ``Policy/firstFit``; other policies check what they promise, see
    /// `policyCheckInvariants`): holes sorted, at least 16 bytes, never touching; live chunks and holes tile
    /// the region exactly; live headers valid; counters and the requested-size table agree.
    /// - Complexity: O(chunks).
    public func checkInvariants() throws(HeapInvariantViolation) {
        if usesPolicyPaths { return try policyCheckInvariants() }
        var chunk = 0
        var hole = head
        var previousWasHole = false
        var live = 0, liveBytes = 0
        while chunk < capacity {
            if chunk == hole {
                let size = word(chunk)
                guard size >= Self.minimumHole, size & 7 == 0, chunk + size <= capacity else {
                    throw HeapInvariantViolation("hole at \(chunk): bad size \(size)")
                }
                guard !previousWasHole else { throw HeapInvariantViolation("hole at \(chunk) touches the previous hole") }
                let next = nextHole(hole)
                guard next == Self.none || next > chunk + size else {
                    throw HeapInvariantViolation("hole at \(chunk): next hole \(next) out of order or touching")
                }
                previousWasHole = true
                hole = next
                chunk += size
            } else {
                if hole != Self.none && hole < chunk { throw HeapInvariantViolation("hole \(hole) is not on a chunk boundary") }
                let header = word(chunk)
                let size = header & ~7
                guard header & 7 == Self.live, size >= Self.minimumHole, chunk + size <= capacity else {
                    throw HeapInvariantViolation("chunk at \(chunk): bad header \(header)")
                }
                try checkRequestRecord(chunk: chunk, size: size)
                live += 1
                liveBytes += size
                previousWasHole = false
                chunk += size
            }
        }
        guard chunk == capacity, hole == Self.none else { throw HeapInvariantViolation("chunks do not tile the region") }
        guard live == meta[MetaSlot.liveChunks], liveBytes == meta[MetaSlot.liveBytes] else { throw HeapInvariantViolation("live counters disagree") }
        if tracksRequestedSizes && requestedSizes.count != live {
            throw HeapInvariantViolation("requested-size table size disagrees")
        }
        try checkKeptTotals()
    }
}
