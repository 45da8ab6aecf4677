/// The pointer API, whose front-cache hits are inlined into the caller's module (the way
/// glibc's malloc inlines its tcache path); everything else calls into the library.
extension SegregatedFitHeap {
    /// Allocates `size` bytes aligned to `alignment` and returns the content's address.
    /// Size 0 is served like size 1; alignments below 8 mean 8.
    /// - Throws: ``HeapError/invalidSize``, ``HeapError/invalidAlignment``, ``HeapError/outOfMemory``.
    /// - Complexity: O(1) except when the region is nearly exhausted, where the lists that
    ///   might still hold a fit are scanned (and the front cache flushed) before failing.
    @inlinable
    public func allocate(size: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        if frontCacheDepth > 0 && !tracksRequestedSizes && size >= 0 && size <= Meta.largestSmallChunk - 8
            && alignment > 0 && alignment & (alignment &- 1) == 0 {
            let chunkSize = Self.chunkSize(forRequest: size)
            let sizeClass = (chunkSize &- Layout.minimumChunk) &>> 3
            let chunk = meta[Meta.cacheHeads &+ sizeClass]
            if chunk != 0 && (chunk &+ 8) & (alignment &- 1) == 0 {
                meta[Meta.cacheHeads &+ sizeClass] = word(chunk &+ 8)
                meta[Meta.cacheCounts &+ sizeClass] &-= 1
                setWord(chunk, word(chunk) & ~Layout.cached)
                return regionBase + (chunk &+ 8)
            }
        }
        return regionBase + (try allocateWithoutEvents(size: size, alignment: alignment))
    }

    /// Frees the block whose content starts at `pointer`.
    /// - Throws: ``HeapError/outsideRegion``, ``HeapError/notAChunk`` or ``HeapError/doubleFree``;
    ///   the heap is unchanged then.
    /// - Complexity: O(1).
    @inlinable
    public func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError) {
        let offset = pointer - regionBase
        if frontCacheDepth > 0 && !tracksRequestedSizes && offset >= 16 && offset < capacity &- 8 && offset & 7 == 0 {
            // The same checks as the full validation, for a live small chunk whose previous
            // chunk is in use; anything else takes the full path.
            let chunk = offset &- 8
            let header = word(chunk)
            let size = header & Layout.sizeMask
            if header & Layout.flagMask == Layout.prevInUse && size >= Layout.minimumChunk
                && size <= Meta.largestSmallChunk && size <= capacity &- 8 &- chunk
                && word(chunk &+ size) & Layout.prevInUse != 0 {
                let sizeClass = (size &- Layout.minimumChunk) &>> 3
                let count = meta[Meta.cacheCounts &+ sizeClass]
                if count < frontCacheDepth {
                    setWord(chunk &+ 8, meta[Meta.cacheHeads &+ sizeClass])
                    setWord(chunk, header | Layout.cached)
                    meta[Meta.cacheHeads &+ sizeClass] = chunk
                    meta[Meta.cacheCounts &+ sizeClass] = count &+ 1
                    return
                }
            }
        }
        try deallocateWithoutEvents(offset: offset)
    }

    /// The library-side allocation path of ``allocate(size:alignment:)``.
    @usableFromInline
    func allocateWithoutEvents(size: Int, alignment: Int) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try allocateOffset(size: size, alignment: alignment, observer: &ignore)
    }

    /// The library-side path of ``deallocate(_:)``.
    @usableFromInline
    func deallocateWithoutEvents(offset: Int) throws(HeapError) {
        var ignore = IgnoreEvents()
        try deallocate(offset: offset, observer: &ignore)
    }
}
