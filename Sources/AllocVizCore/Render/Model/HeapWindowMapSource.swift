import Allocators

/// A ``HeapMapSource`` that asks a live heap, reading only the part of the region on screen.
///
/// The memory map first asks for the bytes of its whole range; the chunks overlapping that
/// range (the window) are then read in one walk from its start (in the visualizer's exact-mode
/// heaps the walk starts at the last live block before it, so the cost is the chunks on screen,
/// not every chunk before them) into an ``ArrayHeapMapSource``, and every cell and chunk lookup
/// inside the window is a binary search in it. A lookup outside the window (a selection
/// scrolled away, the neighbour just before it) asks the heap for that one chunk. Handle names
/// come from the lane's owner index and a free chunk's bin from the heap, both only for the
/// chunks asked for one by one.
///
/// One source describes one step: build a new one when the heap changes.
public final class HeapWindowMapSource: HeapMapSource {
    /// The heap described.
    public let heap: any HeapAllocator
    /// The lane whose handles name the blocks, if any.
    public let lane: LaneState?
    /// Changes the window's chunk list before it is used (an animation sub-step draws
    /// chunks that are not the heap's final ones).
    private let adjust: ([HeapChunkInfo]) -> [HeapChunkInfo]
    /// The chunks read so far: every chunk overlapping `covered` (the range read, widened to
    /// the ends of the chunks at its edges).
    private var window: (covered: Range<Int>, chunks: ArrayHeapMapSource)?

    /// Creates a source over `heap` (names from `lane`); `adjust` rewrites the chunks of each
    /// window read.
    public init(heap: any HeapAllocator, lane: LaneState? = nil,
                adjust: @escaping ([HeapChunkInfo]) -> [HeapChunkInfo] = { $0 }) {
        self.heap = heap
        self.lane = lane
        self.adjust = adjust
    }

    public var capacity: Int { heap.capacity }

    /// The panel's description of `chunk`, without its name (see ``named(_:)``): the heap's
    /// record of the request, else the handle's.
    private func info(_ chunk: HeapChunk) -> HeapChunkInfo {
        guard !chunk.isFree else { return HeapChunkInfo(offset: chunk.offset, size: chunk.size, state: .free) }
        let requested = chunk.requestedBytes ?? lane?.owner(ofBlockAt: chunk.contentOffset)?.requested
        return HeapChunkInfo(offset: chunk.offset, size: chunk.size, state: .used, overhead: chunk.headerBytes,
                             requested: requested)
    }

    /// `chunk` named by the handle holding it (looked up only for the chunks asked for one by
    /// one, at most a few a cell, not for every chunk read).
    private func named(_ chunk: HeapChunkInfo?) -> HeapChunkInfo? {
        guard var chunk, chunk.state == .used, chunk.label == nil else { return chunk }
        chunk.label = lane?.owners[HeapLimits.contentOffset(ofChunk: chunk.offset)]
        return chunk
    }

    /// The chunks overlapping `range`, read from the heap (adjusted), as a searchable list.
    /// - Complexity: O(chunks in the range) plus the heap's walk to its start.
    private func read(_ range: Range<Int>) -> (covered: Range<Int>, chunks: ArrayHeapMapSource) {
        var chunks: [HeapChunkInfo] = []
        heap.forEachChunk(from: range.lowerBound) { chunk in
            guard chunk.offset < range.upperBound else { return false }
            chunks.append(info(chunk))
            return true
        }
        // Every chunk overlapping `range` is read, so the window answers for all of `range`
        // (bytes in no chunk, such as the prologue word, are no chunk's: heap metadata) and for
        // those chunks.
        let covered = min(range.lowerBound, chunks.first?.offset ?? range.lowerBound)
            ..< max(range.upperBound, chunks.last.map { $0.offset + $0.size } ?? range.upperBound)
        return (covered, ArrayHeapMapSource(capacity: heap.capacity, chunks: adjust(chunks)))
    }

    /// The window covering `range` (read now unless the current one covers it).
    private func window(covering range: Range<Int>) -> ArrayHeapMapSource {
        let clamped = max(0, range.lowerBound) ..< max(0, min(capacity, range.upperBound))
        if let window, window.covered.lowerBound <= clamped.lowerBound, clamped.upperBound <= window.covered.upperBound {
            return window.chunks
        }
        let fresh = read(clamped)
        window = fresh
        return fresh.chunks
    }

    /// - Complexity: O(log chunks) inside the window; else a read of the chunks in `range`.
    public func bytes(in range: Range<Int>) -> HeapRangeBytes { window(covering: range).bytes(in: range) }

    /// One read of the chunks in `range` (which becomes the window), then one sweep of them.
    public func bytes(in range: Range<Int>, cells: Int) -> [HeapRangeBytes] {
        window(covering: range).bytes(in: range, cells: cells)
    }

    /// - Complexity: O(log chunks) inside the window; else a read of the one chunk there.
    public func chunk(at offset: Int) -> HeapChunkInfo? {
        guard offset >= 0, offset < capacity else { return nil }
        if let window, window.covered.contains(offset) { return named(window.chunks.chunk(at: offset)) }
        return named(read(offset ..< offset + 1).chunks.chunk(at: offset))
    }

    /// The bin of the free chunk starting at `offset`, asked of the heap.
    public func bin(ofChunkAt offset: Int) -> String? {
        guard let chunk = heap.chunk(containing: offset), chunk.offset == offset else { return nil }
        return chunk.bin.map(SessionFrameBuilder.binLabel)
    }
}
