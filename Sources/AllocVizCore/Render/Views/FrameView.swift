/// The whole screen: arranges the panels of a ``FrameViewModel`` for any size from 80x24 up
/// (see ``FrameLayout``), then the note box and the help overlay on top.
public enum FrameView {
    /// Paints one frame of `size`. Smaller than ``GridSize/minimum`` gives the
    /// "terminal too small" screen.
    /// - Complexity: proportional to the number of cells (a few source queries per cell),
    ///   never to the number of blocks or chunks.
    public static func paint(_ model: FrameViewModel, size: GridSize) -> CellGrid {
        var grid = CellGrid(size: size)
        if size.width < GridSize.minimum.width || size.height < GridSize.minimum.height {
            TooSmallView.paint(into: &grid, size: size, needed: .minimum)
            return grid
        }
        let layout = FrameLayout(size: size, laneCount: model.lanes.count)
        paintTitle(model, in: layout.titleBar, into: &grid)
        for (i, lane) in model.lanes.enumerated() {
            paintLane(lane, in: layout.lanes[i], into: &grid, focused: model.focus == .lane(i))
        }
        if model.lanes.isEmpty {
            let area = layout.lanesArea
            grid.write("no lanes", x: area.x + 2, y: area.y + area.height / 2, style: CellStyle(.dim))
        }
        StatsView.paint(model.lanes, in: layout.stats, into: &grid, focused: model.focus == .stats)
        LogView.paint(model.log, in: layout.log, into: &grid, focused: model.focus == .log)
        StatusLineView.paint(model.status, x: 0, y: layout.statusBar.y, width: size.width, into: &grid)
        if let note = model.note, !note.isEmpty {
            NoteBoxView.paint(note, over: layout.log, limitTop: layout.lanesArea.y, into: &grid)
        }
        if model.showHelp { HelpOverlayView.paint(in: grid.bounds, into: &grid) }
        return grid
    }

    /// Paints one lane's panel into `rect`.
    public static func paintLane(_ lane: LaneViewModel, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false) {
        let title = lane.implementation.isEmpty ? lane.name : lane.name + " " + lane.implementation
        switch lane.content {
        case .buddy(let buddy): BuddyPanelView.paint(buddy, title: title, in: rect, into: &grid, focused: focused)
        case .heap(let heap): HeapPanelView.paint(heap, title: title, in: rect, into: &grid, focused: focused)
        }
    }

    private static func paintTitle(_ model: FrameViewModel, in rect: GridRect, into grid: inout CellGrid) {
        let text = model.title == "allocviz" || model.title.isEmpty ? "allocviz" : "allocviz · " + model.title
        let hint = "? help  q quit"
        grid.write(" " + text, x: rect.x, y: rect.y, maxWidth: rect.width - hint.count - 2,
                   style: CellStyle(.title, attributes: [.bold]))
        grid.write(hint, x: rect.maxX - hint.count - 1, y: rect.y, style: CellStyle(.dim))
    }
}
