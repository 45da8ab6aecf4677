/// Freeing with boundary tags, and the O(1) validation of a caller's handle.
extension SegregatedFitHeap {
    /// Frees the block whose content starts at `offset`, reporting events.
    /// - Complexity: O(1).
    @inline(__always)
    public func deallocate<Observer: HeapEventObserver>(offset: Int, observer: inout Observer) throws(HeapError) {
        let chunk = try validatedLiveChunk(contentOffset: offset)
        setLiveStart(chunk, false)
        if tracksRequestedSizes { meta[Meta.liveRequested] &-= Self.requestedBytes(header: word(chunk)) }
        releaseChunk(chunk, observer: &observer)
    }

    /// Parks the live chunk in the front cache when there is room, else frees it.
    @inline(__always)
    func releaseChunk<Observer: HeapEventObserver>(_ chunk: Int, observer: inout Observer) {
        if frontCacheDepth > 0 {
            let header = word(chunk)
            let size = header & Layout.sizeMask
            if size <= Meta.largestCachedChunk
                && pushOntoFrontCache(chunk, header: header, sizeClass: (size - Layout.minimumChunk) >> 3) {
                observer.emit(.putInFrontCache(chunk: chunk, size: size))
                return
            }
        }
        freeChunk(chunk, observer: &observer)
    }

    /// Frees every chunk waiting in the front cache, coalescing each with its neighbours.
    /// - Complexity: O(cached chunks).
    public func flushFrontCache() {
        var ignore = IgnoreEvents()
        flushFrontCache(observer: &ignore)
    }

    /// Checks that `contentOffset` is the content of a live chunk and returns the chunk offset.
    /// In exact mode the chunk must also be marked live in the bitmap of live block starts.
    /// - Complexity: O(1): range, alignment, header size, footer and neighbour bits.
    @inline(__always)
    func validatedLiveChunk(contentOffset: Int) throws(HeapError) -> Int {
        guard contentOffset >= Layout.firstChunk + 8, contentOffset < chunkAreaEnd else { throw .outsideRegion(offset: contentOffset) }
        guard contentOffset & 7 == 0 else { throw .notAChunk(offset: contentOffset) }
        let chunk = contentOffset - 8
        let header = word(chunk)
        let size = header & Layout.sizeMask
        guard size >= Layout.minimumChunk, size <= chunkAreaEnd - chunk else { throw .notAChunk(offset: contentOffset) }
        let nextHeader = word(chunk + size)
        if header & Layout.cached != 0 {
            if header & Layout.free == 0 && nextHeader & Layout.prevInUse != 0 { throw .doubleFree(offset: contentOffset) }
            throw .notAChunk(offset: contentOffset)
        }
        if header & Layout.free != 0 {
            if word(chunk + size - 8) == size && nextHeader & Layout.prevInUse == 0 { throw .doubleFree(offset: contentOffset) }
            throw .notAChunk(offset: contentOffset)
        }
        guard nextHeader & Layout.prevInUse != 0 else { throw .notAChunk(offset: contentOffset) }
        if header & Layout.prevInUse == 0 {
            let prevSize = word(chunk - 8)
            guard prevSize >= Layout.minimumChunk, prevSize & 7 == 0, prevSize <= chunk - Layout.firstChunk,
                  word(chunk - prevSize) == prevSize | Layout.prevInUse | Layout.free
            else { throw .notAChunk(offset: contentOffset) }
        }
        guard isLiveStart(chunk) else { throw .notAChunk(offset: contentOffset) }
        return chunk
    }

    /// Frees the live chunk at `chunk`, merging with free neighbours.
    @inline(__always)
    func freeChunk<Observer: HeapEventObserver>(_ chunk: Int, observer: inout Observer) {
        let header = word(chunk)
        let ownSize = header & Layout.sizeMask
        meta[Meta.liveChunks] &-= 1
        meta[Meta.liveBytes] &-= ownSize
        observer.emit(.freed(chunk: chunk, size: ownSize))
        var start = chunk
        var size = ownSize
        if header & Layout.prevInUse == 0 {
            let prevSize = word(chunk &- 8)
            start = chunk &- prevSize
            removeFree(start, size: prevSize)
            setWord(chunk, 0)
            size &+= prevSize
            observer.emit(.coalescedWithPrevious(chunk: start, size: size))
        }
        let next = chunk &+ ownSize
        let nextHeader = word(next)
        if nextHeader & Layout.free != 0 {
            let nextSize = nextHeader & Layout.sizeMask
            removeFree(next, size: nextSize)
            setWord(next, 0)
            size &+= nextSize
            observer.emit(.coalescedWithNext(chunk: start, size: size))
        } else {
            setWord(next, nextHeader & ~Layout.prevInUse)
        }
        setWord(start, size | Layout.prevInUse | Layout.free)
        setWord(start &+ size &- 8, size)
        insertFree(start, size: size)
        observer.emit(.insertedIntoBin(chunk: start, size: size, bin: Self.bin(chunk: start, size: size)))
    }
}
