/// Finds what a mouse click at a screen cell points at, from the same layout the views use.
enum FrameHitTest {
    /// What was hit.
    enum Hit: Equatable {
        case lane(Int, LaneTarget)
        case stats
        case log
    }

    /// The item inside a lane panel.
    enum LaneTarget: Equatable {
        case none
        case buddyNode(BuddyNodeID)
        case heapOffset(Int)
    }

    static func hit(model: FrameViewModel, size: GridSize, x: Int, y: Int) -> Hit? {
        let layout = FrameLayout(size: size, laneCount: model.lanes.count)
        if layout.stats.contains(x: x, y: y) { return .stats }
        if layout.log.contains(x: x, y: y) { return .log }
        for (index, rect) in layout.lanes.enumerated() where rect.contains(x: x, y: y) {
            switch model.lanes[index].content {
            case .buddy(let buddy): return .lane(index, buddyTarget(buddy, rect: rect, x: x, y: y))
            case .heap: return .lane(index, .none)
            }
        }
        return nil
    }

    /// The buddy node drawn at (x, y): a row of the icicle names an order, the column a node.
    private static func buddyTarget(_ model: BuddyViewModel, rect: GridRect, x: Int, y: Int) -> LaneTarget {
        let inner = rect.inset(by: 1)
        let root = model.zoomRoot
        let layout = BuddyPanelView.layout(rootOrder: root.order, width: inner.width, height: inner.height,
                                           regionEnd: model.source.regionSize)
        let column = x - inner.x - layout.labelWidth
        guard column >= 0, column < layout.cellColumns, layout.rowsPerOrder > 0 else { return .none }
        let row = (y - inner.y) / layout.rowsPerOrder
        let order = root.order - row
        guard row >= 0, order >= layout.finestOrder, order >= 0 else { return .none }
        let count = 1 << (root.order - order)
        // Segment j spans columns [j*columns/count, (j+1)*columns/count).
        let j = min(count - 1, ((column + 1) * count - 1) / layout.cellColumns)
        return .buddyNode(BuddyNodeID(order: order, index: (root.index << (root.order - order)) + j))
    }
}

extension GridRect {
    /// Whether the cell (x, y) lies inside the rectangle.
    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
