import Testing
@testable import AllocVizCore

@Suite struct CellGridTests {
    @Test func textDumpRoundTrips() {
        let frame = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 80, height: 24))
        let parsed = CellGrid(text: frame.text, width: 80, height: 24)
        #expect(parsed.text == frame.text)
        for y in 0 ..< 24 {
            for x in 0 ..< 80 { #expect(parsed[x, y].character == frame[x, y].character) }
        }
    }

    @Test func textTrimsTrailingSpacesOnly() {
        var grid = CellGrid(width: 6, height: 3)
        grid.write(" a b", x: 0, y: 0)
        grid.write("x", x: 5, y: 2)
        #expect(grid.text == " a b\n\n     x")
    }

    @Test func writesAreClippedToGridAndClipRect() {
        var grid = CellGrid(width: 5, height: 2)
        let end = grid.write("hello world", x: -2, y: 0)
        #expect(end == 9)
        #expect(grid.rowText(0) == "llo w")
        grid.write("zzzz", x: 0, y: 1, clip: GridRect(x: 1, y: 1, width: 2, height: 1))
        #expect(grid.rowText(1) == " zz")
        grid.write("never", x: 0, y: 5)
        grid[9, 9] = Cell("!")
        #expect(grid[9, 9] == .blank)
        #expect(grid.text == "llo w\n zz")
    }

    @Test func maxWidthCutsWithAnEllipsisAndControlsAreVisible() {
        var grid = CellGrid(width: 10, height: 2)
        grid.write("abcdefgh", x: 0, y: 0, maxWidth: 5)
        grid.write("a\tb\u{1B}", x: 0, y: 1)
        #expect(grid.text == "abcd…\na·b·")
        var fits = CellGrid(width: 10, height: 1)
        fits.write("abcde", x: 0, y: 0, maxWidth: 5)
        #expect(fits.text == "abcde")
    }

    @Test func boxesInUnicodeHeavyAndASCII() {
        var grid = CellGrid(width: 12, height: 3)
        grid.box(GridRect(x: 0, y: 0, width: 12, height: 3), title: "log")
        #expect(grid.text == "┌─ log ────┐\n│          │\n└──────────┘")
        var heavy = CellGrid(width: 4, height: 2)
        heavy.box(heavy.bounds, style: .heavy)
        #expect(heavy.text == "┏━━┓\n┗━━┛")
        grid.asciiFallback()
        #expect(grid.text == "+- log ----+\n|          |\n+----------+")
        var tooSmall = CellGrid(width: 3, height: 1)
        tooSmall.box(tooSmall.bounds)
        #expect(tooSmall.text == "")
    }

    @Test func fillAndRestyleStayInside() {
        var grid = CellGrid(width: 4, height: 3)
        grid.fill(GridRect(x: 2, y: 1, width: 10, height: 10), with: Cell("#", foreground: .free))
        #expect(grid.text == "\n  ##\n  ##")
        grid.restyle(GridRect(x: -5, y: 2, width: 8, height: 1)) { $0.attributes.insert(.bold) }
        #expect(grid[2, 2].attributes == [.bold])
        #expect(grid[3, 2].attributes == [])
        #expect(grid[2, 1].attributes == [])
        #expect(grid[2, 2].foreground == .free)
    }

    @Test func blitCopiesClipped() {
        var grid = CellGrid(width: 4, height: 2)
        grid.blit(CellGrid(text: "abc\ndef", width: 3, height: 2), x: 2, y: 1)
        #expect(grid.text == "\n  ab")
    }
}

@Suite struct DisplayFormatTests {
    @Test func bytes() {
        #expect(DisplayFormat.bytes(0) == "0B")
        #expect(DisplayFormat.bytes(1023) == "1023B")
        #expect(DisplayFormat.bytes(4096) == "4K")
        #expect(DisplayFormat.bytes(3000) == "2.9K")
        #expect(DisplayFormat.bytes(12 * 1024 + 300) == "12K")
        #expect(DisplayFormat.bytes(1 << 20) == "1M")
        #expect(DisplayFormat.bytes(3 << 29) == "1.5G")
        #expect(DisplayFormat.bytes(-2048) == "-2K")
    }

    @Test func numbers() {
        #expect(DisplayFormat.percent(1.0 / 3) == "33.3%")
        #expect(DisplayFormat.percent(0) == "0.0%")
        #expect(DisplayFormat.fixed(2.005, digits: 0) == "2")
        #expect(DisplayFormat.fixed(-0.25, digits: 1) == "-0.3")
        #expect(DisplayFormat.fixed(-0.0001, digits: 2) == "0.00")
        #expect(DisplayFormat.fixed(0.05, digits: 2) == "0.05")
        #expect(DisplayFormat.hex(0x3000) == "0x3000")
        #expect(DisplayFormat.speed(2) == "x2")
        #expect(DisplayFormat.speed(0.5) == "x0.5")
    }

    @Test func wrapping() {
        #expect(DisplayWidth.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(DisplayWidth.wrap("abcdefghij kl", width: 4) == ["abcd", "efgh", "ij", "kl"])
        #expect(DisplayWidth.wrap("a\nb c", width: 10) == ["a", "b c"])
        #expect(DisplayFormat.pad("abc", 5) == "abc  ")
        #expect(DisplayFormat.padLeft("abc", 5) == "  abc")
    }

    @Test func sparkline() {
        #expect(Sparkline.text([0, 0.13, 0.5, 0.99, 1, 7, -1], width: 10) == "▁▂▅███▁")
        #expect(Sparkline.text([0, 1, 0.5], width: 2) == "█▅")
    }
}

@Suite struct RobustnessTests {
    @Test func scaleDoesNotOverflow() {
        #expect(DisplayFormat.scale(3, by: 10, over: 4) == 7)
        #expect(DisplayFormat.scale(20_000, by: 1 << 60, over: 40_000) == 1 << 59)
    }

    @Test func hugeTreesAndStaleModelsPaintWithoutTrapping() {
        // A 2^50-leaf tree and a zoom root, selection and highlight outside the tree.
        let huge = ArrayBuddyTreeSource(minBlockSize: 16, maxOrder: 52, blocks: [.init(offset: 0, order: 3, requested: 100, label: "A")])
        let model = BuddyViewModel(
            source: huge, zoomRoot: BuddyNodeID(order: 60, index: 0), selection: BuddyNodeID(order: 2, index: -1),
            highlights: [BuddyHighlight(node: BuddyNodeID(order: 0, index: Int.max), kind: .free)])
        var grid = CellGrid(width: 200, height: 60)
        BuddyPanelView.paint(model, title: "huge", in: grid.bounds, into: &grid)
        #expect(grid.text.contains("huge 64P/16B"))
        #expect(!grid.text.contains("zoom"))
        let heap = ArrayHeapMapSource(capacity: 1 << 50, chunks: [HeapChunkInfo(offset: 0, size: 1 << 50, state: .free)])
        var heapGrid = CellGrid(width: 200, height: 60)
        HeapPanelView.paint(HeapViewModel(source: heap, visibleRange: -5 ..< Int.max, selection: -1), title: "big", in: heapGrid.bounds, into: &heapGrid)
        #expect(heapGrid.text.contains("big 1P"))
    }
}
