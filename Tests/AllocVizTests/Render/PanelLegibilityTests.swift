import Testing
@testable import AllocVizCore

/// What a new reader of the buddy and heap panels must be able to tell: the selected heap
/// chunk (with and without colour), the heap map's scale, titles that never cut a number,
/// handle names that are whole or visibly cut, exact bin ranges, a readable sub-bin legend,
/// and row markers that mean something.
@Suite struct PanelLegibilityTests {
    private func run(_ script: String) throws -> ScriptRunner {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        return runner
    }

    /// A 4 KiB heap: three used 48-byte chunks, then one free chunk to the end.
    private func smallHeap(selection: Int? = nil, highlights: [HeapHighlight] = []) -> HeapViewModel {
        let chunks = (0 ..< 3).map {
            HeapChunkInfo(offset: $0 * 48, size: 48, state: .used, overhead: 8, requested: 40, label: "@\($0 + 1)")
        } + [HeapChunkInfo(offset: 144, size: 4096 - 144, state: .free)]
        return HeapViewModel(source: ArrayHeapMapSource(capacity: 4096, chunks: chunks), selection: selection, highlights: highlights)
    }

    // MARK: 1. the heap selection (failed before: only a foreground colour, reverse like a highlight)

    @Test func theSelectedHeapChunkIsBracketedUnderlinedAndItsRowMarked() throws {
        let model = smallHeap(selection: 48, highlights: [HeapHighlight(range: 0 ..< 48, kind: .allocate)])
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        let y = map.rect.y
        let x0 = map.rect.x + map.labelWidth
        let selected = map.cells(of: 48 ..< 96)
        #expect(grid[x0 + selected.lowerBound, y].character == "[")
        #expect(grid[x0 + selected.upperBound - 1, y].character == "]")
        #expect(grid.rowText(y).contains("▸"), "\(grid.rowText(y))")
        let mono = ANSIPalette.monochrome
        for i in selected {
            #expect(grid[x0 + i, y].attributes.contains(.underline))
        }
        // Highlight, selection and names look different without colour.
        let highlightCell = mono.parameters(grid[x0 + 2, y])
        let selectedCell = mono.parameters(grid[x0 + selected.lowerBound + 3, y])
        #expect(highlightCell != selectedCell)
        #expect(!highlightCell.contains(4) && selectedCell.contains(4))
    }

