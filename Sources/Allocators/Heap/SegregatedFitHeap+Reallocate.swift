/// Reallocation: shrink in place, grow in place into a free next chunk, else move.
extension SegregatedFitHeap {
    /// Resizes the block at `pointer` to `newSize` bytes. In place when the chunk shrinks or
    /// the next chunk is free and big enough; otherwise a new block aligned to `alignment` is
    /// allocated, the content copied and the old block freed. On failure the old block is untouched.
    /// - Complexity: O(1) in place; O(size) for the copy when the block moves.
    public func reallocate(_ pointer: UnsafeMutableRawPointer, newSize: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        var ignore = IgnoreEvents()
        return regionBase + (try reallocate(offset: pointer - regionBase, newSize: newSize, alignment: alignment, observer: &ignore))
    }

    /// Resizes the block at content offset `offset`, reporting events; returns the content offset.
    /// - Complexity: O(1) in place; O(size) when the block moves.
    public func reallocate<Observer: HeapEventObserver>(
        offset: Int, newSize: Int, alignment: Int = 8, observer: inout Observer
    ) throws(HeapError) -> Int {
        guard newSize >= 0 else { throw .invalidSize }
        guard alignment > 0, alignment & (alignment - 1) == 0, alignment <= HeapLimits.maximumAlignment else {
            throw .invalidAlignment
        }
        let chunk = try validatedLiveChunk(contentOffset: offset)
        guard newSize <= capacity else { throw .outOfMemory }
        let header = word(chunk)
        let size = header & Layout.sizeMask
        let wanted = Self.chunkSize(forRequest: newSize)
        if offset & (alignment - 1) == 0 {
            let next = chunk + size
            let nextHeader = word(next)
            let nextFree = nextHeader & Layout.free != 0
            let nextSize = nextFree ? nextHeader & Layout.sizeMask : 0
            if wanted <= size {
                resizeInPlace(chunk, header: header, size: size, to: wanted, nextFreeSize: nextSize, observer: &observer)
                if tracksRequestedSizes { requestedSizes[offset] = newSize }
                return offset
            }
            if nextFree && size + nextSize >= wanted {
                resizeInPlace(chunk, header: header, size: size, to: wanted, nextFreeSize: nextSize, observer: &observer)
                if tracksRequestedSizes { requestedSizes[offset] = newSize }
                return offset
            }
        }
        var newChunk = takeFromFrontCache(wanted, alignment: alignment, observer: &observer)
        if newChunk == 0 { newChunk = allocateAnyChunk(wanted, alignment: alignment, observer: &observer) }
        guard newChunk != 0 else { throw .outOfMemory }
        let bytes = min(size, word(newChunk) & Layout.sizeMask) - 8
        (regionBase + newChunk + 8).copyMemory(from: regionBase + offset, byteCount: bytes)
        observer.emit(.movedByCopy(from: chunk, to: newChunk, bytes: bytes))
        freeChunk(chunk, observer: &observer)
        if tracksRequestedSizes {
            requestedSizes[offset] = nil
            requestedSizes[newChunk + 8] = newSize
        }
        return newChunk + 8
    }

    /// Makes the live chunk `wanted` bytes without moving it, using the free next chunk
    /// (`nextFreeSize` bytes, 0 when the next chunk is live). The caller checked it fits.
    @inline(__always)
    func resizeInPlace<Observer: HeapEventObserver>(
        _ chunk: Int, header: Int, size: Int, to wanted: Int, nextFreeSize: Int, observer: inout Observer
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
