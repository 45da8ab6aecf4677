import Testing
@testable import AllocVizCore

@Suite struct HitTestTests {
    private func find(_ character: Unicode.Scalar, in grid: CellGrid, rowContaining marker: String) throws -> (Int, Int) {
        let y = try #require((0 ..< grid.height).first { grid.rowText($0).contains(marker) })
        let x = try #require((0 ..< grid.width).first { grid[$0, y].character == character })
        return (x, y)
    }

    @Test(arguments: [GridSize(width: 80, height: 24), GridSize(width: 132, height: 40), GridSize(width: 40, height: 12)])
    func everyBuddyCellHitsTheNodeDrawnThere(_ size: GridSize) throws {
        let model = BuddyViewModel(source: RenderFixtures.buddySource)
        var grid = CellGrid(size: size)
        BuddyPanelView.paint(model, title: "buddy", in: grid.bounds, into: &grid)
        let inner = grid.bounds.inset(by: 1)
        let lay = BuddyPanelView.layout(rootOrder: 8, width: inner.width, height: inner.height, regionEnd: 1 << 20)
        var hits = 0
        for y in inner.y ..< inner.maxY {
            for x in inner.x ..< inner.maxX {
                guard let node = BuddyPanelView.node(atX: x, y: y, model: model, rect: grid.bounds) else { continue }
                hits += 1
                let column = x - inner.x - lay.labelWidth
                let row = y - inner.y
                if row < (8 - lay.finestOrder + 1) * lay.rowsPerOrder {
                    // The icicle: the row's order, and the node's segment covers the column.
                    #expect(node.order == 8 - row / lay.rowsPerOrder)
                    let count = 1 << (8 - node.order)
                    #expect(node.index * lay.cellColumns / count <= column && column < (node.index + 1) * lay.cellColumns / count)
                } else {
                    // The map: a whole block (free or allocated) holding the cell's first byte.
                    #expect([.free, .allocated].contains(RenderFixtures.buddySource.state(of: node)))
                    let cells = min(lay.mapRows * lay.cellColumns, 256)
                    let cell = (row - (8 - lay.finestOrder + 1) * lay.rowsPerOrder) * lay.cellColumns + column
                    #expect(node.byteRange(minBlockSize: 4096).contains(cell * 256 / cells * 4096))
                }
            }
        }
        #expect(hits > inner.width)
        #expect(BuddyPanelView.node(atX: 0, y: 0, model: model, rect: grid.bounds) == nil)
        #expect(BuddyPanelView.node(atX: inner.x, y: inner.maxY - 1, model: model, rect: grid.bounds) == nil)
    }

    @Test func clickingALabelSelectsItsBlock() throws {
        let model = BuddyViewModel(source: RenderFixtures.buddySource, zoomRoot: BuddyNodeID(order: 5, index: 0))
        var grid = CellGrid(width: 80, height: 24)
        BuddyPanelView.paint(model, title: "buddy", in: grid.bounds, into: &grid)
        let (dx, dy) = try find("D", in: grid, rowContaining: "A█D█")
        #expect(BuddyPanelView.node(atX: dx, y: dy, model: model, rect: grid.bounds) == BuddyNodeID(order: 0, index: 1))
        let (bx, by) = try find("B", in: grid, rowContaining: "▏B")
        #expect(BuddyPanelView.node(atX: bx, y: by, model: model, rect: grid.bounds) == BuddyNodeID(order: 2, index: 1))
    }

    @Test(arguments: [GridSize(width: 80, height: 24), GridSize(width: 132, height: 40), GridSize(width: 30, height: 10)])
    func heapCellsHitIncreasingOffsetsAndLabelsHitTheirChunk(_ size: GridSize) throws {
        let model = HeapViewModel(source: RenderFixtures.heapSource, bins: RenderFixtures.heapBins)
        var grid = CellGrid(size: size)
        HeapPanelView.paint(model, title: "heap", in: grid.bounds, into: &grid)
        let map = try #require(HeapPanelView.mapGeometry(model, in: grid.bounds))
        var offsets: [Int] = []
        for y in 0 ..< size.height {
            for x in 0 ..< size.width {
                if let offset = HeapPanelView.offset(atX: x, y: y, model: model, rect: grid.bounds) {
                    #expect(map.rect.holds(x: x, y: y))
                    offsets.append(offset)
                }
            }
        }
        #expect(offsets.count == map.cells)
        #expect(offsets.first == 0)
        #expect(offsets == offsets.sorted() && Set(offsets).count == offsets.count)
        if size.width >= 80 {
            let (bx, by) = try find("B", in: grid, rowContaining: "B█")
            let offset = try #require(HeapPanelView.offset(atX: bx, y: by, model: model, rect: grid.bounds))
            #expect(RenderFixtures.heapSource.chunk(at: offset)?.label == "B")
        }
    }
}

extension GridRect {
    fileprivate func holds(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