    /// A selected chunk just wide enough for its name over its header cell: the opening
    /// bracket takes that cell, so the name is cut with `…` between the brackets (it was drawn
    /// `[67]`, the bracket over its first letter: found by trying the tool).
    @Test func aSelectedChunksNameIsNeverHalfHiddenByItsBracket() throws {
        // 8 B a cell (the whole 512-byte heap in one 64-cell row): t67 spans 4 cells.
        let chunks = [HeapChunkInfo(offset: 0, size: 32, state: .used, overhead: 8, requested: 20, label: "t67"),
                      HeapChunkInfo(offset: 32, size: 480, state: .free)]
        let model = HeapViewModel(source: ArrayHeapMapSource(capacity: 512, chunks: chunks), selection: 0)
        var grid = CellGrid(width: 90, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        #expect(map.bytesPerCell == 8)
        let row = grid.rowText(map.rect.y)
        #expect(row.contains("[t…]"), "\(row)")
        #expect(!row.contains("[67]"), "\(row)")
    }

    // MARK: 2. scale always shown; zoom message and title agree

    @Test func theHeapTitleShowsTheScaleWhileAChunkIsSelected() throws {
        let model = smallHeap(selection: 48)
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        #expect(grid.rowText(0).contains(DisplayFormat.bytes(map.bytesPerCell) + "/cell"), "\(grid.rowText(0))")
    }

    @Test func theZoomMessageNamesTheRangeTheTitleShows() throws {
        let runner = try run("""
            heap 64KiB
            alloc A 100
            alloc B 5000
            alloc C 64
            """)
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, startPaused: true)
        app.session.seek(to: app.session.stepCount)
        let size = GridSize(width: 100, height: 30)
        _ = app.frame(size: size)
        app.handle(.right)
        app.handle(.enter)
        let message = try #require(app.message)
        let frame = app.frame(size: size).text
        let range = String(try #require(message.split(separator: " ").first { $0.hasPrefix("0x") }).prefix { $0 != ";" })
        #expect(frame.contains("zoom " + range), "message: \(message)\n\(frame)")
    }

    // MARK: 3. titles drop whole parts (failed before: `(aut…`, `0x800…`)

    @Test(arguments: [GridSize(width: 100, height: 30), GridSize(width: 80, height: 24)])
    func aBuddyTitleNeverCutsAToken(_ size: GridSize) throws {
        let runner = try run("""
            buddy 1MiB min=4KiB name=buddy impl=bitmap
            alloc A 4KiB
            alloc B 4KiB
            alloc C 32KiB
            alloc D 4KiB
            """)
        let model = SessionFrameBuilder.frame(runner.session)
        let grid = FrameView.paint(model, size: size)
        let rect = FrameLayout(size: size, laneCount: model.lanes.count).lanes[0]
        let top = grid.rowText(rect.y)
        #expect(!top.contains("…"), "\(top)")
        #expect(top.contains("focus 0x"), "\(top)")
    }

    @Test func titlePartsAreDroppedWholeByPriority() {
        let parts: [PanelTitle.Part] = [.init("buddy", priority: 0), .init("bitmap", priority: 3), .init("1M/4K", priority: 0),
                                        .init("focus 0x0-0x8000", priority: 1), .init("(auto)", priority: 4)]
        #expect(PanelTitle.fit(parts, width: 100) == "buddy bitmap 1M/4K focus 0x0-0x8000 (auto)")
        #expect(PanelTitle.fit(parts, width: 38) == "buddy bitmap 1M/4K focus 0x0-0x8000")
        #expect(PanelTitle.fit(parts, width: 30) == "buddy 1M/4K focus 0x0-0x8000")
        #expect(PanelTitle.fit(parts, width: 20) == "buddy 1M/4K")
    }

    // MARK: 4. handle names whole or visibly cut (failed before: `@@`, `14`, `2…`)

    @Test func handleNamesAreWholeOrCutWithAnEllipsisButNumbersNeverCut() {
        #expect(HandleLabelFit.text("@14", width: 3) == "@14")
        #expect(HandleLabelFit.text("@14", width: 2) == nil)
        #expect(HandleLabelFit.text("@1", width: 2) == "@1")
        #expect(HandleLabelFit.text("LONGNAME", width: 3) == "LO…")
        #expect(HandleLabelFit.text("LONGNAME", width: 1) == nil)
        #expect(HandleLabelFit.text("A", width: 1) == "A")
        #expect(HeapPanelView.labelPlacement("@14", cells: 10 ..< 12, header: true, columns: 64) == nil)
        #expect(HeapPanelView.labelPlacement("@295", cells: 10 ..< 13, header: true, columns: 64) == nil)
        #expect(HeapPanelView.labelPlacement("@295", cells: 10 ..< 15, header: true, columns: 64)?.text == "@295")
        #expect(HeapPanelView.labelPlacement("@1", cells: 10 ..< 12, header: true, columns: 64)?.text == "@1")
    }

    @Test func oneCellBuddyBlocksNeverShowALoneAt() throws {
        let runner = try run("""
            buddy 1MiB min=4KiB
            alloc @1 4KiB
            alloc @2 4KiB
            alloc @3 4KiB
            alloc @4 4KiB
            """)
        runner.prepareForPlayback()
        for size in [GridSize(width: 100, height: 30), GridSize(width: 80, height: 24), GridSize(width: 60, height: 20)] {
            let text = FrameView.paint(SessionFrameBuilder.frame(runner.session, options: { var o = SessionFrameBuilder.Options(); o.buddyAutoFocus = false; return o }()), size: size).text
            #expect(!text.contains("@@"), "\(text)")
            for line in text.split(separator: "\n") {
                // A `@` is always followed by a digit.
                let scalars = Array(line.unicodeScalars)
                for (k, s) in scalars.enumerated() where s == "@" {
                    #expect(k + 1 < scalars.count && ("0" ... "9").contains(scalars[k + 1]), "\(line)")
                }
            }
        }
    }

    // MARK: 5. exact bin ranges (failed before: `14K-14K`)

    @Test func binRangesAreExact() {
        #expect(HeapPanelView.sizeRangeText(14336 ... 14840) == "14336-14840")
        #expect(HeapPanelView.sizeRangeText(12288 ... 12792) == "12288-12792")
        #expect(HeapPanelView.sizeRangeText(9216 ... 9464) == "9216-9464")
        let big = HeapPanelView.sizeRangeText(124928 ... 131064)
        #expect(big == "122K-131064")
    }

    // MARK: 6. sub-bin legend aligned with the digits (failed before: `align 8 16 … 512 1K+`)

    @Test func theSubBinHeadingLinesUpWithTheDigitsAt38Columns() throws {
        let bins = [HeapBinViewModel(label: "48", count: 1, bytes: 48, subBinCounts: [0, 0, 1, 0, 0, 0, 0, 0], chunkSizes: 48 ... 48)]
        let heading = HeapPanelView.binHeading(showSizes: true, showSubBins: true, sizeWidth: 5)
        let entry = HeapPanelView.binText(bins[0], showSizes: true, showSubBins: true, sizeWidth: 5)
        let digitsAt = try #require(entry.unicodeScalars.firstIndex(of: "·"))
        let offset = entry.unicodeScalars.distance(from: entry.unicodeScalars.startIndex, to: digitsAt)
        let headingDigits = String(String.UnicodeScalarView(heading.unicodeScalars.dropFirst(offset).prefix(8)))
        #expect(headingDigits == "01234567", "\(heading)\n\(entry)")
        let legend = HeapPanelView.binLegend(bins, width: 37)
        #expect(legend.contains { $0.contains("8<<j") }, "\(legend)")
        #expect(legend.allSatisfy { $0.unicodeScalars.count <= 37 })
    }

    // MARK: 7. row markers (failed before: every row marked for a heap-wide remainder)

    @Test func aHighlightAsLargeAsTheHeapMarksOnlyItsFirstRow() throws {
        let model = smallHeap(highlights: [HeapHighlight(range: 144 ..< 4096, kind: .free)])
        var grid = CellGrid(width: 80, height: 24)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        let marked = (map.rect.y ..< map.rect.maxY).filter { grid.rowText($0).contains("▶") }
        #expect(map.rect.height > 2)
        #expect(marked == [map.rect.y], "\(marked)")
    }
}
