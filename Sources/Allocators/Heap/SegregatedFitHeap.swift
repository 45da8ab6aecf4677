/// A boundary-tag heap with galloc-style smallbins (exact sizes, alignment sub-bins) and
/// TLSF large bins (two-level segregated fit with bitmaps), over a region it owns or is handed.
///
/// Layout: the region starts on a 4096-byte boundary. Offset 0 holds an 8-byte prologue word,
/// chunks tile `[8, capacity - 8)`, and the last word is an end sentinel (a zero-size live
/// header). Every chunk starts with one header word: bit 0 = this chunk is free, bit 1 = the
/// previous chunk is in use, the other bits = the chunk size in bytes (a multiple of 8, header
/// included, at least 32). A free chunk also keeps the offsets of its next and previous list
/// neighbours in its second and third words and its size in its last word (the footer). No two
/// free chunks are ever adjacent. Links are offsets from the region start, so ``copy()`` is two
/// plain memory copies.
///
/// Bins: 61 smallbins hold chunks of exactly 32, 40, ..., 512 bytes, each split into 8 LIFO
/// alignment sub-bins (sub-bin `j` holds contents aligned to exactly `8 << j`, the last to 1024
/// or more), with a per-bin byte of non-empty sub-bins and one bitmap per sub-bin level over
/// the bins. Larger chunks go to TLSF classes: first level `⌊log2 size⌋`, 32 linear second-level
/// classes each, found with two find-first-set operations; a request is rounded up to the next
/// class so the head of any class found fits ("good fit"), and only when that fails are the
/// lists that might still hold a fit scanned (which keeps memory efficiency high near exhaustion).
///
/// Misuse detected in O(1) (reported, nothing changes): pointers outside the chunk area,
/// content offsets not a multiple of 8, headers whose size, footer or neighbour bits are
/// implausible, and double frees of a chunk that is still a free chunk start. A pointer into the
/// middle of a live block whose bytes happen to look like a valid header cannot be told apart,
/// unless the heap is made with `exactPointerChecks: true` (see ``exactPointerChecks``). With a
/// front cache, a block is parked without a look at the footer before it (parking reads nothing
/// through it); the flush checks that footer before coalescing and drops the chunk when it fails.
public final class SegregatedFitHeap: HeapAllocator {
    /// Start of the region (4096-byte aligned).
    public let regionBase: UnsafeMutableRawPointer
    /// Bytes in the region (a multiple of 8).
    public let capacity: Int
    /// Whether requested sizes are recorded: each live chunk keeps its padding (content bytes
    /// beyond the request, always under 64) in the top 16 bits of its header, so the walk reads
    /// them for free and no side table exists.
    public let tracksRequestedSizes: Bool
    /// How many freed chunks of each size the front cache may hold (0 = no cache).
    public let frontCacheDepth: Int
    /// Most bytes the front cache can hold (by default 1/256 of the region, so a small heap
    /// keeps coalescing and its memory efficiency): each size class may hold
    /// `min(frontCacheDepth, frontCacheBudget / (125 × class size))` chunks.
    public let frontCacheBudget: Int
    /// Whether `deallocate` and `reallocate` accept only the exact content offsets the heap
    /// handed out and has not taken back (exact mode): a bitmap with one bit per 8-byte granule
    /// of the region marks where live blocks start, set on every allocation, cleared on every
    /// free, moved on every reallocation that moves, and consulted before any header is trusted.
    /// It costs `capacity / 64` bytes and one bit test and one bit write per operation, and the
    /// pointer API's inlined front-cache paths are not used (every call goes into the library).
    public let exactPointerChecks: Bool
    /// The exact mode's bitmap of live block starts (bit `chunk / 8`), or nil when it is off.
    let liveStarts: UnsafeMutablePointer<UInt64>?
    /// Whether the inlined front-cache paths of the pointer API apply (a cache, no side table).
    @usableFromInline let usesFrontCache: Bool
    /// Whether the pointer API may validate a block inline and free it without a second
    /// validation in the library: no side table (no exact mode, no tracked requests).
    @usableFromInline let validatesInline: Bool
    /// The region to free on deinit, when the heap allocated it.
    let ownedRegion: UnsafeMutableRawPointer?
    /// Bin heads, bitmaps and counters (see `Meta`).
    @usableFromInline let meta: UnsafeMutablePointer<Int>
    /// Per-smallbin byte of non-empty sub-bins.
    let smallSubBins: UnsafeMutablePointer<UInt8>

