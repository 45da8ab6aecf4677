import Testing
import Allocators
@testable import AllocVizCore

/// The buddy panel's selected block is always on screen: the selection starts inside the
/// auto-focus window, the window follows a selection moved by hand, and `f` frees only a
/// block the panel shows.
@Suite struct BuddySelectionFocusTests {
    private let size = GridSize(width: 100, height: 30)

    /// A live session whose 17 order-0 allocations fill 0x0-0x10000 and put the last one at
    /// 0x10000, so auto-focus shows a close-up above 0x10000.
    private func appWithActivityAbove64KiB() throws -> InteractiveApp {
        let app = InteractiveApp(session: try Session())
        for index in 0 ... 16 {
            try app.session.perform(.allocate(handle: "A\(index)", size: 3000, alignment: nil))
        }
        return app
    }

    /// The text of the buddy panel (lane 0) of `grid`, row by row.
    private func buddyPanelRows(_ grid: CellGrid) -> [String] {
        let rect = FrameLayout(size: size, laneCount: 2).lanes[0]
        return (rect.y ..< rect.maxY).map { y in
            String(grid.rowText(y).unicodeScalars.dropFirst(rect.x).prefix(rect.width).map(Character.init))
        }
    }

    /// The panel shows the selection: `▸` marks its row and brackets enclose it, and the
    /// footer does not call it outside what is shown.
    private func expectSelectionOnScreen(_ grid: CellGrid, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let rows = buddyPanelRows(grid)
        let panel = rows.joined(separator: "\n")
        #expect(panel.contains("▸"), "no selection marker in\n\(panel)", sourceLocation: sourceLocation)
        #expect(rows.contains { $0.contains("[") && $0.contains("]") }, "no bracketed block in\n\(panel)", sourceLocation: sourceLocation)
        #expect(!panel.contains("outside the"), "\(panel)", sourceLocation: sourceLocation)
    }

    private func selectedNode(_ app: InteractiveApp) -> BuddyNodeID? {
        if case .buddyNode(let node) = app.selections[0] { return node }
        return nil
    }

    @Test func theSelectionStartsInsideTheAutoFocus() throws {
        let app = try appWithActivityAbove64KiB()
        let grid = app.frame(size: size)
        #expect(grid.text.contains("focus 0x10000-"))
        expectSelectionOnScreen(grid)
        let node = try #require(selectedNode(app))
        #expect(node.byteRange(minBlockSize: 4096).contains(0x10000), "selected \(node)")
    }

    @Test func movingTheSelectionByHandMovesTheFocusWithIt() throws {
        let app = try appWithActivityAbove64KiB()
        _ = app.frame(size: size)
        for _ in 0 ..< 10 { app.handle(.character("k")) }
        expectSelectionOnScreen(app.frame(size: size))
        for _ in 0 ..< 10 { app.handle(.character("j")) }
        expectSelectionOnScreen(app.frame(size: size))
        app.handle(.character("l"))
        let grid = app.frame(size: size)
        expectSelectionOnScreen(grid)
        let node = try #require(selectedNode(app))
        #expect(node.order == 0)
        // The focus window moved to the selection: its range starts at or below the block.
        #expect(grid.text.contains("focus 0x0-"), "\(buddyPanelRows(grid).joined(separator: "\n"))")
        // `f` frees the block shown between brackets.
        let offset = node.offset(minBlockSize: 4096)
        let name = try #require(app.session.laneSnapshot(0).handle(atBlockOffset: offset))
        app.handle(.character("f"))
        #expect(app.session.state.handles.status(of: name) == .freed)
        expectSelectionOnScreen(app.frame(size: size))
    }

    @Test func aNewStepBringsTheFocusBackToTheActivity() throws {
        let app = try appWithActivityAbove64KiB()
        _ = app.frame(size: size)
        for _ in 0 ..< 10 { app.handle(.character("k")) }
        for _ in 0 ..< 10 { app.handle(.character("j")) }
        #expect(app.frame(size: size).text.contains("focus 0x0-"))
        try app.session.perform(.allocate(handle: "B", size: 3000, alignment: nil))
        let grid = app.frame(size: size)
        #expect(!grid.text.contains("focus 0x0-"), "\(buddyPanelRows(grid).joined(separator: "\n"))")
        expectSelectionOnScreen(grid)
    }

    @Test func withoutHandMovesAutoFocusFollowsEachStep() throws {
        let app = try appWithActivityAbove64KiB()
        let before = app.frame(size: size).text
        #expect(before.contains("focus 0x10000-"))
        for index in 17 ... 40 {
            try app.session.perform(.allocate(handle: "A\(index)", size: 3000, alignment: nil))
        }
        let after = app.frame(size: size)
        #expect(!after.text.contains("focus 0x10000-"))
        #expect(after.text.contains("focus 0x"))
        expectSelectionOnScreen(after)
    }
}
