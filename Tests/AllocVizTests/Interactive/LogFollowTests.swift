import Testing
import Allocators
@testable import AllocVizCore

/// The log follows the session: new steps and moves through history bring the newest applied
/// step into view, scrolling says what is hidden both ways, expanding shows the events, and
/// step 0 with later steps says how to reach them.
@Suite struct LogFollowTests {
    private static let size = GridSize(width: 100, height: 30)

    /// `allocviz --seed 3` at 100x30.
    private func app() throws -> InteractiveApp {
        let session = try Session()
        session.interactiveGenerator = SplitMix64Generator(seed: 3)
        let app = InteractiveApp(session: session)
        _ = app.frame(size: Self.size)
        return app
    }

    private func press(_ keys: [KeyInput], _ app: InteractiveApp) {
        for key in keys {
            app.handle(key)
            _ = app.frame(size: Self.size)
        }
    }

    /// The log lines on screen, as the frame paints them.
    private func visibleLog(_ app: InteractiveApp) -> [LogView.Line] {
        let area = LogView.textArea(of: FrameLayout(size: Self.size, laneCount: app.session.configurations.count).log)
        return LogView.visibleLines(app.frameModel().log, height: area.height, width: area.width)
    }

    private func logTitleRow(_ app: InteractiveApp) -> String {
        let rect = FrameLayout(size: Self.size, laneCount: app.session.configurations.count).log
        let rows = app.frame(size: Self.size).text.split(separator: "\n", omittingEmptySubsequences: false)
        return String(rows[rect.y])
    }

    @Test func newStepsAfterScrollingTheLogAreShown() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 5) + [.tab, .tab, .tab, .up, .up, .character("n"), .character("n")], app)
        #expect(app.session.position == 7)
        #expect(visibleLog(app).last?.step == 7, "the log does not show step 7: \(visibleLog(app).map(\.text))")
        #expect(!logTitleRow(app).contains("↑"), "\(logTitleRow(app))")
        // Leaving the log and stepping again follows too.
        press([.tab, .character("n")], app)
        #expect(visibleLog(app).last?.step == 8)
    }

    @Test func undoRedoAndSeekFollowTheSession() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 6) + [.tab, .tab, .tab, .pageUp, .pageUp], app)
        #expect(app.logScroll > 0)
        press([.character("u")], app)
        #expect(visibleLog(app).last?.step == 5)
        press([.pageUp, .character("]")], app)
        #expect(visibleLog(app).last?.step == 6)
        press([.pageUp, .home, .end], app)
        #expect(visibleLog(app).last?.step == 6)
        #expect(app.logScroll == 0)
    }

    @Test func anExpandedEntryOutOfViewFoldsWhenTheLogFollows() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 5) + [.tab, .tab, .tab, .enter], app)
        #expect(app.expandedLogSteps == [5])
        // Many more steps push step 5 out of the view: it folds.
        press(Array(repeating: .character("n"), count: 12), app)
        #expect(app.expandedLogSteps.isEmpty)
    }

    @Test func aScrolledLogSaysHowManyLinesAreHiddenBelow() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 6) + [.tab, .tab, .tab, .pageUp], app)
        let title = logTitleRow(app)
        #expect(title.contains("↓5"), "\(title)")
        #expect(title.contains("↑"), "\(title)")
    }

    @Test func expandingAnEntryBringsItsEventsIntoView() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 5) + [.tab, .tab, .tab, .up, .up, .enter, .down, .enter], app)
        // Up Up selects step 3, Enter expands it; Down selects step 4, Enter expands it.
        let step = try #require(app.logSelection)
        #expect(step == 4)
        #expect(app.expandedLogSteps.contains(step))
        let area = LogView.textArea(of: FrameLayout(size: Self.size, laneCount: app.session.configurations.count).log)
        var log = SessionFrameBuilder.log(app.session)
        log.expandedSteps = app.expandedLogSteps
        let entry = LogView.allLines(log, height: area.height, width: area.width).filter { $0.step == step }
        let shown = visibleLog(app).filter { $0.step == step }
        #expect(shown.first?.isHeading == true, "the heading of step \(step) is not in view")
        #expect(shown.count == min(entry.count, area.height), "\(shown.count) of \(entry.count) lines of step \(step) shown")
    }

    @Test func stepZeroWithLaterStepsSaysHowToReachThem() throws {
        let app = try app()
        press(Array(repeating: .character("n"), count: 3) + [.home], app)
        let frame = app.frame(size: Self.size).text
        #expect(!frame.contains("no operations yet"))
        #expect(frame.contains("at step 0: 3 later steps"), "\(frame)")
    }
}
