/// Reallocation: shrink in place, grow in place into a free next chunk, else move.
extension SegregatedFitHeap {
    /// Resizes the block at content offset `offset`, reporting events; returns the content offset.
    /// - Complexity: O(1) in place; O(size) when the block moves.
    public func reallocate<Observer: HeapEventObserver>(
        offset: Int, newByteCount: Int, alignment: Int = 8, observer: inout Observer
    ) throws(HeapError) -> Int {
        try HeapLimits.validateSizeAndAlignment(byteCount: newByteCount, alignment: alignment)
        let chunk = try validatedLiveChunk(contentOffset: offset)
        let oldRequest = tracksRequestedSizes ? Self.requestedBytes(header: word(chunk)) : 0
        let moved = try reallocate(validatedChunk: chunk, newByteCount: newByteCount, alignment: alignment, observer: &observer)
        meta[Meta.liveRequested] &-= oldRequest
        if moved != offset {
            setLiveStart(chunk, false)
            setLiveStart(moved - 8, true)
        }
        return moved
    }

    /// ``reallocate(offset:newByteCount:alignment:observer:)`` for a chunk already validated as live
    /// (`newByteCount >= 0`, `alignment` a power of two up to the maximum).
    @inline(__always)
    func reallocate<Observer: HeapEventObserver>(
        validatedChunk chunk: Int, newByteCount: Int, alignment: Int, observer: inout Observer
    ) throws(HeapError) -> Int {
        let offset = chunk + 8
        guard newByteCount <= capacity else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
        let header = word(chunk)
        let size = header & Layout.sizeMask
        let wanted = Self.chunkSize(forRequest: newByteCount)
        if offset & (alignment - 1) == 0 {
            let next = chunk + size
            var nextHeader = word(next)
            if wanted > size && nextHeader & Layout.cached != 0
                && meta[Meta.cacheHeads + ((nextHeader & Layout.sizeMask) - Layout.minimumChunk) >> 3] == next {
                // The next chunk only waits at the head of its front cache list: free it for
                // real so the block can grow into it (and whatever free space follows it). One
                // deeper in its list stays there (finding it would cost a list walk) unless the
                // allocation below fails.
                _ = popFrontCacheHead(sizeClass: ((nextHeader & Layout.sizeMask) - Layout.minimumChunk) >> 3, alignment: 1)
                freeChunk(next, observer: &observer)
                nextHeader = word(next)
            }
            let nextFree = nextHeader & Layout.free != 0
            let nextSize = nextFree ? nextHeader & Layout.sizeMask : 0
            if wanted <= size {
                resizeInPlace(chunk, header: header, size: size, to: wanted, nextFreeSize: nextSize, alignment: alignment, observer: &observer)
                if tracksRequestedSizes { recordRequest(chunk: chunk, requested: newByteCount) }
                return offset
            }
            if nextFree && size + nextSize >= wanted {
                resizeInPlace(chunk, header: header, size: size, to: wanted, nextFreeSize: nextSize, alignment: alignment, observer: &observer)
                if tracksRequestedSizes { recordRequest(chunk: chunk, requested: newByteCount) }
                return offset
            }
        }
        var newChunk = takeFromFrontCache(wanted, alignment: alignment, observer: &observer)
        if newChunk == 0 { newChunk = allocateAnyChunk(wanted, alignment: alignment, observer: &observer) }
        if newChunk == 0 && offset & (alignment - 1) == 0 {
            // The failed allocation flushed the front cache: the next chunk may be free now.
            let nextHeader = word(chunk + size)
            if nextHeader & Layout.free != 0 && size + (nextHeader & Layout.sizeMask) >= wanted {
                // (The flush may have freed the previous chunk too: read the header again.)
                resizeInPlace(chunk, header: word(chunk), size: size, to: wanted, nextFreeSize: nextHeader & Layout.sizeMask,
                              alignment: alignment, observer: &observer)
                if tracksRequestedSizes { recordRequest(chunk: chunk, requested: newByteCount) }
                return offset
            }
        }
        if newChunk == 0 {
            // Last resort before failing: slide into the free neighbours on both sides.
            let slid = slideIntoNeighbours(chunk, size: size, wanted: wanted, alignment: alignment, observer: &observer)
            guard slid != 0 else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
            if tracksRequestedSizes { recordRequest(chunk: slid, requested: newByteCount) }
            return slid + 8
        }
        let bytes = min(size, word(newChunk) & Layout.sizeMask) - 8
        (regionBase + newChunk + 8).copyMemory(from: regionBase + offset, byteCount: bytes)
        observer.emit(.movedByCopy(from: chunk, to: newChunk, bytes: bytes))
        releaseChunk(chunk, observer: &observer)
        if tracksRequestedSizes { recordRequest(chunk: newChunk, requested: newByteCount) }
        return newChunk + 8
    }

