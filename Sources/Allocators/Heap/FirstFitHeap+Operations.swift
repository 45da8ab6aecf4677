/// Allocation, freeing and reallocation for the first-fit baseline.
extension FirstFitHeap {
    /// Allocates `byteCount` bytes aligned to `alignment` and returns the content's address.
    /// - Complexity: O(holes).
    public func allocate(byteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        var ignore = IgnoreEvents()
        return regionBase + (try allocateOffset(byteCount: byteCount, alignment: alignment, observer: &ignore))
    }

    /// Frees the block whose content starts at `pointer`.
    /// - Complexity: O(holes).
    public func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError) {
        var ignore = IgnoreEvents()
        try deallocate(offset: pointer - regionBase, observer: &ignore)
    }

    /// Resizes the block at `pointer`.
    /// - Complexity: O(holes) plus O(size) when the block moves.
    public func reallocate(_ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        var ignore = IgnoreEvents()
        return regionBase + (try reallocate(offset: pointer - regionBase, newByteCount: newByteCount, alignment: alignment, observer: &ignore))
    }

    /// The chunk size serving `size` bytes: header plus content rounded to 8, at least a hole.
    @inline(__always) static func chunkSize(forRequest size: Int) -> Int {
        max(minimumHole, (size + 8 + 7) & ~7)
    }

    /// Allocates, reporting events; returns the content offset.
    /// - Complexity: O(holes).
    public func allocateOffset<Observer: HeapEventObserver>(
        byteCount: Int, alignment: Int = 8, observer: inout Observer
    ) throws(HeapError) -> Int {
        try HeapLimits.validateRequest(byteCount: byteCount, alignment: alignment, capacity: capacity)
        let chunk = allocateChunk(Self.chunkSize(forRequest: byteCount), alignment: max(alignment, 8), observer: &observer)
        guard chunk >= 0 else { throw .outOfMemory(byteCount: byteCount, alignment: alignment) }
        if tracksRequestedSizes { setRequest(at: chunk + 8, byteCount) }
        observer.emit(.allocated(chunk: chunk, size: word(chunk) & ~7, requested: byteCount))
        return chunk + 8
    }

    /// First fit: the lowest hole where an aligned chunk of `wanted` bytes fits; -1 when none.
    /// Other policies choose in `policyAllocateChunk`.
    func allocateChunk<Observer: HeapEventObserver>(_ wanted: Int, alignment: Int, observer: inout Observer) -> Int {
        if usesPolicyPaths { return policyAllocateChunk(wanted, alignment: alignment, observer: &observer) }
        var previous = Self.none
        var hole = head
        while hole != Self.none {
            if alignedStart(in: hole, alignment: alignment) + wanted <= hole + word(hole) {
                return carve(wanted, alignment: alignment, from: hole, previous: previous, observer: &observer)
            }
            previous = hole
            hole = nextHole(hole)
        }
        return -1
    }

    /// The offset where the content of a chunk carved from `hole` starts, minus the header:
    /// `hole` itself when aligned, else the first aligned position leaving a padding hole.
    @inline(__always) func alignedStart(in hole: Int, alignment: Int) -> Int {
        var start = ((hole + 8 + alignment - 1) & ~(alignment - 1)) - 8
        while start != hole && start - hole < Self.minimumHole { start += alignment }
        return start
    }

    /// Carves (for every policy) an aligned chunk of `wanted` bytes out of `hole` (whose list predecessor is
    /// `previous`). A front padding hole keeps the hole's list position, and the tail hole
    /// follows it there; too small a tail stays with the chunk.
    func carve<Observer: HeapEventObserver>(_ wanted: Int, alignment: Int, from hole: Int, previous: Int, observer: inout Observer) -> Int {
        let holeSize = word(hole)
        let next = nextHole(hole)
        let start = alignedStart(in: hole, alignment: alignment)
        observer.emit(.takenFromBin(chunk: hole, size: holeSize, bin: holeBin))
        var size = wanted
        var tail = hole + holeSize - (start + wanted)
        if tail < Self.minimumHole {
            size += tail
            tail = 0
        }
        var after = next
        if tail > 0 {
            let tailHole = start + size
            setWord(tailHole, tail)
            setNextHole(tailHole, next)
            after = tailHole
            observer.emit(.split(chunk: start, keptSize: size, remainder: tailHole, remainderSize: tail, remainderBin: holeBin))
        }
        if start != hole {
            setWord(hole, start - hole)
            setNextHole(hole, after)
            observer.emit(.alignmentPadding(chunk: hole, size: start - hole, bin: holeBin))
        } else {
            link(after: previous, to: after)
        }
        setWord(start, size | Self.live)
        meta[MetaSlot.liveChunks] += 1
        meta[MetaSlot.liveBytes] += size
        if policy.fit == .next {
            rover = policy.order == .address ? start + size : after
        }
        return start
    }

    /// Frees the block at content offset `offset`, reporting events.
    /// - Complexity: O(holes): the walk finds the neighbours to merge with.
    public func deallocate<Observer: HeapEventObserver>(offset: Int, observer: inout Observer) throws(HeapError) {
        if usesPolicyPaths { return try policyDeallocate(offset: offset, observer: &observer) }
        let (chunk, previous, next) = try validatedLiveChunk(contentOffset: offset)
        if tracksRequestedSizes { setRequest(at: offset, nil) }
        let size = word(chunk) & ~7
        meta[MetaSlot.liveChunks] -= 1
        meta[MetaSlot.liveBytes] -= size
        observer.emit(.freed(chunk: chunk, size: size))
        insertHole(chunk, size: size, previous: previous, next: next, observer: &observer)
    }

    /// Returns `[chunk, chunk + size)` to the list between `previous` and `next`, merging.
    /// A header left inside the merged hole is cleared (see ``clearAbsorbedHeader(_:)``).
    func insertHole<Observer: HeapEventObserver>(_ chunk: Int, size: Int, previous: Int, next: Int, observer: inout Observer) {
        var start = chunk, total = size
        var following = next
        if next != Self.none && chunk + size == next {
            total += word(next)
            following = nextHole(next)
            clearAbsorbedHeader(next)
            observer.emit(.coalescedWithNext(chunk: start, size: total))
        }
        if previous != Self.none && previous + word(previous) == chunk {
            start = previous
            total += word(previous)
            clearAbsorbedHeader(chunk)
            observer.emit(.coalescedWithPrevious(chunk: start, size: total))
        } else {
            link(after: previous, to: start)
        }
        setWord(start, total)
        setNextHole(start, following)
        observer.emit(.insertedIntoBin(chunk: start, size: total, bin: .holeList))
    }

    /// Clears the header word of a chunk or hole at `offset` that has just become the inside of
    /// another chunk (merged into a hole, or taken by a growing block). A stale handle of a block
    /// once there then finds no live header, instead of the heap's own old one.
    /// - Complexity: O(1).
    @inline(__always) func clearAbsorbedHeader(_ offset: Int) { setWord(offset, 0) }

    /// The holes just before and just after the live chunk at `chunk` (`none` when there is none).
    /// - Complexity: O(holes before the chunk).
    func holes(around chunk: Int) -> (previous: Int, next: Int) {
        var previous = Self.none
        var hole = head
        while hole != Self.none && hole < chunk {
            previous = hole
            hole = nextHole(hole)
        }
        return (previous, hole)
    }

    /// Checks that `contentOffset` is the content of a live chunk; returns it with the holes
    /// around it. No hole contains the chunk or starts inside it, its header is a live chunk's
    /// inside the region, and what follows it is the next hole, the region's end or another live
    /// header (``followsLiveChunk(at:isHole:)``).
    /// - Complexity: O(holes before the chunk).
    func validatedLiveChunk(contentOffset: Int) throws(HeapError) -> (chunk: Int, previous: Int, next: Int) {
        guard contentOffset >= 8, contentOffset < capacity else { throw .outsideRegion(offset: contentOffset) }
        guard contentOffset & 7 == 0 else { throw .notAChunk(offset: contentOffset) }
        let chunk = contentOffset - 8
        var previous = Self.none
        var hole = head
        while hole != Self.none && hole <= chunk {
            if chunk < hole + word(hole) { throw hole == chunk ? .doubleFree(offset: contentOffset) : .notAChunk(offset: contentOffset) }
            previous = hole
            hole = nextHole(hole)
        }
        let header = word(chunk)
        let size = header & ~7
        guard header & 7 == Self.live, size >= Self.minimumHole, size <= capacity - chunk,
              hole == Self.none || chunk + size <= hole,
              followsLiveChunk(at: chunk + size, isHole: chunk + size == hole) else { throw .notAChunk(offset: contentOffset) }
        return (chunk, previous, hole)
    }

    /// Whether what starts at `end`, right after a live chunk, can follow one: the region's end,
    /// a hole (`isHole`, found in the list) or a live chunk whose header fits in the region.
    /// - Complexity: O(1).
    @inline(__always) func followsLiveChunk(at end: Int, isHole: Bool) -> Bool {
        if end == capacity || isHole { return true }
        let header = word(end)
        let size = header & ~7
        return header & 7 == Self.live && size >= Self.minimumHole && size <= capacity - end
    }

    /// Resizes the block at `offset`: shrinks in place, grows into a hole right after it, or moves.
    /// - Complexity: O(holes) plus O(size) when it moves.
    public func reallocate<Observer: HeapEventObserver>(
        offset: Int, newByteCount: Int, alignment: Int = 8, observer: inout Observer
    ) throws(HeapError) -> Int {
        try HeapLimits.validateSizeAndAlignment(byteCount: newByteCount, alignment: alignment)
        if usesPolicyPaths { return try policyReallocate(offset: offset, newByteCount: newByteCount, alignment: alignment, observer: &observer) }
        let (chunk, previous, next) = try validatedLiveChunk(contentOffset: offset)
        guard newByteCount <= capacity else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
        let size = word(chunk) & ~7
        let wanted = Self.chunkSize(forRequest: newByteCount)
        if offset & (alignment - 1) == 0 {
            if wanted <= size {
                let tail = size - wanted
                if tail >= Self.minimumHole {
                    setWord(chunk, wanted | Self.live)
                    meta[MetaSlot.liveBytes] -= tail
                    insertHole(chunk + wanted, size: tail, previous: previous, next: next, observer: &observer)
                    observer.emit(.shrunkInPlace(chunk: chunk, from: size, to: wanted))
                }
                if tracksRequestedSizes { setRequest(at: offset, newByteCount) }
                return offset
            }
            if next != Self.none && next == chunk + size && size + word(next) >= wanted {
                growIntoNextHole(chunk, size: size, wanted: wanted, hole: next, previous: previous, observer: &observer)
                if tracksRequestedSizes { setRequest(at: offset, newByteCount) }
                return offset
            }
        }
        let newChunk = allocateChunk(wanted, alignment: max(alignment, 8), observer: &observer)
        guard newChunk >= 0 else { throw .outOfMemory(byteCount: newByteCount, alignment: alignment) }
        let bytes = min(size, word(newChunk) & ~7) - 8
        (regionBase + newChunk + 8).copyMemory(from: regionBase + offset, byteCount: bytes)
        observer.emit(.movedByCopy(from: chunk, to: newChunk, bytes: bytes))
        // The list changed: find the old chunk's neighbours again (it is still live, so this
        // only walks: nothing after the allocation can fail).
        let (newPrevious, newNext) = holes(around: chunk)
        meta[MetaSlot.liveChunks] -= 1
        meta[MetaSlot.liveBytes] -= size
        insertHole(chunk, size: size, previous: newPrevious, next: newNext, observer: &observer)
        if tracksRequestedSizes {
            setRequest(at: offset, nil)
            setRequest(at: newChunk + 8, newByteCount)
        }
        return newChunk + 8
    }
}

extension FirstFitHeap {
    /// Grows the live chunk of `size` bytes at `chunk` into the hole right after it (`hole`,
    /// listed after `previous`) to `wanted` bytes: the rest of the hole stays a hole when it is
    /// big enough, else the chunk takes the hole whole. Returns the hole left after the chunk,
    /// or nil when none is.
    /// - Complexity: O(1).
    @discardableResult
    func growIntoNextHole<Observer: HeapEventObserver>(
        _ chunk: Int, size: Int, wanted: Int, hole: Int, previous: Int, observer: inout Observer
    ) -> Int? {
        let available = size + word(hole)
        let following = nextHole(hole)
        clearAbsorbedHeader(hole)
        var granted = wanted
        let tailHole = chunk + wanted
        let rest = available - wanted
        if rest >= Self.minimumHole {
            setWord(tailHole, rest)
            setNextHole(tailHole, following)
            link(after: previous, to: tailHole)
        } else {
            granted = available
            link(after: previous, to: following)
        }
        setWord(chunk, granted | Self.live)
        meta[MetaSlot.liveBytes] += granted - size
        observer.emit(.grownInPlace(chunk: chunk, from: size, to: granted))
        return rest >= Self.minimumHole ? tailHole : nil
    }
}
