/// The pointer API, whose front-cache hits are inlined into the caller's module (the way
/// glibc's malloc inlines its tcache path); everything else calls into the library.
extension SegregatedFitHeap {
    /// Allocates `byteCount` bytes aligned to `alignment` and returns the content's address.
    /// Size 0 is served like size 1; alignments below 8 mean 8.
    /// - Throws: ``HeapError/invalidSize``, ``HeapError/invalidAlignment``, ``HeapError/outOfMemory``.
    /// - Complexity: O(1) except when the region is nearly exhausted, where the lists that
    ///   might still hold a fit are scanned (and the front cache flushed) before failing.
    @inlinable @inline(__always)
    public func allocate(byteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        // One unsigned compare keeps the alignment in 1 ... 4096, as every other path does.
        if validatesInline && UInt(bitPattern: byteCount) <= UInt(bitPattern: capacity)
            && UInt(bitPattern: alignment &- 1) < UInt(Layout.maximumAlignment) && alignment & (alignment &- 1) == 0 {
            let chunkSize = Self.chunkSize(forRequest: byteCount)
            if usesFrontCache && chunkSize <= Meta.largestCachedChunk {
                let chunk = popCachedChunk(chunkSize, alignment: alignment)
                if chunk != 0 { return regionBase + (chunk &+ 8) }
            }
            // A valid request: the bins serve it without validating again.
            let chunk = allocateValidatedWithoutEvents(chunkSize: chunkSize, alignment: alignment)
            if chunk != 0 { return regionBase + (chunk &+ 8) }
        }
        // An invalid request, or no room: the full path says why.
        return regionBase + (try allocateWithoutEvents(byteCount: byteCount, alignment: alignment))
    }