    /// Creates a heap over a fresh region of `capacity` bytes (rounded down to a multiple of 8).
    ///
    /// `frontCacheDepth` > 0 enables a per-size front cache in front of the bins (like
    /// glibc's tcache): up to that many freed chunks of each size up to 1024 bytes (and at most
    /// `frontCacheBudget` bytes in all, by default 1/256 of the region) wait, uncoalesced and
    /// still marked in use by the boundary tags, in a singly linked LIFO list, and a request of
    /// exactly that size takes one back by touching only the chunk itself. The cache is flushed
    /// (every cached chunk freed and coalesced) before any allocation is allowed to fail, and by
    /// ``flushFrontCache()``. With the default of 0 every free coalesces at once, which is what
    /// a visualizer wants to show.
    /// `exactPointerChecks` turns on the exact mode (see ``exactPointerChecks``).
    /// - Precondition: `64 <= capacity < 2^46`, `frontCacheDepth >= 0`.
    public convenience init(capacity: Int, tracksRequestedSizes: Bool = false, frontCacheDepth: Int = 0, frontCacheBudget: Int? = nil,
                            exactPointerChecks: Bool = false) {
        precondition(frontCacheDepth >= 0, "front cache depth must not be negative")
        precondition(capacity >= 64 && capacity < 1 << 46, "heap capacity must be in 64 ..< 2^46 bytes")
        let capacity = capacity & ~7
        let region = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: HeapLimits.maximumAlignment)
        self.init(base: region, owned: region, capacity: capacity, tracksRequestedSizes: tracksRequestedSizes,
                  frontCacheDepth: frontCacheDepth, frontCacheBudget: frontCacheBudget, exactPointerChecks: exactPointerChecks)
    }

    /// Creates a heap over a region the caller owns and keeps alive for the heap's lifetime.
    /// The heap uses the region from its first 4096-byte boundary, rounded down to 8 bytes.
    /// `exactPointerChecks` turns on the exact mode (see ``exactPointerChecks``).
    /// - Precondition: at least 64 bytes remain after that boundary.
    public convenience init(region: UnsafeMutableRawBufferPointer, tracksRequestedSizes: Bool = false, frontCacheDepth: Int = 0,
                frontCacheBudget: Int? = nil, exactPointerChecks: Bool = false) {
        precondition(frontCacheDepth >= 0, "front cache depth must not be negative")
        let start = Int(bitPattern: region.baseAddress)
        let aligned = (start + HeapLimits.maximumAlignment - 1) & ~(HeapLimits.maximumAlignment - 1)
        let usable = (region.count - (aligned - start)) & ~7
        precondition(region.baseAddress != nil && usable >= 64 && usable < 1 << 46, "region too small for a heap")
        self.init(base: UnsafeMutableRawPointer(bitPattern: aligned)!, owned: nil, capacity: usable,
                  tracksRequestedSizes: tracksRequestedSizes, frontCacheDepth: frontCacheDepth, frontCacheBudget: frontCacheBudget,
                  exactPointerChecks: exactPointerChecks)
    }

    /// The shared part of both public initialisers: bookkeeping, then one free chunk.
    private init(base: UnsafeMutableRawPointer, owned: UnsafeMutableRawPointer?, capacity: Int, tracksRequestedSizes: Bool,
                 frontCacheDepth: Int, frontCacheBudget: Int?, exactPointerChecks: Bool) {
        self.regionBase = base
        self.ownedRegion = owned
        self.capacity = capacity
        self.tracksRequestedSizes = tracksRequestedSizes
        self.frontCacheDepth = frontCacheDepth
        self.frontCacheBudget = frontCacheBudget ?? capacity / 256
        self.exactPointerChecks = exactPointerChecks
        self.liveStarts = exactPointerChecks ? Self.allocateLiveStarts(capacity: capacity) : nil
        self.usesFrontCache = frontCacheDepth > 0 && !tracksRequestedSizes && !exactPointerChecks
        self.validatesInline = !tracksRequestedSizes && !exactPointerChecks
        (meta, smallSubBins) = Self.allocateMeta()
        setFrontCacheLimits()
        formatRegion()
    }

    /// Duplicate of `other`: a new owned region with the same bytes and bookkeeping.
    private init(copying other: SegregatedFitHeap) {
        let region = UnsafeMutableRawPointer.allocate(byteCount: other.capacity, alignment: HeapLimits.maximumAlignment)
        other.copyState(into: region)
        self.regionBase = region
        self.ownedRegion = region
        self.capacity = other.capacity
        self.tracksRequestedSizes = other.tracksRequestedSizes
        self.frontCacheDepth = other.frontCacheDepth
        self.frontCacheBudget = other.frontCacheBudget
        self.usesFrontCache = other.usesFrontCache
        self.validatesInline = other.validatesInline
        self.exactPointerChecks = other.exactPointerChecks
        self.liveStarts = other.liveStarts.map { source in
            let words = Self.liveStartWords(capacity: other.capacity)
            let copy = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
            copy.initialize(from: source, count: words)
            return copy
        }
        (meta, smallSubBins) = Self.allocateMeta()
        meta.update(from: other.meta, count: Meta.words)
        smallSubBins.update(from: other.smallSubBins, count: Meta.smallBinCount)
    }

    deinit {
        ownedRegion?.deallocate()
        meta.deallocate()
        smallSubBins.deallocate()
        liveStarts?.deallocate()
    }

    /// An independent duplicate: the bookkeeping and every live block's bytes copied (free
    /// chunks' contents, which the heap never reads, are not).
    /// - Complexity: O(chunks + live bytes).
    public func copy() -> SegregatedFitHeap { SegregatedFitHeap(copying: self) }

    private static func allocateMeta() -> (UnsafeMutablePointer<Int>, UnsafeMutablePointer<UInt8>) {
        let meta = UnsafeMutablePointer<Int>.allocate(capacity: Meta.words)
        meta.initialize(repeating: 0, count: Meta.words)
        let sub = UnsafeMutablePointer<UInt8>.allocate(capacity: Meta.smallBinCount)
        sub.initialize(repeating: 0, count: Meta.smallBinCount)
        return (meta, sub)
    }

    /// Fills the per-class front cache limits from the depth and the byte budget.
    private func setFrontCacheLimits() {
        for sizeClass in 0..<Meta.cacheClassCount {
            let classBytes = Meta.cacheClassCount * (Layout.minimumChunk + sizeClass * 8)
            meta[Meta.cacheLimits + sizeClass] = min(frontCacheDepth, frontCacheBudget / classBytes)
        }
    }

    /// Writes the prologue, one free chunk over the whole chunk area, and the end sentinel.
    private func formatRegion() {
        setWord(0, 0)
        let size = chunkAreaEnd - Layout.firstChunk
        setWord(Layout.firstChunk, size | Layout.prevInUse | Layout.free)
        setWord(chunkAreaEnd - 8, size)
        setWord(chunkAreaEnd, 0)
        insertFree(Layout.firstChunk, size: size)
    }

    /// Offset of the end sentinel (one past the last chunk).
    @inline(__always) var chunkAreaEnd: Int { capacity - 8 }

    /// Chunks waiting in the front cache.
    /// - Complexity: O(smallbin sizes).
    public var frontCachedChunks: Int {
        var count = 0
        for sizeClass in 0..<Meta.cacheClassCount { count += meta[Meta.cacheCounts + sizeClass] }
        return count
    }

    /// Live chunk count and bytes (chunks in the front cache are not live).
    /// - Complexity: O(1) without a front cache, O(smallbin sizes) with one.
    public var totals: HeapTotals {
        var chunks = meta[Meta.liveChunks], bytes = meta[Meta.liveBytes]
        if frontCacheDepth > 0 {
            for sizeClass in 0..<Meta.cacheClassCount {
                let count = meta[Meta.cacheCounts + sizeClass]
                chunks -= count
                bytes -= count * (Layout.minimumChunk + sizeClass * 8)
            }
        }
        return HeapTotals(chunkAreaBytes: chunkAreaEnd - Layout.firstChunk, liveChunks: chunks, liveBytes: bytes)
    }

    /// Requested bytes of the live block at content offset `offset`, when tracked (`nil` when
    /// untracked or when `offset` is not the content of a live block).
    /// - Complexity: O(1).
    public func requestedSize(atOffset offset: Int) -> Int? {
        guard tracksRequestedSizes, let chunk = try? validatedLiveChunk(contentOffset: offset) else { return nil }
        return Self.requestedBytes(header: word(chunk))
    }

    /// Records that the live chunk at `chunk` serves a request of `requested` bytes (tracked heaps).
    @inline(__always) func recordRequest(chunk: Int, requested: Int) {
        let header = word(chunk)
        let padding = (header & Layout.sizeMask) - 8 - requested
        precondition(padding >= 0 && padding <= Layout.paddingLimit, "request padding out of range")
        setWord(chunk, header & ~Layout.paddingMask | padding &<< Layout.paddingShift)
        meta[Meta.liveRequested] &+= requested
    }

    /// The requested bytes of a tracked live chunk, from its header.
    @inline(__always) static func requestedBytes(header: Int) -> Int {
        (header & Layout.sizeMask) - 8 - Int(bitPattern: UInt(bitPattern: header) &>> UInt(Layout.paddingShift))
    }
}

