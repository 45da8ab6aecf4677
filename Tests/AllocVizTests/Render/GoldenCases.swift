@testable import AllocVizCore

/// The golden-frame cases: every view painted alone into a whole screen, at 80x24 and 132x40,
/// plus whole frames. Keys are `"view@WxH"`.
enum GoldenCases {
    static let sizes = [GridSize(width: 80, height: 24), GridSize(width: 132, height: 40)]

    static let views = [
        "frame", "frame-help", "frame-note-focus", "frame-one-lane", "buddy", "buddy-zoom-select", "heap", "heap-zoom-select",
        "stats", "log", "log-scrolled", "log-long-entry", "status-prompt", "too-small",
    ]

    static var all: [String] {
        views.flatMap { view in sizes.map { "\(view)@\($0)" } }
    }

    static func paint(_ key: String) -> CellGrid {
        let parts = key.split(separator: "@")
        let view = String(parts[0])
        let dims = parts[1].split(separator: "x").map { Int($0)! }
        let size = GridSize(width: dims[0], height: dims[1])
        var grid = CellGrid(size: size)
        let whole = grid.bounds
        switch view {
        case "frame":
            return FrameView.paint(RenderFixtures.frame, size: size)
        case "frame-help":
            var model = RenderFixtures.frame
            model.showHelp = true
            return FrameView.paint(model, size: size)
        case "frame-note-focus":
            var model = RenderFixtures.frame
            model.note = "A took a 4 KiB block: 1096 bytes are wasted inside it. The buddy of a block is at offset ^ size."
            model.focus = .lane(1)
            model.status = StatusViewModel(mode: .paused, step: 3, stepCount: 12, message: "paused at note")
            return FrameView.paint(model, size: size)
        case "frame-one-lane":
            let model = FrameViewModel(lanes: [RenderFixtures.buddyLane], log: RenderFixtures.log, status: StatusViewModel(), focus: .log)
            return FrameView.paint(model, size: size)
        case "buddy":
            FrameView.paintLane(RenderFixtures.buddyLane, in: whole, into: &grid)
        case "buddy-zoom-select":
            let model = BuddyViewModel(
                source: RenderFixtures.buddySource, zoomRoot: BuddyNodeID(order: 5, index: 0),
                selection: BuddyNodeID(order: 0, index: 0),
                highlights: [BuddyHighlight(node: BuddyNodeID(order: 2, index: 1), kind: .split)])
            BuddyPanelView.paint(model, title: "buddy tree", in: whole, into: &grid, focused: true)
        case "heap":
            FrameView.paintLane(RenderFixtures.heapLane, in: whole, into: &grid)
        case "heap-zoom-select":
            let model = HeapViewModel(
                source: RenderFixtures.heapSource, bins: RenderFixtures.heapBins, visibleRange: 0 ..< 0x5000, selection: 16640,
                highlights: [HeapHighlight(range: 16456 ..< 16640, kind: .merge)])
            HeapPanelView.paint(model, title: "heap galloc", in: whole, into: &grid)
        case "stats":
            StatsView.paint([RenderFixtures.buddyLane, RenderFixtures.heapLane], in: whole, into: &grid)
        case "log":
            LogView.paint(RenderFixtures.log, in: whole, into: &grid, focused: true)
        case "log-scrolled":
            var entries: [LogEntryViewModel] = []
            for step in 1 ... 40 {
                entries.append(LogEntryViewModel(step: step, operation: "alloc H\(step) \(step * 100)", events: ["buddy: took o\(step % 4) at \(DisplayFormat.hex(step * 4096))"], failed: step % 13 == 0))
            }
            LogView.paint(LogViewModel(entries: entries, scrollOffset: 7), in: whole, into: &grid)
        case "log-long-entry":
            var log = RenderFixtures.log
            log.entries.append(LogEntryViewModel(step: 6, operation: "random 1 seed=3", events: (1 ... 40).map { "event \($0)" }))
            LogView.paint(log, in: GridRect(x: 0, y: 0, width: size.width, height: 10), into: &grid)
        case "status-prompt":
            StatusLineView.paint(StatusViewModel(mode: .manual, step: 4, prompt: "alloc size: 12Ki"), x: 0, y: 0, width: size.width, into: &grid)
            StatusLineView.paint(StatusViewModel(mode: .playing(speed: 0.5), step: 7, stepCount: 90, message: "free Z: no such handle"), x: 0, y: 1, width: size.width, into: &grid)
            StatusLineView.paint(StatusViewModel(mode: .finished, step: 90, stepCount: 90), x: 0, y: 2, width: size.width, into: &grid)
        case "too-small":
            // The too-small screen at half the size.
            return FrameView.paint(RenderFixtures.frame, size: GridSize(width: size.width / 2, height: size.height / 2))
        default:
            fatalError("unknown golden view \(view)")
        }
        return grid
    }
}

extension GoldenCases {
    /// The golden file of case `key`.
    static func goldenName(_ key: String) -> String { "fixtures/\(key).txt" }
}
