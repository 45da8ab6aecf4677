import Testing
@testable import AllocVizCore

/// The heap panel's map as a reader sees it: names on every heap, visible chunk boundaries, a
/// power-of-two scale with round row labels, exact selection, a map that does not move with
/// the bins, shared scales, bin legends, and zoom.
@Suite struct HeapPanelScaleTests {
    /// Runs `script` to its end and returns the runner.
    private func run(_ script: String) throws -> ScriptRunner {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        return runner
    }

    /// The text of lane `lane`'s panel in a frame of `size`.
    private func laneText(_ session: Session, lane: Int, size: GridSize = GridSize(width: 100, height: 30)) -> String {
        let model = SessionFrameBuilder.frame(session)
        let grid = FrameView.paint(model, size: size)
        let rect = FrameLayout(size: size, laneCount: model.lanes.count).lanes[lane]
        return (rect.y ..< rect.maxY).map { y in
            String(String.UnicodeScalarView(grid.rowText(y).unicodeScalars.dropFirst(rect.x).prefix(rect.width)))
        }.joined(separator: "\n")
    }

    private func heapModel(_ session: Session, lane: Int) throws -> HeapViewModel {
        guard case .heap(let heap) = SessionFrameBuilder.frame(session).lanes[lane].content else {
            throw HeapTestError.notAHeap
        }
        return heap
    }

    private enum HeapTestError: Error { case notAHeap }

    // MARK: names and boundaries (failed before: the segregated heap drew one solid band)

    @Test(arguments: ["segregated", "first-fit"])
    func everyHeapNamesItsChunksAndShowsTheirBoundaries(_ impl: String) throws {
        let runner = try run("""
            buddy 64KiB min=1KiB
            heap 16KiB impl=\(impl)
            alloc A 600
            alloc B 600
            alloc C 600
            """)
        let text = laneText(runner.session, lane: 1)
        for name in ["▌A", "▌B", "▌C"] {
            #expect(text.contains(name), "\(impl): \(name) missing in\n\(text)")
        }
    }

    @Test(arguments: ["segregated", "first-fit"])
    func aBigChunkInASmallHeapIsNamed(_ impl: String) throws {
        let runner = try run("""
            heap 4KiB impl=\(impl)
            alloc BIG 1000
            """)
        let text = laneText(runner.session, lane: 0)
        #expect(text.contains("▌BIG"), "\(impl):\n\(text)")
    }

    @Test func usedNeighboursKeepAHeaderMarkBetweenThem() {
        // Three 48-byte used chunks back to back at 8 bytes per cell.
        let chunks = (0 ..< 3).map { HeapChunkInfo(offset: $0 * 48, size: 48, state: .used, overhead: 8, requested: 40) }
            + [HeapChunkInfo(offset: 144, size: 4096 - 144, state: .free)]
        let model = HeapViewModel(source: ArrayHeapMapSource(capacity: 4096, chunks: chunks))
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try! #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        #expect(map.bytesPerCell == 8)
        let row = grid.rowText(map.rect.y)
        #expect(row.contains("▌█████▌█████▌█████░"), "\(row)")
    }

    /// Free chunks are never adjacent in a heap's settled state, but an animation sub-step shows
    /// the pieces a free is about to coalesce: each piece starts with an edge mark.
    @Test func adjacentFreeChunksKeepAnEdgeBetweenThem() {
        let chunks = [HeapChunkInfo(offset: 0, size: 48, state: .used, overhead: 8, requested: 40),
                      HeapChunkInfo(offset: 48, size: 48, state: .free),
                      HeapChunkInfo(offset: 96, size: 48, state: .free),
                      HeapChunkInfo(offset: 144, size: 4096 - 144, state: .used, overhead: 8, requested: 4000)]
        let model = HeapViewModel(source: ArrayHeapMapSource(capacity: 4096, chunks: chunks))
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try! #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        let row = grid.rowText(map.rect.y)
        #expect(row.contains("▌█████░░░░░░▏░░░░░▌"), "\(row)")
    }

