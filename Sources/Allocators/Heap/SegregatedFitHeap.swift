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
/// middle of a live block whose bytes happen to look like a valid header cannot be told apart.
public final class SegregatedFitHeap: HeapAllocator {
    /// Start of the region (4096-byte aligned).
    public let regionBase: UnsafeMutableRawPointer
    /// Bytes in the region (a multiple of 8).
    public let capacity: Int
    /// Whether requested sizes are kept in a side table (a `Dictionary` touched only when true).
    public let tracksRequestedSizes: Bool
    /// How many freed chunks of each smallbin size the front cache may hold (0 = no cache).
    public let frontCacheDepth: Int
    /// The region to free on deinit, when the heap allocated it.
    let ownedRegion: UnsafeMutableRawPointer?
    /// Bin heads, bitmaps and counters (see `Meta`).
    let meta: UnsafeMutablePointer<Int>
    /// Per-smallbin byte of non-empty sub-bins.
    let smallSubBins: UnsafeMutablePointer<UInt8>
    /// Requested bytes per live content offset, when tracked.
    var requestedSizes: [Int: Int] = [:]

    /// Creates a heap over a fresh region of `capacity` bytes (rounded down to a multiple of 8).
    ///
    /// `frontCacheDepth` > 0 enables a per-size front cache in front of the smallbins (like
    /// glibc's tcache): up to that many freed chunks of each smallbin size wait, uncoalesced and
    /// still marked in use by the boundary tags, in a singly linked LIFO list, and a request of
    /// exactly that size takes one back by touching only the chunk itself. The cache is flushed
    /// (every cached chunk freed and coalesced) before any allocation is allowed to fail, and by
    /// ``flushFrontCache()``. With the default of 0 every free coalesces at once, which is what
    /// a visualizer wants to show.
    /// - Precondition: `64 <= capacity < 2^46`, `frontCacheDepth >= 0`.
    public init(capacity: Int, tracksRequestedSizes: Bool = false, frontCacheDepth: Int = 0) {
        precondition(frontCacheDepth >= 0, "front cache depth must not be negative")
        precondition(capacity >= 64 && capacity < 1 << 46, "heap capacity must be in 64 ..< 2^46 bytes")
        let capacity = capacity & ~7
        let region = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: HeapLimits.maximumAlignment)
        self.regionBase = region
        self.ownedRegion = region
        self.capacity = capacity
        self.tracksRequestedSizes = tracksRequestedSizes
        self.frontCacheDepth = frontCacheDepth
        (meta, smallSubBins) = Self.allocateMeta()
        formatRegion()
    }

    /// Creates a heap over a region the caller owns and keeps alive for the heap's lifetime.
    /// The heap uses the region from its first 4096-byte boundary, rounded down to 8 bytes.
    /// - Precondition: at least 64 bytes remain after that boundary.
    public init(region: UnsafeMutableRawBufferPointer, tracksRequestedSizes: Bool = false, frontCacheDepth: Int = 0) {
        precondition(frontCacheDepth >= 0, "front cache depth must not be negative")
        let start = Int(bitPattern: region.baseAddress)
        let aligned = (start + HeapLimits.maximumAlignment - 1) & ~(HeapLimits.maximumAlignment - 1)
        let usable = (region.count - (aligned - start)) & ~7
        precondition(region.baseAddress != nil && usable >= 64 && usable < 1 << 46, "region too small for a heap")
        self.regionBase = UnsafeMutableRawPointer(bitPattern: aligned)!
        self.ownedRegion = nil
        self.capacity = usable
        self.tracksRequestedSizes = tracksRequestedSizes
        self.frontCacheDepth = frontCacheDepth
        (meta, smallSubBins) = Self.allocateMeta()
        formatRegion()
    }

    /// Duplicate of `other`: a new owned region with the same bytes and bookkeeping.
    private init(copying other: SegregatedFitHeap) {
        let region = UnsafeMutableRawPointer.allocate(byteCount: other.capacity, alignment: HeapLimits.maximumAlignment)
        region.copyMemory(from: other.regionBase, byteCount: other.capacity)
        self.regionBase = region
        self.ownedRegion = region
        self.capacity = other.capacity
        self.tracksRequestedSizes = other.tracksRequestedSizes
        self.frontCacheDepth = other.frontCacheDepth
        (meta, smallSubBins) = Self.allocateMeta()
        meta.update(from: other.meta, count: Meta.words)
        smallSubBins.update(from: other.smallSubBins, count: Meta.smallBinCount)
        requestedSizes = other.requestedSizes
    }

    deinit {
        ownedRegion?.deallocate()
        meta.deallocate()
        smallSubBins.deallocate()
    }

    /// An independent duplicate (region bytes and bookkeeping copied).
    /// - Complexity: O(capacity) for the memory copy.
    public func copy() -> SegregatedFitHeap { SegregatedFitHeap(copying: self) }

    private static func allocateMeta() -> (UnsafeMutablePointer<Int>, UnsafeMutablePointer<UInt8>) {
        let meta = UnsafeMutablePointer<Int>.allocate(capacity: Meta.words)
        meta.initialize(repeating: 0, count: Meta.words)
        let sub = UnsafeMutablePointer<UInt8>.allocate(capacity: Meta.smallBinCount)
        sub.initialize(repeating: 0, count: Meta.smallBinCount)
        return (meta, sub)
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
    public var frontCachedChunks: Int { meta[Meta.cachedChunks] }

    /// Live chunk count and bytes (chunks in the front cache are not live).
    public var totals: HeapTotals {
        HeapTotals(chunkAreaBytes: chunkAreaEnd - Layout.firstChunk, liveChunks: meta[Meta.liveChunks],
                   liveBytes: meta[Meta.liveBytes])
    }

    /// Requested bytes of the live block at content offset `offset`, when tracked.
    public func requestedSize(atOffset offset: Int) -> Int? {
        tracksRequestedSizes ? requestedSizes[offset] : nil
    }
}

