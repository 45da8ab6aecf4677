/// One chunk of a heap, as walked by ``HeapAllocator/forEachChunk(from:_:)``.
public struct HeapChunk: Equatable, Sendable {
    /// Offset of the chunk (its header) from the region start.
    public var offset: Int
    /// Chunk size in bytes, header included.
    public var size: Int
    /// Whether the chunk is free.
    public var isFree: Bool
    /// Bytes of header overhead (8 for a live chunk; a free chunk's header is part of the free space).
    public var headerBytes: Int
    /// Bytes the caller asked for, when the heap tracks requested sizes; `nil` otherwise or when free.
    public var requestedBytes: Int?
    /// The bin holding the chunk when it is free (`nil` for a chunk in the front cache).
    public var bin: HeapBin?
    /// Whether the chunk is free but parked, uncoalesced, in a front cache (then `isFree` is true).
    public var isCached: Bool

    /// Creates a chunk description.
    public init(offset: Int, size: Int, isFree: Bool, headerBytes: Int, requestedBytes: Int?, bin: HeapBin?,
                isCached: Bool = false) {
        self.isCached = isCached
        self.offset = offset
        self.size = size
        self.isFree = isFree
        self.headerBytes = headerBytes
        self.requestedBytes = requestedBytes
        self.bin = bin
    }

    /// Offset of the content (the handle the offset-based API uses): `offset + 8`.
    public var contentOffset: Int { offset + HeapLimits.headerSize }
    /// One past the last byte of the chunk.
    public var endOffset: Int { offset + size }
    /// Live content bytes beyond the request (rounding and minimum-size waste); 0 when free or untracked.
    public var paddingBytes: Int {
        guard !isFree, let requested = requestedBytes else { return 0 }
        return size - headerBytes - requested
    }
}

/// The occupancy of one bin.
public struct HeapBinSummary: Equatable, Sendable {
    /// Which bin (for smallbins, `subBin` is 0 here; see ``subBinCounts``).
    public var bin: HeapBin
    /// Smallest chunk size the bin holds, in bytes.
    public var minimumChunkSize: Int
    /// Largest chunk size the bin holds, in bytes.
    public var maximumChunkSize: Int
    /// Free chunks in the bin.
    public var count: Int
    /// Free bytes in the bin.
    public var bytes: Int
    /// Chunks per alignment sub-bin (8 entries for a smallbin, empty otherwise).
    public var subBinCounts: [Int]

    /// Creates a summary.
    public init(bin: HeapBin, minimumChunkSize: Int, maximumChunkSize: Int, count: Int, bytes: Int, subBinCounts: [Int]) {
        self.bin = bin
        self.minimumChunkSize = minimumChunkSize
        self.maximumChunkSize = maximumChunkSize
        self.count = count
        self.bytes = bytes
        self.subBinCounts = subBinCounts
    }
}

/// Used and free bytes inside an address range.
public struct HeapRangeUsage: Equatable, Sendable {
    /// Bytes of live chunk content in the range.
    public var usedBytes: Int = 0
    /// Bytes of live chunk headers in the range.
    public var headerBytes: Int = 0
    /// Bytes of free chunks in the range.
    public var freeBytes: Int = 0
    /// Creates an empty usage.
    public init(usedBytes: Int = 0, headerBytes: Int = 0, freeBytes: Int = 0) {
        self.usedBytes = usedBytes
        self.headerBytes = headerBytes
        self.freeBytes = freeBytes
    }
    /// Share of the covered bytes that are live (content plus headers), 0 when nothing is covered.
    public var occupancy: Double {
        let total = usedBytes + headerBytes + freeBytes
        return total == 0 ? 0 : Double(usedBytes + headerBytes) / Double(total)
    }
}

/// Totals over the whole heap, kept up to date by every operation.
public struct HeapTotals: Equatable, Sendable {
    /// Bytes the heap manages (from the first chunk to the end sentinel).
    public var chunkAreaBytes: Int
    /// Live chunks.
    public var liveChunks: Int
    /// Bytes in live chunks, headers included.
    public var liveBytes: Int
    /// Free bytes (`chunkAreaBytes - liveBytes`).
    public var freeBytes: Int { chunkAreaBytes - liveBytes }
    /// Creates totals.
    public init(chunkAreaBytes: Int, liveChunks: Int, liveBytes: Int) {
        self.chunkAreaBytes = chunkAreaBytes
        self.liveChunks = liveChunks
        self.liveBytes = liveBytes
    }
}
