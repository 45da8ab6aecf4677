/// Allocation: smallbins first (exact size, then the next non-empty smallbin), then TLSF.
extension SegregatedFitHeap {
    /// Allocates `byteCount` bytes aligned to `alignment`, reporting events, and returns the content offset.
    /// - Complexity: O(1) except near exhaustion (see ``allocate(byteCount:alignment:)``).
    @inline(__always)
    public func allocateOffset<Observer: HeapEventObserver>(
        byteCount: Int, alignment: Int = 8, observer: inout Observer
    ) throws(HeapError) -> Int {
        try HeapLimits.validateRequest(byteCount: byteCount, alignment: alignment, capacity: capacity)
        let chunkSize = Self.chunkSize(forRequest: byteCount)
        var chunk = takeFromFrontCache(chunkSize, alignment: alignment, observer: &observer)
        if chunk == 0 {
            chunk = allocateAnyChunk(chunkSize, alignment: alignment, observer: &observer)
        }
        guard chunk != 0 else { throw .outOfMemory(byteCount: byteCount, alignment: alignment) }
        if tracksRequestedSizes { recordRequest(chunk: chunk, requested: byteCount) }
        setLiveStart(chunk, true)
        observer.emit(.allocated(chunk: chunk, size: word(chunk) & Layout.sizeMask, requested: byteCount))
        return chunk &+ 8
    }

    /// Takes a chunk from the bins (flushing the front cache before giving up); 0 when none fits.
    @inline(__always)
    func allocateAnyChunk<Observer: HeapEventObserver>(_ chunkSize: Int, alignment: Int, observer: inout Observer) -> Int {
        var chunk = alignment <= 8
            ? allocateChunk(chunkSize, observer: &observer)
            : allocateAlignedChunk(chunkSize, alignment: alignment, observer: &observer)
        if chunk == 0 && frontCacheDepth > 0 && frontCachedChunks != 0 {
            flushFrontCache(observer: &observer)
            chunk = alignment <= 8
                ? allocateChunk(chunkSize, observer: &observer)
                : allocateAlignedChunk(chunkSize, alignment: alignment, observer: &observer)
        }
        return chunk
    }

    /// Takes a chunk of at least `chunkSize` bytes with no alignment beyond 8; 0 when none fits.
    @inline(__always)
    func allocateChunk<Observer: HeapEventObserver>(_ chunkSize: Int, observer: inout Observer) -> Int {
        if chunkSize <= Meta.largestSmallChunk {
            let bin = (chunkSize &- Layout.minimumChunk) >> 3
            let candidates = meta[Meta.smallMap] & (~0 &<< bin)
            if candidates != 0 {
                let found = candidates.trailingZeroBitCount
                let sub = Int(smallSubBins[found].trailingZeroBitCount)
                let chunk = popHead(Meta.smallHeads &+ found &* Meta.subBinCount &+ sub)
                let size = Layout.minimumChunk &+ found &* 8
                observer.emit(.takenFromBin(chunk: chunk, size: size, bin: .small(chunkSize: size, subBin: sub)))
                carve(chunk, size: size, keep: chunkSize, prevBit: Layout.prevInUse, observer: &observer)
                return chunk
            }
        }
        let list = findLargeList(atLeast: chunkSize)
        if list >= 0 {
            let chunk = popHead(list)
            let size = word(chunk) & Layout.sizeMask
            observer.emit(.takenFromBin(chunk: chunk, size: size, bin: Self.bin(chunk: chunk, size: size)))
            carve(chunk, size: size, keep: chunkSize, prevBit: Layout.prevInUse, observer: &observer)
            return chunk
        }
        return scanForFit(chunkSize, alignment: 8, observer: &observer)
    }