/// Header bits and fixed offsets of the chunk layout.
@usableFromInline enum Layout {
    @inlinable static var free: Int { 1 }
    @inlinable static var prevInUse: Int { 2 }
    /// A chunk waiting in the front cache: in use for the boundary tags, free for the caller.
    @inlinable static var cached: Int { 4 }
    @inlinable static var flagMask: Int { 7 }
    /// Size bits: 3 ..< 46 (capacities stay under 2^46).
    @inlinable static var sizeMask: Int { 0x0000_3FFF_FFFF_FFF8 }
    /// Live chunks of a tracked heap keep `size - 8 - requested` in bits 48 ... 63.
    @inlinable static var paddingShift: Int { 48 }
    @inlinable static var paddingMask: Int { ~0 &<< paddingShift }
    @inlinable static var paddingLimit: Int { 0xFFFF }
    @inlinable static var minimumChunk: Int { 32 }
    /// ``HeapLimits/maximumAlignment`` as a constant the inlined paths can fold.
    @inlinable static var maximumAlignment: Int { 4096 }
    @inlinable static var firstChunk: Int { 8 }
    @inlinable static var nextLink: Int { 8 }
    @inlinable static var prevLink: Int { 16 }
}

/// Word indices into the bookkeeping block.
@usableFromInline enum Meta {
    @inlinable static var smallBinCount: Int { 61 }
    @inlinable static var subBinCount: Int { 8 }
    @inlinable static var largestSmallChunk: Int { 32 + 8 * (smallBinCount - 1) }
    @inlinable static var firstLevelBase: Int { 9 }
    @inlinable static var firstLevelCount: Int { 40 }
    @inlinable static var secondLevelBits: Int { 5 }
    @inlinable static var secondLevelCount: Int { 1 << secondLevelBits }

