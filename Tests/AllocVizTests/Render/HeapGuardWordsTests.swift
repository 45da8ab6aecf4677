import Testing
@testable import AllocVizCore

/// The segregated heap's prologue word (offset 0) and end sentinel (its last word) are heap
/// metadata, drawn and counted like a chunk header, never as free memory (failed before: at
/// 8 B a cell the 64-byte free chunk after the prologue was drawn as 9 free cells, and the
/// map counted 16 free bytes more than the free chunks hold).
@Suite struct HeapGuardWordsTests {
    /// A 1 KiB segregated heap at 8 B a cell: the 64-byte chunk at 0x8 freed, B's 48-byte chunk
    /// at 0x48, one free chunk from 0x78 to the end sentinel at 0x3f8.
    private let script = """
        buddy 16KiB min=4KiB
        heap 1KiB
        alloc A 56
        alloc B 40
        free A
        """

    private func session() throws -> Session {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        return runner.session
    }

    /// The heap panel's map rows as text (labels and markers dropped) and its geometry.
    private func mapRows(size: GridSize = GridSize(width: 120, height: 40)) throws -> (rows: [String], map: HeapPanelView.MapGeometry) {
        let model = SessionFrameBuilder.frame(try session())
        let grid = FrameView.paint(model, size: size)
        let rect = FrameLayout(size: size, laneCount: model.lanes.count).lanes[1]
        guard case .heap(let heap) = FrameView.sharingHeapScales(model.lanes, in: FrameLayout(size: size, laneCount: 2).lanes)[1].content
        else { throw Failure.notAHeap }
        let map = try #require(HeapPanelView.mapGeometry(heap, in: rect))
        let rows = (0 ..< map.rect.height).map { row in
            String(String.UnicodeScalarView(grid.rowText(map.rect.y + row).unicodeScalars
                .dropFirst(map.rect.x + map.labelWidth).prefix(map.columns)))
        }
        return (rows, map)
    }

    private enum Failure: Error { case notAHeap }

    @Test func theFreeChunkAfterThePrologueIsExactlyItsEightCells() throws {
        let (rows, map) = try mapRows()
        #expect(map.bytesPerCell == 8)
        // Cell 0 is the prologue (a header mark), cells 1-8 the free 64 bytes, then B's header.
        #expect(rows[0].hasPrefix("▌░░░░░░░░▌B"), "\(rows[0])")
    }

    @Test func theEndSentinelIsNotDrawnFree() throws {
        let (rows, map) = try mapRows()
        let last = map.cell(containing: 1024 - 8)
        let row = Array(rows[last / map.columns].unicodeScalars)
        #expect(row[last % map.columns] == Glyphs.header, "\(String(String.UnicodeScalarView(row)))")
        #expect(row[last % map.columns - 1] == Glyphs.free)
    }

    @Test func theMapsFreeBytesAreTheFreeChunksBytes() throws {
        let session = try session()
        guard case .heap(let heap) = SessionFrameBuilder.frame(session).lanes[1].content else { throw Failure.notAHeap }
        let source = heap.source
        let freeInChunks = (session.state.lanes[1].allocator.heap?.heap.chunks() ?? []).filter(\.isFree).map(\.size).reduce(0, +)
        #expect(freeInChunks == 64 + 896)
        for cells in [1, 7, 128] {
            let counted = source.bytes(in: 0 ..< source.capacity, cells: cells)
            #expect(counted.map(\.free).reduce(0, +) == freeInChunks, "\(cells) cells")
            #expect(counted.map(\.total).reduce(0, +) == source.capacity)
        }
        #expect(source.bytes(in: 0 ..< 8) == HeapRangeBytes(used: 0, free: 0, header: 8))
        #expect(source.bytes(in: 1016 ..< 1024) == HeapRangeBytes(used: 0, free: 0, header: 8))
    }
}
