/// Copying a heap's region for ``SegregatedFitHeap/copy()``.
extension SegregatedFitHeap {
    /// What ``copy()`` copies: the live and cached chunks whole, 32 bytes of each free chunk,
    /// and the prologue and sentinel words (the region's other pages stay untouched).
    /// - Complexity: O(1) (from the kept totals).
    public var estimatedCopyBytes: Int {
        let figures = metrics()
        return (capacity - figures.freeBytes) + 32 * figures.freeBlockCount
    }

    /// Copies into `region` (at least ``capacity`` bytes) what the heap's state consists of: the
    /// prologue word, every live or cached chunk whole (header and the caller's bytes), the
    /// header, list links and footer of every free chunk, and the end sentinel. The interiors
    /// of free chunks hold nothing the heap reads, so they are skipped: a heap sized for its
    /// peak with a mostly free region copies (and makes resident) about its live bytes.
    /// A region whose walk does not reach the end (a corrupt header) is copied whole.
    /// Returns the bytes copied.
    /// - Complexity: O(chunks + live bytes).
    @discardableResult
    func copyState(into region: UnsafeMutableRawPointer) -> Int {
        let base = regionBase
        var copied = 0
        func copy(_ start: Int, _ count: Int) {
            (region + start).copyMemory(from: base + start, byteCount: count)
            copied &+= count
        }
        copy(0, Layout.firstChunk)
        var reached = Layout.firstChunk
        walkChunks(from: 0) { chunk, header in
            let size = header & Layout.sizeMask
            guard chunk &+ size <= chunkAreaEnd else { return false }
            if header & Layout.free != 0 && size > 4 * 8 {
                copy(chunk, 3 * 8)                 // header, next and previous links
                copy(chunk &+ size &- 8, 8)        // footer
            } else {
                copy(chunk, size)
            }
            reached = chunk &+ size
            return true
        }
        guard reached == chunkAreaEnd else {
            region.copyMemory(from: base, byteCount: capacity)
            return capacity
        }
        copy(chunkAreaEnd, capacity &- chunkAreaEnd)  // the end sentinel
        return copied
    }
}