    /// Grows the live chunk by merging it with its free previous and next chunks and moving the
    /// content down (memmove) to the first suitably aligned place; returns the new chunk or 0
    /// (nothing changed) when even the merged space is too small.
    /// - Complexity: O(size) for the move.
    func slideIntoNeighbours<Observer: HeapEventObserver>(
        _ chunk: Int, size: Int, wanted: Int, alignment: Int, observer: inout Observer
    ) -> Int {
        let header = word(chunk)
        var start = chunk
        var prevSize = 0, nextSize = 0
        if header & Layout.prevInUse == 0 {
            prevSize = word(chunk - 8)
            start = chunk - prevSize
        }
        let nextHeader = word(chunk + size)
        if nextHeader & Layout.free != 0 { nextSize = nextHeader & Layout.sizeMask }
        let total = prevSize + size + nextSize
        let pad = alignment <= 8 ? 0 : Self.frontPadding(chunk: start, alignment: alignment)
        guard prevSize != 0, pad + wanted <= total else { return 0 }
        removeFree(start, size: prevSize)
        if nextSize != 0 { removeFree(chunk + size, size: nextSize) }
        let target = start + pad
        // What the new size keeps: a shrink to a new alignment may have more padding in front
        // than free space around the block, so the old size would run past the merged space.
        let bytes = min(size, wanted) - 8
        (regionBase + target + 8).copyMemory(from: regionBase + chunk + 8, byteCount: bytes)
        observer.emit(.coalescedWithPrevious(chunk: start, size: prevSize + size))
        if nextSize != 0 { observer.emit(.coalescedWithNext(chunk: start, size: total)) }
        observer.emit(.movedByCopy(from: chunk, to: target, bytes: bytes))
        // The merged space is now one free stretch [start, start + total) for carving.
        meta[Meta.liveChunks] -= 1
        meta[Meta.liveBytes] -= size
        let end = start + total
        setWord(end, word(end) & ~Layout.prevInUse)
        if pad != 0 {
            setWord(start, pad | Layout.prevInUse | Layout.free)
            setWord(target - 8, pad)
            insertFree(start, size: pad)
            observer.emit(.alignmentPadding(chunk: start, size: pad, bin: Self.bin(chunk: start, size: pad)))
        }
        carve(target, size: total - pad, keep: wanted, prevBit: pad != 0 ? 0 : Layout.prevInUse, observer: &observer)
        return target
    }

    /// Makes the live chunk `wanted` bytes without moving it, using the free next chunk
    /// (`nextFreeSize` bytes, 0 when the next chunk is live). The caller checked it fits.
    @inline(__always)
    func resizeInPlace<Observer: HeapEventObserver>(
        _ chunk: Int, header: Int, size: Int, to wanted: Int, nextFreeSize: Int, alignment: Int, observer: inout Observer
    ) {
        let available = size + nextFreeSize
        let rest = available - wanted
        // A tail smaller than a chunk stays inside unless a free next chunk can absorb it.
        if nextFreeSize == 0 && rest < Layout.minimumChunk {
            return
        }
        if nextFreeSize != 0 {
            let next = chunk + size
            removeFree(next, size: nextFreeSize)
            setWord(next, 0)
        }
        var granted = wanted
        if nextFreeSize == 0 && rest <= Meta.largestCachedChunk && frontCacheDepth > 0
            && cacheTail(chunk &+ wanted, size: rest, alignment: alignment) {
            // The cut-off tail waits in the front cache (an in-use chunk to the boundary tags).
            setWord(chunk, wanted | (header & Layout.prevInUse))
            observer.emit(.shrunkInPlace(chunk: chunk, from: size, to: wanted))
            observer.emit(.putInFrontCache(chunk: chunk + wanted, size: rest))
            return
        }
        if rest >= Layout.minimumChunk {
            let tail = chunk + wanted
            setWord(tail, rest | Layout.prevInUse | Layout.free)
            setWord(tail + rest - 8, rest)
            if nextFreeSize == 0 {
                let after = chunk + available
                setWord(after, word(after) & ~Layout.prevInUse)
            }
            insertFree(tail, size: rest)
            observer.emit(.split(chunk: chunk, keptSize: wanted, remainder: tail, remainderSize: rest,
                                    remainderBin: Self.bin(chunk: tail, size: rest)))
        } else {
            granted = available
            let after = chunk + available
            setWord(after, word(after) | Layout.prevInUse)
        }
        setWord(chunk, granted | (header & Layout.prevInUse))
        meta[Meta.liveBytes] += granted - size
        if granted > size {
            observer.emit(.grownInPlace(chunk: chunk, from: size, to: granted))
        } else if granted < size {
            observer.emit(.shrunkInPlace(chunk: chunk, from: size, to: granted))
        }
    }
}