/// Header bits and fixed offsets of the chunk layout.
enum Layout {
    static let free = 1
    static let prevInUse = 2
    /// A chunk waiting in the front cache: in use for the boundary tags, free for the caller.
    static let cached = 4
    static let flagMask = 7
    static let sizeMask = ~7
    static let minimumChunk = 32
    static let firstChunk = 8
    static let nextLink = 8
    static let prevLink = 16
}

/// Word indices into the bookkeeping block.
enum Meta {
    static let smallBinCount = 61
    static let subBinCount = 8
    static let largestSmallChunk = 32 + 8 * (smallBinCount - 1)
    static let firstLevelBase = 9
    static let firstLevelCount = 40
    static let secondLevelBits = 5
    static let secondLevelCount = 1 << secondLevelBits

    static let smallHeads = 0
    static let largeHeads = smallHeads + smallBinCount * subBinCount
    static let secondLevelMaps = largeHeads + firstLevelCount * secondLevelCount
    static let subBinLevelMaps = secondLevelMaps + firstLevelCount
    static let smallMap = subBinLevelMaps + subBinCount
    static let firstLevelMap = smallMap + 1
    static let liveChunks = firstLevelMap + 1
    static let liveBytes = liveChunks + 1
    static let cachedChunks = liveBytes + 1
    static let cacheHeads = cachedChunks + 1
    static let cacheCounts = cacheHeads + smallBinCount
    static let words = cacheCounts + smallBinCount
}

extension SegregatedFitHeap {
    @inline(__always) func word(_ offset: Int) -> Int {
        regionBase.load(fromByteOffset: offset, as: Int.self)
    }

    @inline(__always) func setWord(_ offset: Int, _ value: Int) {
        regionBase.storeBytes(of: value, toByteOffset: offset, as: Int.self)
    }

    /// The chunk size that serves a request of `size` bytes (size 0 counts as 1).
    @inline(__always) static func chunkSize(forRequest size: Int) -> Int {
        max(Layout.minimumChunk, (size + 8 + 7) & ~7)
    }
}
