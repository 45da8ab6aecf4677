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
        let lanes = FrameView.sharingHeapScales(model.lanes, in: layout.lanes)
        for (index, rect) in layout.lanes.enumerated() where rect.contains(x: x, y: y) {
            switch lanes[index].content {
            case .buddy(let buddy):
                return .lane(index, BuddyPanelView.node(atX: x, y: y, model: buddy, rect: rect).map(LaneTarget.buddyNode) ?? .none)
            case .heap(let heap):
                return .lane(index, HeapPanelView.offset(atX: x, y: y, model: heap, rect: rect).map(LaneTarget.heapOffset) ?? .none)
            }
        }
        return nil
    }
}

extension GridRect {
    /// Whether the cell (x, y) lies inside the rectangle.
    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