    /// Frees the block whose content starts at `pointer`.
    /// - Throws: ``HeapError/outsideRegion``, ``HeapError/notAChunk`` or ``HeapError/doubleFree``;
    ///   the heap is unchanged then.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError) {
        let offset = pointer - regionBase
        if validatesInline && UInt(bitPattern: offset &- 16) < UInt(bitPattern: capacity &- 24) && offset & 7 == 0 {
            // The full validation's checks of a live chunk; anything else takes the full path,
            // which says what is wrong.
            let chunk = offset &- 8
            let header = word(chunk)
            let size = header & Layout.sizeMask
            if header & (Layout.free | Layout.cached) == 0 && size >= Layout.minimumChunk
                && size <= capacity &- 8 &- chunk
                && word(chunk &+ size) & Layout.prevInUse != 0 {
                // Parking the chunk in the front cache reads and writes only the chunk itself,
                // so the footer before it is checked only when it is about to be trusted: by
                // coalescing now, or by the flush later.
                if usesFrontCache && size <= Meta.largestCachedChunk
                    && pushOntoFrontCache(chunk, header: header, sizeClass: (size &- Layout.minimumChunk) &>> 3) {
                    return
                }
                if isFooterBeforeTrusted(chunk, header: header) {
                    // Valid, and no cache or no room in it: free it without validating again.
                    freeChunkWithoutEvents(chunk)
                    return
                }
            }
        }
        try deallocateWithoutEvents(offset: offset)
    }

    /// Resizes the block at `pointer` to `newByteCount` bytes. In place when the chunk shrinks or
    /// the next chunk is free and big enough; otherwise a new block aligned to `alignment` is
    /// allocated, the content copied and the old block freed. On failure the old block is untouched.
    /// - Throws: ``HeapError`` for bad sizes, alignments or handles, or ``HeapError/outOfMemory``.
    /// - Complexity: O(1) in place; O(size) for the copy when the block moves.
    @inlinable @inline(__always)
    public func reallocate(_ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int = 8) throws(HeapError) -> UnsafeMutableRawPointer {
        let offset = pointer - regionBase
        if validatesInline && UInt(bitPattern: newByteCount) <= UInt(bitPattern: capacity)
            && alignment > 0 && alignment & (alignment &- 1) == 0 && alignment <= Layout.maximumAlignment
            && offset & (alignment &- 1) == 0 && offset >= 16 && offset < capacity &- 8 && offset & 7 == 0 {
            let chunk = offset &- 8
            let header = word(chunk)
            let size = header & Layout.sizeMask
            if header & (Layout.free | Layout.cached) == 0 && size >= Layout.minimumChunk && size <= capacity &- 8 &- chunk {
                let nextHeader = word(chunk &+ size)
                // A valid live chunk, but for the footer before it, which is checked before any
                // path that may coalesce through it: the library's, or a free.
                if nextHeader & Layout.prevInUse != 0 {
                    let wanted = Self.chunkSize(forRequest: newByteCount)
                    let nextFree = nextHeader & Layout.free != 0
                    // Unless the free next chunk can take the change (the library's job), the
                    // block stays, sheds a tail into the front cache, or moves to a cached chunk.
                    if usesFrontCache && wanted <= Meta.largestCachedChunk
                        && !(nextFree && (wanted <= size || size &+ (nextHeader & Layout.sizeMask) >= wanted)) {
                        if wanted <= size {
                            let rest = size &- wanted
                            if rest < Layout.minimumChunk { return pointer }
                            if rest <= Meta.largestCachedChunk && cacheTail(chunk &+ wanted, size: rest, alignment: alignment) {
                                setWord(chunk, wanted | (header & Layout.prevInUse))
                                return pointer
                            }
                        } else if frontCacheHasRoom(forChunkOfSize: size) || isFooterBeforeTrusted(chunk, header: header) {
                            let fresh = popCachedChunk(wanted, alignment: alignment)
                            if fresh != 0 {
                                let target = regionBase + (fresh &+ 8)
                                target.copyMemory(from: pointer, byteCount: size &- 8)
                                // Parked when its class had room, else freed (the footer was checked).
                                if !(size <= Meta.largestCachedChunk
                                     && pushOntoFrontCache(chunk, header: header, sizeClass: (size &- Layout.minimumChunk) &>> 3)) {
                                    freeChunkWithoutEvents(chunk)
                                }
                                return target
                            }
                        }
                    }
                    if isFooterBeforeTrusted(chunk, header: header) {
                        return regionBase + (try reallocateValidatedWithoutEvents(chunk: chunk, newByteCount: newByteCount, alignment: alignment))
                    }
                }
            }
        }
        return regionBase + (try reallocateWithoutEvents(offset: offset, newByteCount: newByteCount, alignment: alignment))
    }

    /// The library-side path of ``reallocate(_:newByteCount:alignment:)`` for a chunk the inlined
    /// path has already validated as live.
    @usableFromInline
    func reallocateValidatedWithoutEvents(chunk: Int, newByteCount: Int, alignment: Int) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try reallocate(validatedChunk: chunk, newByteCount: newByteCount, alignment: alignment, observer: &ignore)
    }

    /// The library-side path of ``reallocate(_:newByteCount:alignment:)``.
    @usableFromInline
    func reallocateWithoutEvents(offset: Int, newByteCount: Int, alignment: Int) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try reallocate(offset: offset, newByteCount: newByteCount, alignment: alignment, observer: &ignore)
    }

    /// Frees a validated live chunk (coalescing, no cache).
    @usableFromInline
    func freeChunkWithoutEvents(_ chunk: Int) {
        var ignore = IgnoreEvents()
        freeChunk(chunk, observer: &ignore)
    }

    /// Whether a live chunk's neighbour bits and the footer before it can be trusted for
    /// coalescing: its previous chunk is in use, or the footer names a free chunk whose header
    /// agrees (the check the full validation makes).
    @inlinable @inline(__always)
    func isFooterBeforeTrusted(_ chunk: Int, header: Int) -> Bool {
        header & Layout.prevInUse != 0 || previousChunkIsPlausible(chunk)
    }

    /// Whether the footer before `chunk` names a free chunk whose header agrees (the check the
    /// full validation makes when the prev-in-use bit is clear).
    @inlinable @inline(__always)
    func previousChunkIsPlausible(_ chunk: Int) -> Bool {
        let prevSize = word(chunk &- 8)
        return prevSize >= Layout.minimumChunk && prevSize & 7 == 0 && prevSize <= chunk &- Layout.firstChunk
            && word(chunk &- prevSize) == prevSize | Layout.prevInUse | Layout.free
    }

    /// The library-side path of ``allocate(byteCount:alignment:)`` for a request the inlined
    /// path has validated, in a heap without side tables and after the front cache missed:
    /// a chunk from the bins (flushing the cache before giving up), or 0 when none fits.
    @usableFromInline
    func allocateValidatedWithoutEvents(chunkSize: Int, alignment: Int) -> Int {
        var ignore = IgnoreEvents()
        return allocateAnyChunk(chunkSize, alignment: alignment, observer: &ignore)
    }

    /// The library-side allocation path of ``allocate(byteCount:alignment:)``.
    @usableFromInline
    func allocateWithoutEvents(byteCount: Int, alignment: Int) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try allocateOffset(byteCount: byteCount, alignment: alignment, observer: &ignore)
    }

    /// The library-side path of ``deallocate(_:)``.
    @usableFromInline
    func deallocateWithoutEvents(offset: Int) throws(HeapError) {
        var ignore = IgnoreEvents()
        try deallocate(offset: offset, observer: &ignore)
    }
}
