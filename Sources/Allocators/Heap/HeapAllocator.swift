/// A heap over one contiguous region of bytes: the common face of ``SegregatedFitHeap`` and
/// the ``FirstFitHeap`` baseline.
///
/// Two handle styles are offered. Pointers are the fast path (`allocate(byteCount:alignment:)`,
/// `deallocate(_:)`, `reallocate(_:newByteCount:alignment:)`, which never report events). Offsets —
/// the distance of a block's content from ``regionBase`` — are the stable handles for
/// visualizers and snapshots; the offset-based operations take an event observer.
/// Convert with ``pointer(at:)`` and ``offset(of:)``.
///
/// Size 0 is served like size 1 (a unique minimal chunk). Alignments below 8 mean 8.
/// Heaps are reference types; ``copy()`` makes an independent duplicate.
public protocol HeapAllocator: AnyObject {
    /// Start of the managed region (aligned to ``HeapLimits/maximumAlignment``).
    var regionBase: UnsafeMutableRawPointer { get }
    /// Bytes in the managed region.
    var capacity: Int { get }
    /// Whether requested sizes are recorded per live block (for internal-fragmentation figures).
    var tracksRequestedSizes: Bool { get }

    /// Allocates `byteCount` bytes aligned to `alignment` and returns the content's address.
    func allocate(byteCount: Int, alignment: Int) throws(HeapError) -> UnsafeMutableRawPointer
    /// Frees the block whose content starts at `pointer`. Detected misuse is reported and changes nothing.
    func deallocate(_ pointer: UnsafeMutableRawPointer) throws(HeapError)
    /// Resizes the block at `pointer` to `newByteCount` bytes, in place when possible; a moved block
    /// is allocated with `alignment`. On failure the old block is untouched.
    func reallocate(_ pointer: UnsafeMutableRawPointer, newByteCount: Int, alignment: Int) throws(HeapError) -> UnsafeMutableRawPointer

    /// Allocates and returns the content offset, reporting events to `observer`.
    func allocateOffset<Observer: HeapEventObserver>(byteCount: Int, alignment: Int, observer: inout Observer) throws(HeapError) -> Int
    /// Frees the block whose content starts at `offset`, reporting events to `observer`.
    func deallocate<Observer: HeapEventObserver>(offset: Int, observer: inout Observer) throws(HeapError)
    /// Resizes the block at content offset `offset` and returns its (possibly new) content offset.
    func reallocate<Observer: HeapEventObserver>(offset: Int, newByteCount: Int, alignment: Int, observer: inout Observer) throws(HeapError) -> Int

    /// Calls `body` for every chunk in address order, starting with the chunk that contains
    /// `offset`, until `body` returns `false`. An offset before the first chunk (negative, or
    /// ``SegregatedFitHeap``'s prologue word at 0) starts at the first chunk; an offset at or
    /// past the end of the chunk area visits nothing. The chunk area ends at ``capacity`` for
    /// ``FirstFitHeap`` and at `capacity - 8` for ``SegregatedFitHeap``, whose last word is
    /// the end sentinel, not a chunk.
    func forEachChunk(from offset: Int, _ body: (HeapChunk) -> Bool)
    /// Every chunk in address order.
    func chunks() -> [HeapChunk]
    /// Splits `range` into `columns` equal slices and returns the usage of each, in one walk.
    func memoryMap(range: Range<Int>, columns: Int) -> [HeapRangeUsage]
    /// Used, header and free bytes inside `range` (offsets from the region start).
    func usage(in range: Range<Int>) -> HeapRangeUsage
    /// Every bin with its occupancy, in search order.
    func binSummaries() -> [HeapBinSummary]
    /// Live chunk count and bytes, in O(1).
    var totals: HeapTotals { get }
    /// The fragmentation figures of ``walkedMetrics()``, from totals the heap keeps as it
    /// changes (the default implementation walks every chunk).
    func metrics() -> FragmentationMetrics
    /// Requested bytes of the live block at content offset `offset` (when tracked).
    func requestedSize(atOffset offset: Int) -> Int?
    /// The chunk size (header included) of the live block whose content starts at `offset`,
    /// or `nil` when no live block starts there.
    func liveChunkSize(atContentOffset offset: Int) -> Int?
    /// Verifies every structural invariant, throwing the first violation found.
    func checkInvariants() throws(HeapInvariantViolation)
    /// An independent duplicate: region bytes and bookkeeping copied.
    func copy() -> Self
    /// About how many bytes ``copy()`` copies into its new region (the region's pages it makes
    /// resident): the whole capacity unless the heap copies less.
    var estimatedCopyBytes: Int { get }
}

extension HeapAllocator {
    /// The address of the content at `offset`.
    @inlinable public func pointer(at offset: Int) -> UnsafeMutableRawPointer { regionBase + offset }
    /// The content offset of `pointer` (which may lie outside the region).
    @inlinable public func offset(of pointer: UnsafeMutableRawPointer) -> Int { pointer - regionBase }

