/// Everything the heap panel draws for one heap lane.
public struct HeapViewModel {
    /// The region, queried per memory-map cell.
    public var source: any HeapMapSource
    /// The bins, in display order (smallbins first, then large classes).
    public var bins: [HeapBinViewModel]
    /// Address range the memory map shows (zoom); nil = the whole region.
    public var visibleRange: Range<Int>?
    /// Offset of the selected chunk (details listed), if any.
    public var selection: Int?
    /// Chunks touched by the last step, drawn with the highlight role.
    public var highlights: [HeapHighlight]
    /// The smallest bytes-per-cell the memory map may use (a power of two, at least 8). The
    /// frame raises it so lanes of equal capacity shown side by side share one scale.
    public var minimumBytesPerCell: Int

    /// Creates a heap panel model.
    public init(
        source: any HeapMapSource, bins: [HeapBinViewModel] = [], visibleRange: Range<Int>? = nil,
        selection: Int? = nil, highlights: [HeapHighlight] = [], minimumBytesPerCell: Int = 8
    ) {
        self.source = source
        self.bins = bins
        self.visibleRange = visibleRange
        self.selection = selection
        self.highlights = highlights
        self.minimumBytesPerCell = minimumBytesPerCell
    }
}

/// One free-list bin of a heap.
public struct HeapBinViewModel: Hashable, Sendable {
    /// Short label: `"24"`, `"176"`, `"L5:2"`, `"other"`.
    public var label: String
    /// Number of free chunks in the bin.
    public var count: Int
    /// Bytes in the bin's free chunks.
    public var bytes: Int
    /// Chunk counts per alignment sub-bin (galloc smallbins: 8 entries, sub-bin j aligned to
    /// exactly `8 << j`); empty for bins without sub-bins.
    public var subBinCounts: [Int]
    /// `true` when the last operation took from or put into this bin.
    public var touched: Bool
    /// The chunk sizes the bin holds, smallest to largest (inclusive), when known: shown next
    /// to the label (`40B`, `62K-63K`).
    public var chunkSizes: ClosedRange<Int>?

    /// Creates a bin.
    public init(label: String, count: Int, bytes: Int, subBinCounts: [Int] = [], touched: Bool = false,
                chunkSizes: ClosedRange<Int>? = nil) {
        self.label = label
        self.count = count
        self.bytes = bytes
        self.subBinCounts = subBinCounts
        self.touched = touched
        self.chunkSizes = chunkSizes
    }
}

/// A heap byte range (a chunk) touched by the last step.
public struct HeapHighlight: Hashable, Sendable {
    /// The bytes touched (usually a whole chunk).
    public var range: Range<Int>
    /// What happened to them.
    public var kind: HighlightKind

    /// Creates a highlight.
    public init(range: Range<Int>, kind: HighlightKind) {
        self.range = range
        self.kind = kind
    }
}
