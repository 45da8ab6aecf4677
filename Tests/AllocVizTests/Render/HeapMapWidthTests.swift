import Testing
@testable import AllocVizCore

/// The heap map uses the panel's width: its rows reach the right border (failed before: rows
/// of 32 cells then 6 to 14 blank columns, at 80x24 with the default lanes and at 120x40 with
/// a 256 MiB heap), while labelled rows stay a multiple of 8 cells long, so every row label is
/// a round hex address.
@Suite struct HeapMapWidthTests {
    /// The lanes of `allocviz run` (buddy 1 MiB, heap 64 KiB), and those of
    /// `allocviz run --heap 256MiB --buddy 64MiB`.
    static let scripts = ["buddy 1MiB min=4KiB\nheap 64KiB", "buddy 64MiB\nheap 256MiB", "heap 1KiB", "heap 16KiB impl=first-fit"]

    static let sizes = [GridSize(width: 80, height: 24), GridSize(width: 100, height: 30), GridSize(width: 120, height: 40),
                        GridSize(width: 132, height: 40), GridSize(width: 201, height: 61), GridSize(width: 300, height: 100)]

    /// The heap lane's panel rows (border included) in a frame of `size`, and its map geometry.
    private func heapPanel(_ script: String, size: GridSize) throws -> (rows: [String], map: HeapPanelView.MapGeometry) {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        let model = SessionFrameBuilder.frame(runner.session)
        let grid = FrameView.paint(model, size: size)
        let rects = FrameLayout(size: size, laneCount: model.lanes.count).lanes
        let lane = try #require(model.lanes.lastIndex { if case .heap = $0.content { return true } else { return false } })
        let shared = FrameView.sharingHeapScales(model.lanes, in: rects)
        guard case .heap(let heap) = shared[lane].content else { throw Failure.notAHeap }
        let rect = rects[lane]
        let map = try #require(HeapPanelView.mapGeometry(heap, in: rect))
        let rows = (rect.y ..< rect.maxY).map { y in
            String(String.UnicodeScalarView(grid.rowText(y).unicodeScalars.dropFirst(rect.x).prefix(rect.width)))
        }
        return (rows, map)
    }

    private enum Failure: Error { case notAHeap }

    @Test(arguments: scripts, sizes)
    func everyFullMapRowReachesTheRightBorder(_ script: String, _ size: GridSize) throws {
        let (rows, map) = try heapPanel(script, size: size)
        // Rows wholly inside the heap (the last row may end where the heap ends; a small heap
        // on a wide screen fills less than one row).
        let fullRows = map.cells / map.columns
        #expect(fullRows >= 1 || map.rect.height == 1, "\(size)")
        for row in 0 ..< fullRows {
            let text = Array(rows[1 + row].unicodeScalars)
            // The last column before the right border is a map cell, not a blank.
            #expect(text[text.count - 2] != " ", "row \(row) at \(size):\n\(rows.joined(separator: "\n"))")
        }
    }

    @Test(arguments: scripts, sizes)
    func labelledRowsAreAMultipleOfEightCellsWithRoundLabels(_ script: String, _ size: GridSize) throws {
        let (rows, map) = try heapPanel(script, size: size)
        guard map.labelWidth > 0 else { return }
        #expect(map.columns % 8 == 0, "\(map.columns) columns at \(size)")
        for row in 0 ..< map.rect.height {
            let label = String(String.UnicodeScalarView(rows[1 + row].unicodeScalars.dropFirst().prefix(map.labelWidth - 2)))
            #expect(label.split(separator: " ").map(String.init) == [DisplayFormat.hex(map.range.lowerBound + row * map.bytesPerRow)])
        }
    }
}
