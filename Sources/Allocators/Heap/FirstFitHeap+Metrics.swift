/// The fragmentation figures of the first-fit baseline, from its hole list and counters.
extension FirstFitHeap {
    /// Records (or, with `nil`, forgets) the request served by the live block at content offset
    /// `offset`, keeping ``requestedTotal`` equal to the sum of the table.
    /// - Complexity: O(1) amortised.
    func setRequest(at offset: Int, _ requested: Int?) {
        let old = requested == nil ? requestedSizes.removeValue(forKey: offset) : requestedSizes.updateValue(requested!, forKey: offset)
        requestedTotal += (requested ?? 0) - (old ?? 0)
    }

    /// The figures of ``walkedMetrics()`` without walking live chunks: live count, granted and
    /// requested bytes come from counters; free bytes, free count, the largest hole and the sum
    /// of squared hole sizes from one pass over the hole list (the list is what every
    /// allocation of this heap walks anyway).
    /// - Complexity: O(holes).
    public func metrics() -> FragmentationMetrics {
        var free = FreeBlockAccumulator()
        var hole = head
        while hole != Self.none {
            free.add(size: word(hole))
            hole = nextHole(hole)
        }
        let live = meta[MetaSlot.liveChunks], granted = meta[MetaSlot.liveBytes]
        let requested = tracksRequestedSizes ? requestedTotal : granted - HeapLimits.headerSize * live
        return FragmentationMetrics(capacity: capacity, requestedBytes: requested, grantedBytes: granted,
                                    liveBlockCount: live, free: free)
    }

    /// Checks the kept totals (and the requested-bytes sum) against a walk of every chunk.
    /// - Complexity: O(chunks).
    func checkKeptTotals() throws(HeapInvariantViolation) {
        if tracksRequestedSizes && requestedTotal != requestedSizes.values.reduce(0, +) {
            throw HeapInvariantViolation("requested total \(requestedTotal) disagrees with the table")
        }
        let kept = metrics(), walked = walkedMetrics()
        guard kept == walked else { throw HeapInvariantViolation("kept metrics \(kept) != walked \(walked)") }
    }

    /// The chunk size of the live block at content offset `offset`: its header when it reads as a
    /// live chunk that fits the region (`nil` otherwise). A hole's first word is its size with
    /// the live bit clear, so a hole start is never taken for a live block.
    /// - Complexity: O(1).
    public func liveChunkSize(atContentOffset offset: Int) -> Int? {
        guard offset >= 8, offset < capacity, offset & 7 == 0 else { return nil }
        let header = word(offset - 8)
        let size = header & ~7
        guard header & 7 == Self.live, size >= Self.minimumHole, size <= capacity - (offset - 8) else { return nil }
        return size
    }
}
