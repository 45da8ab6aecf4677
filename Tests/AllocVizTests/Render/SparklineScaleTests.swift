import Testing
@testable import AllocVizCore

/// The stats panel explains its sparklines: the scale `▁0% █100%` ends every sparkline row
/// (failed before: the scale was nowhere on screen).
@Suite struct SparklineScaleTests {
    private func run(_ script: String) throws -> Session {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        return runner.session
    }

    @Test func theSparklineRowEndsWithItsScale() throws {
        let session = try run("buddy 1MiB min=4KiB\nheap 64KiB\nalloc A 4KiB\nalloc B 100\n")
        for size in [GridSize(width: 80, height: 24), GridSize(width: 100, height: 30)] {
            let grid = FrameView.paint(SessionFrameBuilder.frame(session), size: size)
            let sparkRows = grid.text.split(separator: "\n").filter { $0.hasPrefix("│  ext ") }
            #expect(sparkRows.count == 2)
            #expect(sparkRows.allSatisfy { $0.contains(StatsView.sparklineScale) && $0.contains("▁0% █100%") }, "\(grid.text)")
        }
    }
}
