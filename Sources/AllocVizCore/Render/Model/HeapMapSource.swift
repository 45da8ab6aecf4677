/// Byte counts of a heap region inside an address range, for memory-map cells.
public struct HeapRangeBytes: Hashable, Sendable {
    /// Payload bytes of live chunks (what callers requested).
    public var used: Int
    /// Bytes inside free chunks (headers of free chunks included).
    public var free: Int
    /// Header / boundary-tag bytes of live chunks, and the heap's own words outside every
    /// chunk (a prologue word, an end sentinel).
    public var header: Int
    /// Waste inside live chunks: rounding and alignment padding beyond the request.
    public var waste: Int

    /// Creates a byte count.
    public init(used: Int, free: Int, header: Int = 0, waste: Int = 0) {
        self.used = used
        self.free = free
        self.header = header
        self.waste = waste
    }

    /// Sum of all four kinds.
    public var total: Int { used + free + header + waste }
}

/// State of one heap chunk.
public enum HeapChunkState: Hashable, Sendable {
    /// A live (allocated) chunk.
    case used
    /// A free chunk (in some bin).
    case free
}

/// One heap chunk, as the heap panel describes it.
public struct HeapChunkInfo: Hashable, Sendable {
    /// Offset of the chunk (its header) from the region start.
    public var offset: Int
    /// Total size of the chunk in bytes, header included.
    public var size: Int
    /// Used or free.
    public var state: HeapChunkState
    /// Header and padding bytes of this chunk.
    public var overhead: Int
    /// Requested bytes of a live chunk, when known.
    public var requested: Int?
    /// The bin a free chunk sits in (e.g. `"small 40B/3"`, `"L2 5:3"`), when known.
    public var bin: String?
    /// A short label (handle name) for a live chunk, when there is one.
    public var label: String?

    /// Creates a chunk description.
    public init(
        offset: Int, size: Int, state: HeapChunkState, overhead: Int = 0, requested: Int? = nil,
        bin: String? = nil, label: String? = nil
    ) {
        self.offset = offset
        self.size = size
        self.state = state
        self.overhead = overhead
        self.requested = requested
        self.bin = bin
        self.label = label
    }

    /// The chunk's byte range.
    public var byteRange: Range<Int> { offset ..< offset + size }
}

/// What the heap panel asks of a heap. The memory-map strip asks one `bytes(in:)` per cell,
/// so a frame costs (cells x query), never a walk of every chunk per cell.
/// ``ArrayHeapMapSource`` answers both from a chunk list with prefix sums.
public protocol HeapMapSource {
    /// Size of the managed region in bytes.
    var capacity: Int { get }
    /// Used / free / header / waste bytes in `range` (clamped to the region).
    func bytes(in range: Range<Int>) -> HeapRangeBytes
    /// The chunk containing byte `offset`, or nil outside the region.
    func chunk(at offset: Int) -> HeapChunkInfo?
    /// The bytes of `cells` consecutive slices of `range`, slice `i` being
    /// `range.lowerBound + i * range.count / cells ..< range.lowerBound + (i + 1) * range.count / cells`
    /// (floor division). The memory map asks this once per frame; the default asks
    /// `bytes(in:)` per slice, and an adapter can answer it in one walk of the chunks instead
    /// (e.g. a heap's `memoryMap(range:columns:)`).
    func bytes(in range: Range<Int>, cells: Int) -> [HeapRangeBytes]
    /// The bin of the free chunk starting at `offset` (e.g. `"small 40B/3"`), when known. The
    /// default reads ``HeapChunkInfo/bin`` of ``chunk(at:)``; a source can name bins only when
    /// asked, for the one chunk a panel details.
    func bin(ofChunkAt offset: Int) -> String?
}

extension HeapMapSource {
    /// Default: the bin ``chunk(at:)`` reports for a chunk starting at `offset`.
    public func bin(ofChunkAt offset: Int) -> String? {
        chunk(at: offset).flatMap { $0.offset == offset ? $0.bin : nil }
    }

    /// Default: one ``bytes(in:)`` query per slice.
    public func bytes(in range: Range<Int>, cells: Int) -> [HeapRangeBytes] {
        guard cells > 0 else { return [] }
        let span = range.count
        return (0 ..< cells).map { i in
            bytes(in: range.lowerBound + DisplayFormat.scale(i, by: span, over: cells)
                ..< range.lowerBound + DisplayFormat.scale(i + 1, by: span, over: cells))
        }
    }
}
