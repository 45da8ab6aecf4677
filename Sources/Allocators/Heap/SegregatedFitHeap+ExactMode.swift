/// The exact mode's bitmap of live block starts: one bit per 8-byte granule of the region, set
/// exactly at the chunk offsets (content offset - 8) of the blocks handed out and not yet taken
/// back. A free or reallocation is accepted only where its bit is set, so a pointer into a live
/// block is refused even when the bytes before it imitate a valid header.
extension SegregatedFitHeap {
    /// Words of the bitmap for a region of `capacity` bytes.
    static func liveStartWords(capacity: Int) -> Int { (capacity / 8 + 63) / 64 }

    /// A zeroed bitmap for a region of `capacity` bytes.
    static func allocateLiveStarts(capacity: Int) -> UnsafeMutablePointer<UInt64> {
        let words = liveStartWords(capacity: capacity)
        let bitmap = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        bitmap.initialize(repeating: 0, count: words)
        return bitmap
    }

    /// Whether `chunk` (a multiple of 8 inside the region) starts a live block; always true
    /// when the exact mode is off.
    /// - Complexity: O(1).
    @inline(__always)
    func isLiveStart(_ chunk: Int) -> Bool {
        guard let liveStarts else { return true }
        let granule = chunk &>> 3
        return liveStarts[granule &>> 6] & (1 &<< UInt64(granule & 63)) != 0
    }

    /// Records that a live block starts (`true`) or no longer starts (`false`) at `chunk`;
    /// nothing when the exact mode is off.
    /// - Complexity: O(1).
    @inline(__always)
    func setLiveStart(_ chunk: Int, _ live: Bool) {
        guard let liveStarts else { return }
        let granule = chunk &>> 3
        let bit: UInt64 = 1 &<< UInt64(granule & 63)
        if live { liveStarts[granule &>> 6] |= bit } else { liveStarts[granule &>> 6] &= ~bit }
    }

    /// A chunk start at or before `offset` to walk from: in exact mode the last live block
    /// starting at or before `offset` (found by scanning the bitmap backwards), else the first
    /// chunk. Every chunk from it to the one containing `offset` is reached by a forward walk,
    /// and there are few of them: after a live block come at most one free chunk and the
    /// front cache's chunks before the next live block.
    /// - Complexity: O(words of the bitmap between the start found and `offset`), one word per
    ///   512 bytes; O(1) without exact mode.
    func walkStart(before offset: Int) -> Int {
        guard let liveStarts, offset > Layout.firstChunk else { return Layout.firstChunk }
        let granule = min(offset, chunkAreaEnd - 8) &>> 3
        var word = granule &>> 6
        let bit = granule & 63
        // Bits 0...bit of the word holding `granule`.
        var bits = liveStarts[word] & (bit == 63 ? ~0 : (1 &<< UInt64(bit &+ 1)) &- 1)
        while bits == 0 {
            if word == 0 { return Layout.firstChunk }
            word &-= 1
            bits = liveStarts[word]
        }
        return max(Layout.firstChunk, (word &<< 6 | (63 &- bits.leadingZeroBitCount)) &<< 3)
    }

    /// The exact mode's invariant: the bits set are exactly the starts of the live chunks that
    /// are not waiting in the front cache.
    /// - Complexity: O(chunks + capacity / 512).
    func checkLiveStarts() throws(HeapInvariantViolation) {
        guard let liveStarts else { return }
        var live = 0
        var failure: HeapInvariantViolation?
        walkChunks(from: 0) { chunk, header in
            let isLive = header & (Layout.free | Layout.cached) == 0
            if isLive { live += 1 }
            if isLive != isLiveStart(chunk) {
                failure = HeapInvariantViolation("chunk at \(chunk): exact-mode bit is \(!isLive), the chunk is \(isLive ? "live" : "not live")")
                return false
            }
            return true
        }
        if let failure { throw failure }
        var bits = 0
        for index in 0..<Self.liveStartWords(capacity: capacity) { bits += liveStarts[index].nonzeroBitCount }
        guard bits == live else {
            throw HeapInvariantViolation("exact-mode bitmap has \(bits) bits set for \(live) live chunks")
        }
    }
}
