import Testing
import AllocVizBench
@testable import AllocVizCore
import Allocators

/// Wraps a buddy source and counts the queries the views make.
final class CountingBuddySource: BuddyTreeSource {
    let base: ArrayBuddyTreeSource
    var queries = 0
    init(_ base: ArrayBuddyTreeSource) { self.base = base }
    var minBlockSize: Int { base.minBlockSize }
    var maxOrder: Int { base.maxOrder }
    func state(of node: BuddyNodeID) -> BuddyNodeState { queries += 1; return base.state(of: node) }
    func bytes(in range: Range<Int>) -> BuddyRangeBytes { queries += 1; return base.bytes(in: range) }
    func freeBlockCounts() -> [Int] { queries += 1; return base.freeBlockCounts() }
    func requestedBytes(of node: BuddyNodeID) -> Int? { queries += 1; return base.requestedBytes(of: node) }
    func label(of node: BuddyNodeID) -> String? { queries += 1; return base.label(of: node) }
}

/// Wraps a heap source and counts the queries the views make.
final class CountingHeapSource: HeapMapSource {
    let base: ArrayHeapMapSource
    var queries = 0
    init(_ base: ArrayHeapMapSource) { self.base = base }
    var capacity: Int { base.capacity }
    func bytes(in range: Range<Int>) -> HeapRangeBytes { queries += 1; return base.bytes(in: range) }
    func chunk(at offset: Int) -> HeapChunkInfo? { queries += 1; return base.chunk(at: offset) }
}

@Suite struct RenderCostTests {
    /// Queries for one 200x60 frame of the two lanes built from `blocks` blocks / chunks.
    private func queries(blocks: Int) -> (buddy: Int, heap: Int) {
        let buddy = CountingBuddySource(RenderWorkload.largeBuddy(liveBlocks: blocks))
        let heap = CountingHeapSource(RenderWorkload.largeHeap(chunks: blocks))
        var model = RenderWorkload.largeFrame(buddy: buddy.base, heap: heap.base)
        model.lanes[0].content = .buddy(BuddyViewModel(source: buddy, selection: BuddyNodeID(order: 0, index: 17)))
        if case .heap(var h) = model.lanes[1].content {
            h.source = heap
            model.lanes[1].content = .heap(h)
        }
        _ = FrameView.paint(model, size: GridSize(width: 200, height: 60))
        return (buddy.queries, heap.queries)
    }

    @Test func queriesFollowTheScreenNotTheBlockCount() {
        let few = queries(blocks: 1_000), many = queries(blocks: 100_000)
        let cells = 200 * 60
        #expect(few.buddy == many.buddy)
        #expect(many.buddy <= 2 * cells)
        #expect(many.heap <= 3 * cells)
        #expect(many.heap > 0 && many.buddy > 0)
    }

    @Test func largeWorkloadsHaveTheAdvertisedSize() {
        let buddy = RenderWorkload.largeBuddy()
        #expect(buddy.blocks.count == 100_000)
        #expect(buddy.regionSize == 1 << 30 && buddy.minBlockSize == 4096)
        let heap = RenderWorkload.largeHeap()
        #expect(heap.chunks.count == 100_000)
        #expect(heap.capacity == 256 << 20)
        #expect(heap.bytes(in: 0 ..< heap.capacity).total == heap.capacity)
    }
}

/// A heap source answering the memory map in one bulk call (as a heap's one-walk
/// `memoryMap` would); per-cell queries are counted.
final class BulkHeapSource: HeapMapSource {
    let base: ArrayHeapMapSource
    var perCellQueries = 0, bulkQueries = 0
    init(_ base: ArrayHeapMapSource) { self.base = base }
    var capacity: Int { base.capacity }
    func bytes(in range: Range<Int>) -> HeapRangeBytes { perCellQueries += 1; return base.bytes(in: range) }
    func chunk(at offset: Int) -> HeapChunkInfo? { base.chunk(at: offset) }
    func bytes(in range: Range<Int>, cells: Int) -> [HeapRangeBytes] {
        bulkQueries += 1
        return (0 ..< cells).map { i in
            base.bytes(in: range.lowerBound + i * range.count / cells ..< range.lowerBound + (i + 1) * range.count / cells)
        }
    }
}

@Suite struct HeapBulkQueryTests {
    @Test func theMapUsesTheBulkQueryAndMatchesPerCellQueries() {
        let bulk = BulkHeapSource(RenderFixtures.heapSource)
        var viaBulk = CellGrid(width: 80, height: 24), viaCells = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(HeapViewModel(source: bulk, bins: RenderFixtures.heapBins), title: "heap", in: viaBulk.bounds, into: &viaBulk)
        HeapPanelView.paint(HeapViewModel(source: RenderFixtures.heapSource, bins: RenderFixtures.heapBins), title: "heap", in: viaCells.bounds, into: &viaCells)
        #expect(bulk.bulkQueries == 1)
        #expect(bulk.perCellQueries == 0)
        #expect(viaBulk == viaCells)
    }

    @Test func defaultBulkQueryCoversTheRangeExactly() {
        let source = RenderFixtures.heapSource
        for cells in [1, 7, 100, 65536] {
            let slices = source.bytes(in: 100 ..< 65536, cells: cells)
            #expect(slices.count == cells)
            #expect(slices.reduce(0) { $0 + $1.total } == 65436)
        }
    }
}