    /// Takes a chunk whose content can be aligned to `alignment` (16 ... 4096); 0 when none fits.
    func allocateAlignedChunk<Observer: HeapEventObserver>(
        _ chunkSize: Int, alignment: Int, observer: inout Observer
    ) -> Int {
        let level = alignment.trailingZeroBitCount &- 3
        // 1. A smallbin chunk already aligned well enough (sub-bins say so in one test).
        if chunkSize <= Meta.largestSmallChunk && level <= 7 {
            let bin = (chunkSize &- Layout.minimumChunk) >> 3
            var aligned = 0
            for sub in level..<Meta.subBinCount { aligned |= meta[Meta.subBinLevelMaps &+ sub] }
            let candidates = aligned & (~0 &<< bin)
            if candidates != 0 {
                let found = candidates.trailingZeroBitCount
                let sub = level &+ Int((smallSubBins[found] &>> UInt8(level)).trailingZeroBitCount)
                let chunk = popHead(Meta.smallHeads &+ found &* Meta.subBinCount &+ sub)
                let size = Layout.minimumChunk &+ found &* 8
                observer.emit(.takenFromBin(chunk: chunk, size: size, bin: .small(chunkSize: size, subBin: sub)))
                carve(chunk, size: size, keep: chunkSize, prevBit: Layout.prevInUse, observer: &observer)
                return chunk
            }
        }
        // 2. Any chunk big enough to cut the padding off its front, whatever its alignment.
        let needed = chunkSize &+ alignment &+ 24
        var list = -1
        if needed <= Meta.largestSmallChunk {
            let bin = (needed &- Layout.minimumChunk) >> 3
            let candidates = meta[Meta.smallMap] & (~0 &<< bin)
            if candidates != 0 {
                let found = candidates.trailingZeroBitCount
                list = Meta.smallHeads &+ found &* Meta.subBinCount &+ Int(smallSubBins[found].trailingZeroBitCount)
            }
        }
        if list < 0 { list = findLargeList(atLeast: needed) }
        if list >= 0 {
            let chunk = meta[list]
            let size = word(chunk) & Layout.sizeMask
            observer.emit(.takenFromBin(chunk: chunk, size: size, bin: Self.bin(chunk: chunk, size: size)))
            let taken = carveFromEnd(chunk, size: size, keep: chunkSize, alignment: alignment, list: list, observer: &observer)
            if taken != 0 { return taken }
            removeFree(chunk, size: size)
            return carveAligned(chunk, size: size, keep: chunkSize, alignment: alignment, observer: &observer)
        }
        // 3. Near exhaustion: look for a chunk that fits with its actual padding.
        return scanForFit(chunkSize, alignment: alignment, observer: &observer)
    }

    /// Serves `keep` bytes aligned to `alignment` from the end of the free chunk at `chunk`
    /// (still in list `list`): the front part stays free where it is, and keeps its list when
    /// its class does not change, so carving from a big chunk costs no list operations. A
    /// tail of 32 bytes or more behind the aligned block becomes a free chunk. Returns the
    /// chunk handed out, or 0 (nothing changed) when the front part would be under 32 bytes.
    @inline(__always)
    func carveFromEnd<Observer: HeapEventObserver>(
        _ chunk: Int, size: Int, keep: Int, alignment: Int, list: Int, observer: inout Observer
    ) -> Int {
        let end = chunk &+ size
        let start = ((end &- keep &+ 8) & ~(alignment &- 1)) &- 8
        let front = start &- chunk
        if front == 0 || front < 0 && alignment <= 8 {
            // The whole chunk serves the request (a plain request leaving under 32 bytes).
            removeFree(chunk, size: size)
            carve(chunk, size: size, keep: keep, prevBit: Layout.prevInUse, observer: &observer)
            return chunk
        }
        if front < Layout.minimumChunk {
            if alignment <= 8 {
                removeFree(chunk, size: size)
                carve(chunk, size: size, keep: keep, prevBit: Layout.prevInUse, observer: &observer)
                return chunk
            }
            return 0
        }
        // The front part stays free in place.
        if Self.listIndex(chunk: chunk, size: front) != list {
            removeFree(chunk, size: size)
            setWord(chunk, front | Layout.prevInUse | Layout.free)
            setWord(start &- 8, front)
            insertFree(chunk, size: front)
        } else {
            setWord(chunk, front | Layout.prevInUse | Layout.free)
            setWord(start &- 8, front)
            countFree(size: size, entering: false)
            countFree(size: front, entering: true)
        }
        observer.emit(.split(chunk: start, keptSize: size &- front, remainder: chunk, remainderSize: front,
                             remainderBin: Self.bin(chunk: chunk, size: front)))
        carve(start, size: size &- front, keep: keep, prevBit: 0, observer: &observer)
        return start
    }

