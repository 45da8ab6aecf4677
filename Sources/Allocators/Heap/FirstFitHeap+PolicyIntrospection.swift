/// Read-only views and the invariant checker under a ``FirstFitHeap/Policy`` other than plain
/// first fit. The list may be unordered, so a chunk's state comes from its first word: a live
/// chunk's is its size | 1, a hole's is its size (a multiple of 8).
extension FirstFitHeap {
    /// ``forEachChunk(from:_:)`` under the policy.
    /// - Complexity: O(chunks).
    func policyForEachChunk(from offset: Int, _ body: (HeapChunk) -> Bool) {
        var chunk = 0
        let bin = holeBin
        while chunk < capacity {
            let header = word(chunk)
            let isFree = header & 7 == 0
            let size = header & ~7
            guard size >= Self.minimumHole, size <= capacity - chunk else { return }
            if chunk + size > offset {
                let info = HeapChunk(offset: chunk, size: size, isFree: isFree, headerBytes: isFree ? 0 : 8,
                                     requestedBytes: isFree ? nil : requestedSize(atOffset: chunk + 8),
                                     bin: isFree ? bin : nil)
                if !body(info) { return }
            }
            chunk += size
        }
    }

    /// ``binSummaries()`` under the policy: the one list, as ``HeapBin/lifoHoleList`` when LIFO.
    /// - Complexity: O(holes).
    func policyBinSummaries() -> [HeapBinSummary] {
        var count = 0, bytes = 0
        var hole = head
        while hole != Self.none && count <= capacity / Self.minimumHole {
            count += 1
            bytes += word(hole)
            hole = nextHole(hole)
        }
        return [HeapBinSummary(bin: holeBin, minimumChunkSize: Self.minimumHole, maximumChunkSize: capacity,
                               count: count, bytes: bytes, subBinCounts: [])]
    }

    /// ``checkInvariants()`` under the policy: chunks tile the region with valid headers; every
    /// hole is in the list exactly once and the list holds nothing else; the list is sorted by
    /// address when the policy says so; no two holes touch when the policy coalesces; the
    /// counters and the requested-size table agree.
    /// - Complexity: O(chunks).
    func policyCheckInvariants() throws(HeapInvariantViolation) {
        var holes = Set<Int>()
        var chunk = 0
        var previousWasHole = false
        var live = 0, liveBytes = 0
        while chunk < capacity {
            let header = word(chunk)
            let size = header & ~7
            guard size >= Self.minimumHole, size <= capacity - chunk else {
                throw HeapInvariantViolation("chunk at \(chunk): bad size \(size)")
            }
            switch header & 7 {
            case 0:
                if previousWasHole && policy.coalesces {
                    throw HeapInvariantViolation("hole at \(chunk) touches the previous hole")
                }
                holes.insert(chunk)
                previousWasHole = true
            case Self.live:
                try checkRequestRecord(chunk: chunk, size: size)
                live += 1
                liveBytes += size
                previousWasHole = false
            default:
                throw HeapInvariantViolation("chunk at \(chunk): bad header \(header)")
            }
            chunk += size
        }
        guard chunk == capacity else { throw HeapInvariantViolation("chunks do not tile the region") }
        var unlisted = holes
        var previous = Self.none
        var hole = head
        while hole != Self.none {
            guard unlisted.remove(hole) != nil else {
                throw HeapInvariantViolation(holes.contains(hole) ? "hole \(hole) is in the list twice" : "list entry \(hole) is not a hole")
            }
            if policy.order == .address && previous != Self.none && previous >= hole {
                throw HeapInvariantViolation("hole \(hole) follows hole \(previous): list out of address order")
            }
            previous = hole
            hole = nextHole(hole)
        }
        if let missing = unlisted.min() { throw HeapInvariantViolation("hole at \(missing) is not in the list") }
        guard live == meta[MetaSlot.liveChunks], liveBytes == meta[MetaSlot.liveBytes] else { throw HeapInvariantViolation("live counters disagree") }
        if tracksRequestedSizes && requestedSizes.count != live {
            throw HeapInvariantViolation("requested-size table size disagrees")
        }
        try checkKeptTotals()
    }
}
