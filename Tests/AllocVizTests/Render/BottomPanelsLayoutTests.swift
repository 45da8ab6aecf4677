import Testing
@testable import AllocVizCore

/// The stats and log below the lanes line up with them, and a prompt error never paints over
/// their borders.
@Suite struct BottomPanelsLayoutTests {
    @Test(arguments: [(160, 50), (120, 40), (200, 50), (300, 100), (80, 24)])
    func statsAndLogSplitWhereTheLanesDo(_ width: Int, _ height: Int) {
        let layout = FrameLayout(size: GridSize(width: width, height: height), laneCount: 2)
        guard layout.lanesSideBySide else { return }
        #expect(layout.stats.maxX == layout.lanes[0].maxX, "stats end at \(layout.stats.maxX), the first lane at \(layout.lanes[0].maxX)")
        #expect(layout.log.x == layout.lanes[1].x)
    }

    @Test func aPromptErrorLeavesThePanelBordersWhole() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character("a"))
        for character in "4KB" { app.handle(.character(character)) }
        app.handle(.enter)
        let error = try #require(app.prompt?.error)
        let size = GridSize(width: 80, height: 24)
        let grid = app.frame(size: size)
        #expect(grid.text.contains(error))
        // The bottom edge of stats and log is still painted: the row that holds `└` and `┘`.
        let rows = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let border = try #require(rows.lastIndex { $0.hasPrefix("└") }, "\(grid.text)")
        #expect(rows[border].hasSuffix("┘") || rows[border].hasSuffix("┛"), "\(rows[border])")
        #expect(!rows[border].contains("✗"))
        #expect(border < size.height - 2 || !rows[size.height - 2].contains("✗"))
    }
}