    /// Cuts front padding off the (already unlinked) free chunk so its content is aligned, then
    /// keeps `keep` bytes; returns the offset of the chunk handed out.
    @inline(__always)
    func carveAligned<Observer: HeapEventObserver>(
        _ chunk: Int, size: Int, keep: Int, alignment: Int, observer: inout Observer
    ) -> Int {
        let pad = Self.frontPadding(chunk: chunk, alignment: alignment)
        if pad == 0 {
            carve(chunk, size: size, keep: keep, prevBit: Layout.prevInUse, observer: &observer)
            return chunk
        }
        // The padding stays free (its previous chunk is in use: no two free chunks touch).
        setWord(chunk, pad | Layout.prevInUse | Layout.free)
        setWord(chunk &+ pad &- 8, pad)
        insertFree(chunk, size: pad)
        observer.emit(.alignmentPadding(chunk: chunk, size: pad, bin: Self.bin(chunk: chunk, size: pad)))
        carve(chunk &+ pad, size: size &- pad, keep: keep, prevBit: 0, observer: &observer)
        return chunk &+ pad
    }

    /// Turns the unlinked free chunk at `chunk` (`size` bytes) into a live chunk of `keep`
    /// bytes, returning a tail of 32 bytes or more to the bins; a smaller tail stays inside.
    @inline(__always)
    func carve<Observer: HeapEventObserver>(
        _ chunk: Int, size: Int, keep: Int, prevBit: Int, observer: inout Observer
    ) {
        let rest = size &- keep
        var granted = size
        if rest >= Layout.minimumChunk {
            granted = keep
            let tail = chunk &+ keep
            setWord(tail, rest | Layout.prevInUse | Layout.free)
            setWord(tail &+ rest &- 8, rest)
            insertFree(tail, size: rest)
            observer.emit(.split(chunk: chunk, keptSize: keep, remainder: tail, remainderSize: rest,
                                    remainderBin: Self.bin(chunk: tail, size: rest)))
        } else {
            let next = chunk &+ size
            setWord(next, word(next) | Layout.prevInUse)
        }
        setWord(chunk, granted | prevBit)
        meta[Meta.liveChunks] &+= 1
        meta[Meta.liveBytes] &+= granted
    }

    /// The slow path before failing: scans every list that might hold a chunk able to serve
    /// `chunkSize` bytes at `alignment` (the good-fit search skipped them because not every
    /// chunk in them fits). Takes the first fit found; 0 when there is none.
    func scanForFit<Observer: HeapEventObserver>(_ chunkSize: Int, alignment: Int, observer: inout Observer) -> Int {
        let needed = alignment <= 8 ? chunkSize : chunkSize &+ alignment &+ 24
        var firstList: Int
        var lastList: Int
        if chunkSize <= Meta.largestSmallChunk {
            firstList = Meta.smallHeads &+ ((chunkSize &- Layout.minimumChunk) >> 3) &* Meta.subBinCount
        } else {
            let (fl, sl) = Self.largeClass(chunkSize)
            firstList = Meta.largeHeads &+ fl &* Meta.secondLevelCount &+ sl
        }
        if needed <= Meta.largestSmallChunk {
            lastList = Meta.smallHeads &+ ((needed &- Layout.minimumChunk) >> 3) &* Meta.subBinCount &+ 7
        } else {
            let (fl, sl) = Self.largeClass(needed)
            lastList = min(Meta.largeHeads &+ fl &* Meta.secondLevelCount &+ sl, Meta.secondLevelMaps &- 1)
        }
        var list = firstList
        while list <= lastList {
            var chunk = meta[list]
            while chunk != 0 {
                let size = word(chunk) & Layout.sizeMask
                let pad = alignment <= 8 ? 0 : Self.frontPadding(chunk: chunk, alignment: alignment)
                if size >= pad &+ chunkSize {
                    removeFree(chunk, size: size)
                    observer.emit(.takenFromBin(chunk: chunk, size: size, bin: Self.bin(chunk: chunk, size: size)))
                    if alignment <= 8 {
                        carve(chunk, size: size, keep: chunkSize, prevBit: Layout.prevInUse, observer: &observer)
                        return chunk
                    }
                    return carveAligned(chunk, size: size, keep: chunkSize, alignment: alignment, observer: &observer)
                }
                chunk = word(chunk &+ Layout.nextLink)
            }
            list &+= 1
        }
        return 0
    }
}
