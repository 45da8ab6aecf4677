import Testing
@testable import AllocVizCore

/// Lanes of the same configuration draw alike: every lane panel gets the same size.
@Suite struct EqualLaneWidthTests {
    static let sizes = [GridSize(width: 100, height: 30), GridSize(width: 120, height: 40), GridSize(width: 250, height: 70)]

    /// Demo 08's three identical buddy lanes (failed before at 100x30 and 250x70: one lane was
    /// a column wider, so its tree was drawn differently).
    @Test(arguments: sizes)
    func demo08sIdenticalLanesDrawTheSame(_ size: GridSize) throws {
        let path = try #require(DemoFiles.paths()?.first { $0.hasSuffix("/08-fill-the-whole-region.aviz") })
        let runner = try ScriptRunner(script: try ScriptFile.load(path))
        let session = runner.session
        runner.runToEnd()
        // A middle step, where the tree has every order in use.
        session.seek(to: 70)
        let model = SessionFrameBuilder.frame(session)
        let layout = FrameLayout(size: size, laneCount: 3)
        #expect(Set(layout.lanes.map(\.width)).count == 1 && Set(layout.lanes.map(\.height)).count == 1)
        let grid = FrameView.paint(model, size: size)
        let panels = layout.lanes.map { rect in
            (rect.y + 1 ..< rect.maxY).map { y in
                String(String.UnicodeScalarView(grid.rowText(y).unicodeScalars.dropFirst(rect.x).prefix(rect.width)))
            }
        }
        #expect(panels[0] == panels[1] && panels[1] == panels[2], "\(panels.map { $0.joined(separator: "\n") }.joined(separator: "\n\n"))")
    }

    @Test(arguments: [2, 3, 4])
    func stackedOrSideBySideLanesAreEqualAndLeaveTheRestToTheFrame(_ count: Int) {
        for width in stride(from: 80, through: 300, by: 7) {
            for height in stride(from: 24, through: 100, by: 5) {
                let layout = FrameLayout(size: GridSize(width: width, height: height), laneCount: count)
                #expect(Set(layout.lanes.map(\.width)).count == 1 && Set(layout.lanes.map(\.height)).count == 1)
                #expect(layout.lanes.last!.maxX <= width && layout.lanes.last!.maxY <= layout.stats.y)
                #expect(layout.stats.maxY == height - 1 && layout.lanesArea.maxY == layout.stats.y)
            }
        }
    }
}
