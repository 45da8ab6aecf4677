import Testing
import AllocVizBench
@testable import AllocVizCore

@Suite struct FrameLayoutTests {
    private func rects(_ layout: FrameLayout) -> [GridRect] {
        [layout.titleBar, layout.stats, layout.log, layout.statusBar] + layout.lanes
    }

    private func overlaps(_ a: GridRect, _ b: GridRect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    @Test(arguments: [(80, 24), (132, 40), (200, 60), (300, 100), (100, 80), (81, 50)])
    func panelsTileTheScreenWithoutOverlap(_ w: Int, _ h: Int) {
        for lanes in 1 ... 3 {
            let layout = FrameLayout(size: GridSize(width: w, height: h), laneCount: lanes)
            let all = rects(layout)
            var covered = 0
            for (i, a) in all.enumerated() {
                #expect(a.x >= 0 && a.y >= 0 && a.maxX <= w && a.maxY <= h)
                for b in all[(i + 1)...] { #expect(!overlaps(a, b), "\(a) and \(b) overlap at \(w)x\(h)") }
                covered += a.width * a.height
            }
            // Side-by-side lanes share the width equally: the columns left over (fewer than the
            // lanes) stay a gap at the right of the lanes.
            let gapColumns = layout.lanesSideBySide ? w - layout.lanes.last!.maxX : 0
            #expect(gapColumns >= 0 && gapColumns < max(1, lanes))
            #expect(covered + gapColumns * layout.lanes[0].height == w * h, "every cell but the gap belongs to one panel")
            for lane in layout.lanes { #expect(lane.width >= 26 && lane.height >= 8) }
        }
    }

    @Test func twoLanesSideBySideWhenWideStackedWhenTall() {
        for (w, h) in [(80, 24), (132, 40), (200, 60), (300, 100)] {
            #expect(FrameLayout(size: GridSize(width: w, height: h), laneCount: 2).lanesSideBySide, "\(w)x\(h)")
        }
        let tall = FrameLayout(size: GridSize(width: 100, height: 80), laneCount: 2)
        #expect(!tall.lanesSideBySide)
        #expect(tall.lanes[0].maxY == tall.lanes[1].y)
        #expect(tall.lanes[0].width == 100)
    }

    @Test func theTreeGrowsWithTheScreen() {
        // The large 1 GiB tree shows finer orders and a bigger map as the screen grows.
        let buddy = RenderWorkload.largeBuddy(liveBlocks: 2_000)
        var finest: [Int] = []
        var mapCells: [Int] = []
        for (w, h) in [(80, 24), (200, 60), (300, 100)] {
            let layout = FrameLayout(size: GridSize(width: w, height: h), laneCount: 2)
            let inner = layout.lanes[0].inset(by: 1)
            let panel = BuddyPanelView.layout(rootOrder: buddy.maxOrder, width: inner.width, height: inner.height, regionEnd: buddy.regionSize)
            finest.append(panel.finestOrder)
            mapCells.append(panel.mapRows * panel.cellColumns)
        }
        #expect(finest[0] > finest[1] && finest[1] > finest[2], "\(finest)")
        #expect(mapCells[0] < mapCells[1] && mapCells[1] < mapCells[2], "\(mapCells)")
    }

    @Test(arguments: [(80, 24), (200, 60), (300, 100)])
    func bigFramesPaintEveryPanel(_ w: Int, _ h: Int) {
        let model = RenderWorkload.largeFrame(buddy: RenderWorkload.largeBuddy(liveBlocks: 5_000), heap: RenderWorkload.largeHeap(chunks: 5_000))
        let grid = FrameView.paint(model, size: GridSize(width: w, height: h))
        let text = grid.text
        for title in ["buddy 1G/4K", "heap 256M", "stats", "log", "PAUSED", "step 500/1000", "buddyinfo", "sel o0#17"] {
            #expect(text.contains(title), "\(title) at \(w)x\(h)")
        }
        #expect(grid.rowText(h - 1).hasPrefix(" PAUSED "))
        #expect(grid.rowText(0).hasPrefix(" allocviz · render benchmark"))
    }

    @Test(arguments: [(79, 24), (80, 23), (20, 5), (1, 1), (0, 0)])
    func tooSmallScreenSaysSoWithBothSizes(_ w: Int, _ h: Int) {
        let grid = FrameView.paint(RenderFixtures.frame, size: GridSize(width: w, height: h))
        #expect(grid.width == w && grid.height == h)
        if w >= 40 {
            #expect(grid.text.contains("terminal too small: \(w) x \(h)"))
            #expect(grid.text.contains("need 80 x 24"))
            #expect(grid.text.contains("q to quit"))
        }
    }

    @Test func exactMinimumIsNotTooSmall() {
        let grid = FrameView.paint(RenderFixtures.frame, size: .minimum)
        #expect(!grid.text.contains("too small"))
        // The whole frame is drawn: title, both lanes, stats, log and the status line.
        #expect(grid.rowText(0).hasPrefix(" allocviz · Buddy splits and merges"))
        for title in ["buddy tree 1M/4K", "heap galloc 64K", "─ stats ", "─ log "] {
            #expect(grid.text.contains(title), "\(title)")
        }
        #expect(grid.rowText(grid.height - 1).hasPrefix(" PLAYING x2  step 5/12"))
    }
}
