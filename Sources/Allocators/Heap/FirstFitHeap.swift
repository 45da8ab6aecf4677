/// The teaching baseline: one address-ordered list of holes, first fit (the FIRST policy of
/// OSTEP's simulator and linked_list_allocator's design), behind the same ``HeapAllocator`` face.
///
/// Live chunks carry a one-word header (size | 1); a hole keeps its size and the offset of the
/// next hole in its first two words. Holes are at least 16 bytes, sorted by address, and never
/// touch (freeing merges with both neighbours). A header that merging leaves inside a chunk is
/// cleared, so a stale handle pointing there is refused. Allocation walks the list from the lowest
/// address and takes the first hole where the aligned block fits; freeing walks it to find the
/// insertion point. Both are O(holes), which is the point of the comparison.
///
/// A ``Policy`` turns it into the other textbook free-list allocators: next, best or worst fit,
/// a LIFO list, no coalescing. The statements above describe ``Policy/firstFit``, the default.
public final class FirstFitHeap: HeapAllocator {
    /// Start of the region (4096-byte aligned).
    public let regionBase: UnsafeMutableRawPointer
    /// Bytes in the region (a multiple of 8).
    public let capacity: Int
    /// Whether requested sizes are kept in a side table.
    public let tracksRequestedSizes: Bool
    let ownedRegion: UnsafeMutableRawPointer?
    /// Bookkeeping words, indexed by ``MetaSlot``.
    let meta: UnsafeMutablePointer<Int>
    var requestedSizes: [Int: Int] = [:]
    /// How holes are chosen, listed and merged (``Policy/firstFit`` unless the heap was made with another).
    public let policy: Policy
    /// Whether `policy` is not the address-ordered, coalescing first fit: operations then take
    /// the general paths in `FirstFitHeap+Policy*.swift`. Tests set it on a fresh plain first-fit
    /// heap to compare the general paths with the tuned ones.
    var usesPolicyPaths: Bool
    /// Next fit's rover: the offset where the next search starts (see ``Policy/Fit/next``).
    var rover = 0
    /// Sum of the values in `requestedSizes`, kept by ``setRequest(at:_:)``.
    var requestedTotal = 0

    /// Word indices into `meta`.
    enum MetaSlot {
        /// Offset of the first hole + 1 (0 = no hole).
        static let holeListHead = 0
        /// Live chunk count.
        static let liveChunks = 1
        /// Live bytes, headers included.
        static let liveBytes = 2
        /// Words in `meta`.
        static let count = 3
    }

    static let none = -1
    static let minimumHole = 16
    static let live = 1

    /// Creates a heap over a fresh region of `capacity` bytes (rounded down to a multiple of 8).
    /// - Precondition: `32 <= capacity < 2^46`.
    /// `policy` chooses the fit, the list order and whether freed holes merge.
    public init(capacity: Int, tracksRequestedSizes: Bool = false, policy: Policy = .firstFit) {
        precondition(capacity >= 32 && capacity < 1 << 46, "heap capacity must be in 32 ..< 2^46 bytes")
        let capacity = capacity & ~7
        let region = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: HeapLimits.maximumAlignment)
        regionBase = region
        ownedRegion = region
        self.capacity = capacity
        self.tracksRequestedSizes = tracksRequestedSizes
        self.policy = policy
        usesPolicyPaths = policy != .firstFit
        meta = .allocate(capacity: MetaSlot.count)
        meta.initialize(repeating: 0, count: MetaSlot.count)
        setWord(0, capacity)
        setWord(8, Self.none)
        head = 0
    }

    private init(copying other: FirstFitHeap, policy: Policy? = nil) {
        let region = UnsafeMutableRawPointer.allocate(byteCount: other.capacity, alignment: HeapLimits.maximumAlignment)
        region.copyMemory(from: other.regionBase, byteCount: other.capacity)
        regionBase = region
        ownedRegion = region
        capacity = other.capacity
        tracksRequestedSizes = other.tracksRequestedSizes
        self.policy = policy ?? other.policy
        usesPolicyPaths = self.policy != .firstFit
        rover = other.rover
        meta = .allocate(capacity: MetaSlot.count)
        meta.initialize(from: other.meta, count: MetaSlot.count)
        requestedSizes = other.requestedSizes
        requestedTotal = other.requestedTotal
    }

    deinit {
        ownedRegion?.deallocate()
        meta.deallocate()
    }

    /// An independent duplicate.
    /// - Complexity: O(capacity).
    public func copy() -> FirstFitHeap { FirstFitHeap(copying: self) }

    /// An independent duplicate that chooses holes by `fit` from now on (list order and
    /// coalescing stay, so the state is valid under the new policy): the same state under
    /// another fit, for comparing choices.
    /// - Complexity: O(capacity).
    public func copy(fit: Policy.Fit) -> FirstFitHeap {
        var policy = self.policy
        policy.fit = fit
        return FirstFitHeap(copying: self, policy: policy)
    }

    /// Live chunk count and bytes.
    public var totals: HeapTotals { HeapTotals(chunkAreaBytes: capacity, liveChunks: meta[MetaSlot.liveChunks], liveBytes: meta[MetaSlot.liveBytes]) }

    /// Requested bytes of the live block at content offset `offset`, when tracked.
    public func requestedSize(atOffset offset: Int) -> Int? { tracksRequestedSizes ? requestedSizes[offset] : nil }

    @inline(__always) func word(_ offset: Int) -> Int { regionBase.load(fromByteOffset: offset, as: Int.self) }
    @inline(__always) func setWord(_ offset: Int, _ value: Int) { regionBase.storeBytes(of: value, toByteOffset: offset, as: Int.self) }
    /// Hole list head: offset of the first hole, or `none` (stored as offset + 1).
    @inline(__always) var head: Int {
        get { meta[MetaSlot.holeListHead] - 1 }
        set { meta[MetaSlot.holeListHead] = newValue + 1 }
    }
    /// Next hole after `hole`, or `none`.
    @inline(__always) func nextHole(_ hole: Int) -> Int { word(hole + 8) }
    @inline(__always) func setNextHole(_ hole: Int, _ next: Int) { setWord(hole + 8, next) }
    /// Sets the link that points at the hole after `previous` (`none` = the list head).
    @inline(__always) func link(after previous: Int, to hole: Int) {
        if previous == Self.none { head = hole } else { setNextHole(previous, hole) }
    }
}