    @Test func aNameTooLongForItsChunkIsCut() {
        #expect(HeapPanelView.labelPlacement("LONGNAME", cells: 10 ..< 14, header: true, columns: 64)?.text == "LO…")
        #expect(HeapPanelView.labelPlacement("AB", cells: 10 ..< 13, header: true, columns: 64)?.text == "AB")
        #expect(HeapPanelView.labelPlacement("AB", cells: 10 ..< 12, header: true, columns: 64)?.text == "AB")
        #expect(HeapPanelView.labelPlacement("ABC", cells: 10 ..< 12, header: true, columns: 64) == nil)
        // A chunk across a row end: the name goes where it fits whole.
        let placed = HeapPanelView.labelPlacement("ABCD", cells: 60 ..< 70, header: true, columns: 64)
        #expect(placed?.cell == 64)
    }

    // MARK: scale (failed before: fractional cells, `cell 8B` with rows at 0x333)

    @Test(arguments: [GridSize(width: 80, height: 24), GridSize(width: 100, height: 30), GridSize(width: 120, height: 40),
                      GridSize(width: 250, height: 70), GridSize(width: 40, height: 12)])
    func cellsArePowersOfTwoAndRowsStartAtRoundAddresses(_ size: GridSize) throws {
        for capacity in [4096, 8192, 16384, 65536, 1 << 20] {
            let model = HeapViewModel(source: ArrayHeapMapSource(capacity: capacity, chunks: []))
            var grid = CellGrid(size: size)
            HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
            let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
            #expect(map.bytesPerCell >= 8 && map.bytesPerCell & (map.bytesPerCell - 1) == 0)
            #expect(map.range.lowerBound % map.bytesPerRow == 0)
            #expect(map.range.lowerBound == 0 && map.range.upperBound >= capacity, "the whole heap fits")
            #expect(map.cells * map.bytesPerCell == map.range.count)
            let footer = grid.rowText(size.height - 2)
            #expect(footer.contains("cell \(DisplayFormat.bytes(map.bytesPerCell))"), "\(footer)")
            if map.labelWidth > 0 {
                for row in 0 ..< map.rect.height {
                    let label = grid.rowText(map.rect.y + row).dropFirst().prefix(map.labelWidth).trimmingSpaces
                    #expect(label == DisplayFormat.hex(row * map.bytesPerRow))
                }
            }
        }
    }

    @Test func identicalChunksAreDrawnTheSameWidth() throws {
        // The 48-byte chunks of the alignment demo, at offsets that are not cell multiples.
        var chunks: [HeapChunkInfo] = []
        var offset = 0
        for k in 0 ..< 40 {
            chunks.append(HeapChunkInfo(offset: offset, size: 48, state: .used, overhead: 8, requested: 40, label: "c\(k)"))
            chunks.append(HeapChunkInfo(offset: offset + 48, size: 16 + 8 * (k % 3), state: .used, overhead: 8))
            offset += 64 + 8 * (k % 3)
        }
        let source = ArrayHeapMapSource(capacity: 8192, chunks: chunks)
        for size in [GridSize(width: 80, height: 24), GridSize(width: 100, height: 14), GridSize(width: 40, height: 10)] {
            let map = try #require(HeapPanelView.mapGeometry(HeapViewModel(source: source), in: GridRect(x: 0, y: 0, width: size.width, height: size.height)))
            let widths = Set(chunks.filter { $0.size == 48 }.map { map.cells(of: $0.byteRange).count })
            #expect(widths.count == 1, "\(size): 48-byte chunks drawn \(widths) cells wide at \(map.bytesPerCell) B/cell")
        }
    }

    // MARK: exact selection (failed before: one cell early and the next header)