    /// Allocates without reporting events; returns the content offset.
    public func allocateOffset(byteCount: Int, alignment: Int = 8) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try allocateOffset(byteCount: byteCount, alignment: alignment, observer: &ignore)
    }
    /// Frees without reporting events.
    public func deallocate(offset: Int) throws(HeapError) {
        var ignore = IgnoreEvents()
        try deallocate(offset: offset, observer: &ignore)
    }
    /// Reallocates without reporting events.
    public func reallocate(offset: Int, newByteCount: Int, alignment: Int = 8) throws(HeapError) -> Int {
        var ignore = IgnoreEvents()
        return try reallocate(offset: offset, newByteCount: newByteCount, alignment: alignment, observer: &ignore)
    }

    /// Every chunk in address order.
    /// - Complexity: O(chunks).
    public func chunks() -> [HeapChunk] {
        var all: [HeapChunk] = []
        forEachChunk(from: 0) { all.append($0); return true }
        return all
    }

    /// Used, header and free bytes inside `range` (offsets from the region start).
    /// - Complexity: O(chunks overlapping the range) plus the walk to its start.
    public func usage(in range: Range<Int>) -> HeapRangeUsage {
        memoryMap(range: range, columns: 1)[0]
    }

    /// Splits `range` into `columns` equal slices and returns the usage of each, in one walk:
    /// a 200-column strip of a heap with 100,000 chunks costs one pass over those chunks.
    /// - Complexity: O(chunks in the range + columns).
    public func memoryMap(range: Range<Int>, columns: Int) -> [HeapRangeUsage] {
        var map = HeapMemoryMapAccumulator(range: range, columns: columns, capacity: capacity)
        guard !map.isEmpty else { return map.columns }
        forEachChunk(from: map.lower) { chunk in
            map.add(offset: chunk.offset, size: chunk.size, isFree: chunk.isFree, headerBytes: chunk.headerBytes)
        }
        return map.columns
    }

    /// The shared fragmentation figures (see ``FragmentationMetrics``): with free chunks of
    /// sizes `U_i`, `F = Σ U_i`, `L = max U_i`, external fragmentation `1 - L / F`, Sawicki's
    /// `1 - sqrt(Σ U_i²) / F` (both 0 when `F == 0`), internal fragmentation
    /// `Σ (granted - requested)` and utilisation `requested / capacity`. Requested bytes are
    /// the tracked requests, or the usable content bytes when the heap does not track
    /// requests; granted bytes are live chunk sizes (headers included).
    /// This is the reference the incremental ``metrics()`` of each heap is checked against.
    /// - Complexity: O(chunks).
    public func walkedMetrics() -> FragmentationMetrics {
        var free = FreeBlockAccumulator()
        var requested = 0, granted = 0, live = 0
        forEachChunk(from: 0) { chunk in
            if chunk.isFree {
                free.add(size: chunk.size)
            } else {
                live += 1
                granted += chunk.size
                requested += chunk.requestedBytes ?? (chunk.size - chunk.headerBytes)
            }
            return true
        }
        return FragmentationMetrics(capacity: capacity, requestedBytes: requested, grantedBytes: granted,
                                    liveBlockCount: live, free: free)
    }

    /// The figures of ``walkedMetrics()``; heaps that keep their totals incrementally override it.
    /// - Complexity: O(chunks).
    public func metrics() -> FragmentationMetrics { walkedMetrics() }

    /// The whole capacity: a plain copy of the region.
    public var estimatedCopyBytes: Int { capacity }

    /// The chunk containing `offset`, as ``forEachChunk(from:_:)`` finds it: the first chunk for
    /// an offset before it (negative, or ``SegregatedFitHeap``'s prologue word), nil for an
    /// offset at or past the end of the chunk area (`capacity`, `Int.max`, or
    /// ``SegregatedFitHeap``'s end sentinel at `capacity - 8`).
    /// - Complexity: that of ``forEachChunk(from:_:)`` for one chunk (O(1) expected for a
    ///   ``SegregatedFitHeap`` in exact mode).
    public func chunk(containing offset: Int) -> HeapChunk? {
        var found: HeapChunk?
        forEachChunk(from: offset) { chunk in
            found = chunk
            return false
        }
        return found
    }

    /// The chunk size of the live block at content offset `offset`, found by a walk from that
    /// offset; heaps with an O(1) header read override it.
    /// - Complexity: O(chunks before `offset`) for a heap whose walk starts at the region start.
    public func liveChunkSize(atContentOffset offset: Int) -> Int? {
        var size: Int?
        forEachChunk(from: HeapLimits.chunkOffset(ofContent: offset)) { chunk in
            if chunk.contentOffset == offset && !chunk.isFree { size = chunk.size }
            return false
        }
        return size
    }
}
