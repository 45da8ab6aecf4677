import Testing
@testable import AllocVizCore
import Allocators

/// The heap sources' one-sweep cell queries against the cell-by-cell definition, and the
/// live-heap source against a source built from the whole chunk list.
@Suite struct HeapSourceSweepTests {
    /// The definition: one `bytes(in:)` per slice.
    static func cellByCell(_ source: some HeapMapSource, _ range: Range<Int>, cells: Int) -> [HeapRangeBytes] {
        let span = range.count
        return (0 ..< cells).map { i in
            source.bytes(in: range.lowerBound + DisplayFormat.scale(i, by: span, over: cells)
                ..< range.lowerBound + DisplayFormat.scale(i + 1, by: span, over: cells))
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theSweepAgreesWithTheDefinition(seed: UInt64) {
        var random = TestRandom(seed: seed)
        for _ in 0 ..< 40 {
            // Chunks with gaps between some of them, used ones with requests and headers.
            var chunks: [HeapChunkInfo] = []
            var offset = random.below(64)
            let capacity = 4096 + random.below(8192)
            while offset < capacity - 16 {
                let size = min(capacity - offset, 8 + random.below(400))
                if random.below(2) == 0 {
                    chunks.append(HeapChunkInfo(offset: offset, size: size, state: .used, overhead: min(8, size),
                                                requested: random.below(3) == 0 ? nil : random.below(size)))
                } else {
                    chunks.append(HeapChunkInfo(offset: offset, size: size, state: .free))
                }
                offset += size + (random.below(5) == 0 ? random.below(40) : 0)
            }
            let source = ArrayHeapMapSource(capacity: capacity, chunks: chunks)
            for _ in 0 ..< 10 {
                let lower = random.below(capacity + 200) - 100
                let range = lower ..< lower + random.below(capacity + 200)
                let cells = 1 + random.below(300)
                #expect(source.bytes(in: range, cells: cells) == Self.cellByCell(source, range, cells: cells), "\(range) in \(cells) cells")
            }
        }
    }

    @Test func theLiveSourceAgreesWithTheWholeChunkList() throws {
        let session = Session(lanes: [try LaneConfiguration.heap(capacity: 64 << 10)])
        session.performRandom(RandomWorkload(seed: 9, sizes: 8...700, freePercent: 40, reallocPercent: 10), count: 600)
        let lane = session.state.lanes[0]
        let heap = try #require(lane.allocator.heap?.heap)
        let whole = ArrayHeapMapSource(capacity: heap.capacity, chunks: heap.chunks().map { chunk in
            HeapChunkInfo(offset: chunk.offset, size: chunk.size, state: chunk.isFree ? .free : .used,
                          overhead: chunk.isFree ? 0 : chunk.headerBytes, requested: chunk.isFree ? nil : chunk.requestedBytes,
                          label: chunk.isFree ? nil : lane.owners[chunk.contentOffset])
        })
        var random = TestRandom(seed: 4)
        for _ in 0 ..< 30 {
            let lower = random.below(heap.capacity)
            let range = lower ..< lower + 1 + random.below(heap.capacity - lower)
            let live = HeapWindowMapSource(heap: heap, lane: lane)
            let cells = 1 + random.below(500)
            #expect(live.bytes(in: range, cells: cells) == whole.bytes(in: range, cells: cells))
            for _ in 0 ..< 20 {
                let offset = random.below(heap.capacity)
                #expect(live.chunk(at: offset) == whole.chunk(at: offset), "chunk at \(offset)")
            }
        }
    }
}