    @Test(arguments: [GridSize(width: 80, height: 24), GridSize(width: 100, height: 14)])
    func theSelectionCoversExactlyTheChunksCells(_ size: GridSize) throws {
        let chunks = [
            HeapChunkInfo(offset: 0, size: 0x58, state: .used, overhead: 8, label: "P"),
            HeapChunkInfo(offset: 0x58, size: 48, state: .used, overhead: 8, requested: 40, label: "Y"),
            HeapChunkInfo(offset: 0x88, size: 48, state: .used, overhead: 8, requested: 40, label: "Q"),
            HeapChunkInfo(offset: 0xb8, size: 8192 - 0xb8, state: .free),
        ]
        let model = HeapViewModel(source: ArrayHeapMapSource(capacity: 8192, chunks: chunks), selection: 0x58)
        var grid = CellGrid(size: size)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        var selectedCells: [Int] = []
        for i in 0 ..< map.cells {
            let x = map.rect.x + map.labelWidth + i % map.columns, y = map.rect.y + i / map.columns
            if grid[x, y].foreground == .selected { selectedCells.append(i) }
        }
        let first = try #require(selectedCells.first)
        #expect(selectedCells == Array(first ..< first + selectedCells.count), "contiguous")
        // The selection starts at the cell holding Y's header and stops before Q's header cell.
        #expect(map.cellStart(first) <= 0x58 && 0x58 < map.cellStart(first + 1))
        let end = try #require(selectedCells.last) + 1
        #expect(map.cellStart(end) <= 0x88 && 0x88 < map.cellStart(end) + map.bytesPerCell)
        // Y's header cell opens the selection's brackets when it has room for them.
        let opening = grid[map.rect.x + map.labelWidth + first % map.columns, map.rect.y + first / map.columns].character
        #expect(opening == (selectedCells.count >= 3 ? "[" : "▌"))
        if map.bytesPerCell == 8 { #expect(selectedCells.count == 6) }
    }

    // MARK: the map does not move with the bins (failed before: 217 of 615 frames of demo 07)

    @Test func theMapIgnoresTheBinList() throws {
        let source = ArrayHeapMapSource(capacity: 32768, chunks: [HeapChunkInfo(offset: 0, size: 32768, state: .free)])
        let few = HeapViewModel(source: source, bins: [HeapBinViewModel(label: "L14.31", count: 1, bytes: 32768)])
        let many = HeapViewModel(source: source, bins: (0 ..< 200).map { HeapBinViewModel(label: "\($0 * 8 + 16)", count: 1, bytes: 64) })
        for size in [GridSize(width: 80, height: 24), GridSize(width: 100, height: 14), GridSize(width: 120, height: 40)] {
            let rect = GridRect(x: 0, y: 0, width: size.width, height: size.height)
            #expect(HeapPanelView.mapGeometry(few, in: rect) == HeapPanelView.mapGeometry(many, in: rect))
            var grid = CellGrid(size: size)
            HeapPanelView.paint(many, title: "heap", in: rect, into: &grid)
            #expect(grid.text.contains("more bins"), "the bin list is cut with a +N more line at \(size)")
        }
    }

    @Test func demo07KeepsOneScaleForBothLanesAtEveryStep() throws {
        let runner = try run("""
            heap 32KiB name=firstfit impl=first-fit
            heap 32KiB name=segfit impl=segregated
            alloc A 3000
            alloc g1 16
            alloc B 300
            alloc g2 16
            free A
            free B
            random 120 seed=7 sizes=16..3KiB free=38% realloc=10%
            """)
        let session = runner.session
        for size in [GridSize(width: 100, height: 30), GridSize(width: 120, height: 40), GridSize(width: 80, height: 24)] {
            var scales: Set<[Int]> = []
            for step in stride(from: 0, through: session.stepCount, by: 3) {
                session.seek(to: step)
                let model = SessionFrameBuilder.frame(session)
                let layout = FrameLayout(size: size, laneCount: 2)
                let lanes = FrameView.sharingHeapScales(model.lanes, in: layout.lanes)
                let perLane = try zip(lanes, layout.lanes).map { lane, rect -> Int in
                    guard case .heap(let heap) = lane.content, let map = HeapPanelView.mapGeometry(heap, in: rect) else { throw HeapTestError.notAHeap }
                    return map.bytesPerCell
                }
                scales.insert(perLane)
            }
            #expect(scales.count == 1, "\(size): scales \(scales)")
            #expect(scales.first.map { $0[0] == $0[1] } == true)
        }
    }

    @Test func aHeapTooLargeForTheMapShowsItsFirstPartAndSaysSo() throws {
        let model = HeapViewModel(source: ArrayHeapMapSource(capacity: 1 << 30, chunks: []))
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        #expect(map.isPartial && map.range.lowerBound == 0 && map.bytesPerCell == HeapPanelView.maximumBytesPerCell)
        #expect(grid.rowText(0).contains("part 0x0-"))
        // With the selection further on, the window holding it is shown.
        let far = HeapViewModel(source: model.source, selection: 700 << 20)
        let farMap = try #require(HeapPanelView.mapGeometry(far, in: grid.bounds))
        #expect(farMap.range.contains(700 << 20))
    }

    // MARK: bins explained (failed before: `L15.31`, `·21··1··` unexplained)

    @Test func binsShowTheirSizeRangesAndALegend() throws {
        let runner = try run("""
            heap 8KiB
            alloc A 40
            alloc g1 8
            alloc B 40
            alloc g2 8
            free A
            free B
            """)
        let text = laneText(runner.session, lane: 0, size: GridSize(width: 80, height: 24))
        #expect(text.contains("48 48B"), "\(text)")
        #expect(text.contains("bytes 01234567") && text.contains("sub-bin j: align 8<<j"), "\(text)")
        #expect(text.contains("L12.30 7936-8056"))
        // At 100x30 the map's 88-cell rows show this heap at 8 B a cell in 12 rows, which
        // leaves the bins no row for the legend; two rows more make room.
        let larger = laneText(runner.session, lane: 0, size: GridSize(width: 100, height: 32))
        #expect(larger.contains("La.b: sizes from 2^a·(1+b/32) B"), "\(larger)")
        let narrow = HeapPanelView.binLegend([HeapBinViewModel(label: "L5.1", count: 1, bytes: 8, subBinCounts: [1])], width: 38)
        #expect(narrow.allSatisfy { $0.unicodeScalars.count <= 38 } && !narrow.isEmpty)
        #expect(HeapPanelView.sizeRangeText(7680 ... 7800) == "7680-7800")
        #expect(HeapPanelView.sizeRangeText(124928 ... 131064) == "122K-131064")
        for line in text.split(separator: "\n") { #expect(line.unicodeScalars.count <= 80) }
    }

    // MARK: zoom

    @Test func enterZoomsTheHeapDownToEightBytesPerCellAndBackspaceZoomsOut() throws {
        let runner = try run("""
            heap 256MiB
            alloc A 100
            alloc B 5000
            alloc C 64
            """)
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, startPaused: true)
        app.session.seek(to: app.session.stepCount)
        let size = GridSize(width: 100, height: 30)
        _ = app.frame(size: size)
        app.handle(.right)  // selects B's chunk
        guard case .heapChunk(let selected) = app.selections[0] else { Issue.record("no heap selection"); return }
        let start = try #require(app.heapMapGeometry(lane: 0))
        var zooms = 0
        while app.heapMapGeometry(lane: 0)!.bytesPerCell > 8 && zooms < 40 {
            app.handle(.enter)
            zooms += 1
            let map = try #require(app.heapMapGeometry(lane: 0))
            #expect(map.range.contains(selected), "the selection stays in view")
        }
        let map = try #require(app.heapMapGeometry(lane: 0))
        #expect(map.bytesPerCell == 8 && start.bytesPerCell > 8)
        #expect(app.frame(size: size).text.contains("zoom 0x"))
        let zoomed = app.frame(size: size).text
        #expect(zoomed.contains("▌B") || zoomed.contains("[B"), "B is named at 8 B per cell:\n\(zoomed)")
        var outs = 0
        while app.heapRanges[0] != nil && outs < 40 {
            app.handle(.backspace)
            outs += 1
        }
        #expect(app.heapRanges[0] == nil && outs <= 20, "\(outs) Backspaces back to the whole heap")
        #expect(app.heapMapGeometry(lane: 0)?.bytesPerCell == start.bytesPerCell)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
