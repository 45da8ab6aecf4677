/// Freeing with boundary tags, and the O(1) validation of a caller's handle.
extension SegregatedFitHeap {
    /// Frees the block whose content starts at `pointer`.
    /// - Throws: ``HeapError/outsideRegion``, ``HeapError/notAChunk`` or ``HeapError/doubleFree``;
    ///   the heap is unchanged then.
    /// - Complexity: O(1).
    public func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError) {
        var ignore = IgnoreEvents()
        try deallocate(offset: pointer - regionBase, observer: &ignore)
    }

    /// Frees the block whose content starts at `offset`, reporting events.
    /// - Complexity: O(1).
    public func deallocate<Observer: HeapEventObserver>(offset: Int, observer: inout Observer) throws(HeapError) {
        let chunk = try validatedLiveChunk(contentOffset: offset)
        if tracksRequestedSizes { requestedSizes[offset] = nil }
        freeChunk(chunk, observer: &observer)
    }

    /// Checks that `contentOffset` is the content of a live chunk and returns the chunk offset.
    /// - Complexity: O(1): range, alignment, header size, footer and neighbour bits.
    @inline(__always)
    func validatedLiveChunk(contentOffset: Int) throws(HeapError) -> Int {
        guard contentOffset >= Layout.firstChunk + 8, contentOffset < chunkAreaEnd else { throw .outsideRegion }
        guard contentOffset & 7 == 0 else { throw .notAChunk }
        let chunk = contentOffset - 8
        let header = word(chunk)
        let size = header & Layout.sizeMask
        guard size >= Layout.minimumChunk, size <= chunkAreaEnd - chunk else { throw .notAChunk }
        let nextHeader = word(chunk + size)
        if header & Layout.free != 0 {
            if word(chunk + size - 8) == size && nextHeader & Layout.prevInUse == 0 { throw .doubleFree }
            throw .notAChunk
        }
        guard nextHeader & Layout.prevInUse != 0 else { throw .notAChunk }
        if header & Layout.prevInUse == 0 {
            let prevSize = word(chunk - 8)
            guard prevSize >= Layout.minimumChunk, prevSize & 7 == 0, prevSize <= chunk - Layout.firstChunk,
                  word(chunk - prevSize) == prevSize | Layout.prevInUse | Layout.free
            else { throw .notAChunk }
        }
        return chunk
    }

    /// Frees the live chunk at `chunk`, merging with free neighbours.
    @inline(__always)
    func freeChunk<Observer: HeapEventObserver>(_ chunk: Int, observer: inout Observer) {
        let header = word(chunk)
        let ownSize = header & Layout.sizeMask
        meta[Meta.liveChunks] -= 1
        meta[Meta.liveBytes] -= ownSize
        observer.observe(.freed(chunk: chunk, size: ownSize))
        var start = chunk
        var size = ownSize
        if header & Layout.prevInUse == 0 {
            let prevSize = word(chunk - 8)
            start = chunk - prevSize
            removeFree(start, size: prevSize)
            setWord(chunk, 0)
            size += prevSize
            observer.observe(.coalescedWithPrevious(chunk: start, size: size))
        }
        let next = chunk + ownSize
        let nextHeader = word(next)
        if nextHeader & Layout.free != 0 {
            let nextSize = nextHeader & Layout.sizeMask
            removeFree(next, size: nextSize)
            setWord(next, 0)
            size += nextSize
            observer.observe(.coalescedWithNext(chunk: start, size: size))
        } else {
            setWord(next, nextHeader & ~Layout.prevInUse)
        }
        setWord(start, size | Layout.prevInUse | Layout.free)
        setWord(start + size - 8, size)
        insertFree(start, size: size)
        observer.observe(.insertedIntoBin(chunk: start, size: size, bin: Self.bin(chunk: start, size: size)))
    }
}
