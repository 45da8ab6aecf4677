/// The front cache: per-size LIFO lists of freed chunks that wait, uncoalesced and still in
/// use for the boundary tags, for a request of their size.
///
/// A cached chunk keeps the offset of the next chunk of its list in its first content word,
/// which a caller writing after free can overwrite. So a link read from a chunk becomes the
/// list head only when it is 0 exactly when the list's count says nothing is left, and the
/// head is checked before anything reads through it, when it is taken
/// (``isIntactCachedChunk(_:chunkSize:)``): the offset of a chunk inside the chunk area, 8-byte
/// aligned, whose header says "cached, in use, of this list's size". Checking the head when it
/// is taken rather than the link when it is read costs no extra memory access: the header
/// checked is the one of the chunk being handed out. A link or head that fails a check never
/// reaches memory: the rest of that list is dropped (head 0, count 0). The dropped chunks stay
/// marked cached and in use, so they are leaked rather than handed out twice, and
/// ``checkInvariants()`` reports them (more chunks carry the cached bit than the cache holds).
extension SegregatedFitHeap {
    /// Parks the live chunk at `chunk` (header `header`) at the head of front cache list
    /// `sizeClass` when the list has room; returns false, changing nothing, when it is full.
    /// The only place a chunk enters the cache.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func pushOntoFrontCache(_ chunk: Int, header: Int, sizeClass: Int) -> Bool {
        let count = meta[Meta.cacheCounts &+ sizeClass]
        guard count < meta[Meta.cacheLimits &+ sizeClass] else { return false }
        setWord(chunk &+ Layout.nextLink, meta[Meta.cacheHeads &+ sizeClass])
        setWord(chunk, header | Layout.cached)
        meta[Meta.cacheHeads &+ sizeClass] = chunk
        meta[Meta.cacheCounts &+ sizeClass] = count &+ 1
        return true
    }

    /// Whether a live chunk of `size` bytes would be parked by ``pushOntoFrontCache(_:header:sizeClass:)``
    /// now: its size is cacheable and its class has room.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func frontCacheHasRoom(forChunkOfSize size: Int) -> Bool {
        let sizeClass = (size &- Layout.minimumChunk) &>> 3
        return size <= Meta.largestCachedChunk && meta[Meta.cacheCounts &+ sizeClass] < meta[Meta.cacheLimits &+ sizeClass]
    }

    /// Takes the head of front cache list `sizeClass` when its content address is aligned to
    /// `alignment` (at most ``HeapLimits/maximumAlignment``); 0 when the list is empty or its
    /// head is not aligned. The head is checked first; a corrupt head, or a link behind it that
    /// disagrees with the list's count, drops the rest of the list. The taken chunk is an
    /// ordinary live chunk again. The only place a chunk leaves the cache one at a time.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func popFrontCacheHead(sizeClass: Int, alignment: Int) -> Int {
        let chunk = meta[Meta.cacheHeads &+ sizeClass]
        guard chunk != 0 else { return 0 }
        let chunkSize = Layout.minimumChunk &+ sizeClass &<< 3
        // The offset is checked before the alignment test, the header (read only for a chunk
        // about to be taken) after it.
        let inRange = isCachedChunkOffset(chunk, chunkSize: chunkSize)
        if inRange && (Int(bitPattern: regionBase) &+ chunk &+ Layout.nextLink) & (alignment &- 1) != 0 { return 0 }
        let header = inRange ? word(chunk) : 0
        guard header & (Layout.sizeMask | Layout.free | Layout.cached) == chunkSize | Layout.cached else {
            meta[Meta.cacheHeads &+ sizeClass] = 0
            meta[Meta.cacheCounts &+ sizeClass] = 0
            return 0
        }
        let next = word(chunk &+ Layout.nextLink)
        let remaining = meta[Meta.cacheCounts &+ sizeClass] &- 1
        let consistent = (next == 0) == (remaining == 0)
        meta[Meta.cacheHeads &+ sizeClass] = consistent ? next : 0
        meta[Meta.cacheCounts &+ sizeClass] = consistent ? remaining : 0
        setWord(chunk, header & ~Layout.cached)
        return chunk
    }

    /// Whether `chunk`, a list head of the front cache for chunks of `chunkSize` bytes, can be
    /// read through: the offset of an 8-byte aligned chunk inside the chunk area whose header
    /// says cached, in use, `chunkSize`.
    /// - Complexity: O(1): one header load, inside the region.
    @inlinable @inline(__always)
    func isIntactCachedChunk(_ chunk: Int, chunkSize: Int) -> Bool {
        isCachedChunkOffset(chunk, chunkSize: chunkSize)
            && word(chunk) & (Layout.sizeMask | Layout.free | Layout.cached) == chunkSize | Layout.cached
    }

    /// Whether a chunk of `chunkSize` bytes at `chunk` would lie inside the chunk area, 8-byte
    /// aligned: from the first chunk (8) to the last place it fits before the end sentinel.
    /// - Complexity: O(1), no memory access.
    @inlinable @inline(__always)
    func isCachedChunkOffset(_ chunk: Int, chunkSize: Int) -> Bool {
        chunk & 7 == 0
            && UInt(bitPattern: chunk &- Layout.firstChunk) <= UInt(bitPattern: capacity &- 8 &- chunkSize &- Layout.firstChunk)
    }

    /// Takes a cached chunk for a request of `chunkSize` bytes (at most 1024) aligned to
    /// `alignment`: the head of its own list, or for an over-aligned request (above 16) the
    /// head of one of the next three lists, 8 to 24 bytes larger (too little to split off, as
    /// carving from the bins would hand it out whole); 0 when none is aligned.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    func popCachedChunk(_ chunkSize: Int, alignment: Int) -> Int {
        let sizeClass = (chunkSize &- Layout.minimumChunk) &>> 3
        // Only over-aligned requests look further: the bins serve the others cheaply.
        let last = alignment > 16 ? min(sizeClass &+ 3, Meta.cacheClassCount &- 1) : sizeClass
        var candidate = sizeClass
        while candidate <= last {
            let chunk = popFrontCacheHead(sizeClass: candidate, alignment: alignment)
            if chunk != 0 { return chunk }
            candidate &+= 1
        }
        return 0
    }

    /// ``popCachedChunk(_:alignment:)`` for the offset API: checks that a cache exists and the
    /// size is cacheable, and reports the chunk taken (its own size, which may be up to 24
    /// bytes more than `chunkSize`).
    @inline(__always)
    func takeFromFrontCache<Observer: HeapEventObserver>(_ chunkSize: Int, alignment: Int, observer: inout Observer) -> Int {
        guard frontCacheDepth > 0, chunkSize <= Meta.largestCachedChunk else { return 0 }
        let chunk = popCachedChunk(chunkSize, alignment: alignment)
        if chunk != 0 { observer.emit(.takenFromFrontCache(chunk: chunk, size: word(chunk) & Layout.sizeMask)) }
        return chunk
    }

    /// Turns the `size` bytes at `tail`, just cut off the end of a live chunk, into a chunk
    /// waiting in the front cache when its class has room and its content is aligned like the
    /// block it came from (`alignment`, at most 4096, so the offset's alignment is the
    /// address's), so it can serve that block's kind again (the live counters already count
    /// its bytes; one more chunk is counted). Returns false, changing nothing, otherwise.
    @inlinable @inline(__always)
    func cacheTail(_ tail: Int, size: Int, alignment: Int) -> Bool {
        guard (tail &+ 8) & (alignment &- 1) == 0,
              pushOntoFrontCache(tail, header: size | Layout.prevInUse, sizeClass: (size &- Layout.minimumChunk) &>> 3)
        else { return false }
        meta[Meta.liveChunks] &+= 1
        return true
    }

    /// Frees every cached chunk, reporting events. Each chunk is checked as a pop checks the
    /// head, and when its previous chunk is free, the footer it is about to coalesce through
    /// is checked as a free checks it (a chunk enters the cache without that check, since
    /// parking it reads nothing through the footer): a corrupt chunk or footer, or a list
    /// longer than its count, ends the walk of its list, and the rest of that list is dropped
    /// (left in use, and reported by ``checkInvariants()``).
    /// - Complexity: O(cached chunks).
    public func flushFrontCache<Observer: HeapEventObserver>(observer: inout Observer) {
        guard frontCachedChunks != 0 else { return }
        for sizeClass in 0..<Meta.cacheClassCount {
            let chunkSize = Layout.minimumChunk + sizeClass * 8
            var chunk = meta[Meta.cacheHeads + sizeClass]
            var remaining = meta[Meta.cacheCounts + sizeClass]
            while chunk != 0 && remaining > 0 && isIntactCachedChunk(chunk, chunkSize: chunkSize)
                    && isFooterBeforeTrusted(chunk, header: word(chunk)) {
                let next = word(chunk + Layout.nextLink)
                remaining -= 1
                setWord(chunk, word(chunk) & ~Layout.cached)
                freeChunk(chunk, observer: &observer)
                chunk = next
            }
            meta[Meta.cacheHeads + sizeClass] = 0
            meta[Meta.cacheCounts + sizeClass] = 0
        }
    }
}