    @inlinable static var smallHeads: Int { 0 }
    @inlinable static var largeHeads: Int { smallHeads + smallBinCount * subBinCount }
    @inlinable static var secondLevelMaps: Int { largeHeads + firstLevelCount * secondLevelCount }
    @inlinable static var subBinLevelMaps: Int { secondLevelMaps + firstLevelCount }
    @inlinable static var smallMap: Int { subBinLevelMaps + subBinCount }
    @inlinable static var firstLevelMap: Int { smallMap + 1 }
    @inlinable static var liveChunks: Int { firstLevelMap + 1 }
    @inlinable static var liveBytes: Int { liveChunks + 1 }
    @inlinable static var cacheHeads: Int { liveBytes + 1 }
    @inlinable static var cacheCounts: Int { cacheHeads + cacheClassCount }
    /// Per-class front cache limits: `min(depth, budget / (classes × class size))`.
    @inlinable static var cacheLimits: Int { cacheCounts + cacheClassCount }
    /// Free chunks in the bins (front-cached chunks not included).
    @inlinable static var binFreeChunks: Int { cacheLimits + cacheClassCount }
    /// Sum of the squared sizes of the free chunks in the bins, as a 128-bit value: low word.
    @inlinable static var binFreeSquaresLow: Int { binFreeChunks + 1 }
    /// High word of the sum of squared free sizes.
    @inlinable static var binFreeSquaresHigh: Int { binFreeSquaresLow + 1 }
    /// Requested bytes of the caller's live blocks (tracked heaps only).
    @inlinable static var liveRequested: Int { binFreeSquaresHigh + 1 }
    /// A word no one reads: the target of the stores a list operation makes for a missing
    /// neighbour (see `linkSlot`), so list operations need no branch on it.
    @inlinable static var linkScratch: Int { liveRequested + 1 }
    @inlinable static var words: Int { linkScratch + 1 }
    /// Front cache size classes: chunk sizes 32, 40, ..., 1024.
    @inlinable static var cacheClassCount: Int { 125 }
    @inlinable static var largestCachedChunk: Int { 32 + 8 * (cacheClassCount - 1) }
}

extension SegregatedFitHeap {
    @inlinable @inline(__always) func word(_ offset: Int) -> Int {
        regionBase.load(fromByteOffset: offset, as: Int.self)
    }

    @inlinable @inline(__always) func setWord(_ offset: Int, _ value: Int) {
        regionBase.storeBytes(of: value, toByteOffset: offset, as: Int.self)
    }

    /// The chunk size that serves a request of `size` bytes (size 0 counts as 1).
    @inlinable @inline(__always) static func chunkSize(forRequest size: Int) -> Int {
        max(Layout.minimumChunk, (size + 8 + 7) & ~7)
    }
}
