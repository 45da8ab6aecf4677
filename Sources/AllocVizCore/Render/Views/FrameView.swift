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
        var layout = FrameLayout(size: size, laneCount: model.lanes.count)
        // A prompt error too long for the status line takes the rows above it: stats and log
        // end higher while it shows, so their bottom borders stay whole.
        let errorRows = min(StatusLineView.errorLinesAbove(model.status, width: size.width).count, max(0, layout.log.height - 3))
        layout.stats.height -= errorRows
        layout.log.height -= errorRows
        paintTitle(model, in: layout.titleBar, into: &grid)
        for (i, lane) in sharingHeapScales(model.lanes, in: layout.lanes).enumerated() {
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

    /// `lanes` with one memory-map scale per group of heap lanes that show the same range of
    /// the same capacity: each such lane's ``HeapViewModel/minimumBytesPerCell`` is raised to
    /// the largest bytes-per-cell any of them needs in its panel (`rects[i]` is lane `i`'s
    /// panel), so equal heaps are drawn at equal scales even when panel heights differ by a row.
    /// - Complexity: O(lanes²), no source queries.
    public static func sharingHeapScales(_ lanes: [LaneViewModel], in rects: [GridRect]) -> [LaneViewModel] {
        struct Key: Hashable { var capacity: Int; var range: Range<Int>? }
        var scale: [Key: Int] = [:]
        for (lane, rect) in zip(lanes, rects) {
            guard case .heap(let heap) = lane.content, let map = HeapPanelView.mapGeometry(heap, in: rect) else { continue }
            let key = Key(capacity: heap.source.capacity, range: heap.visibleRange)
            scale[key] = max(scale[key] ?? 0, map.bytesPerCell)
        }
        return lanes.map { lane in
            guard case .heap(var heap) = lane.content,
                  let shared = scale[Key(capacity: heap.source.capacity, range: heap.visibleRange)] else { return lane }
            var copy = lane
            heap.minimumBytesPerCell = max(heap.minimumBytesPerCell, shared)
            copy.content = .heap(heap)
            return copy
        }
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
