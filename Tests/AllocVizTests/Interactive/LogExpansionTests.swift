import Testing
import Allocators
@testable import AllocVizCore

/// The log hides nothing: long entries expand, long lines wrap, scrolling reaches every line.
@Suite struct LogExpansionTests {
    private static let longEvent = "double free of A released C's block at 0x0: C no longer owns its memory"

    private func text(_ log: LogViewModel, width: Int, height: Int) -> String {
        var grid = CellGrid(size: GridSize(width: width, height: height))
        LogView.paint(log, in: grid.bounds, into: &grid)
        return grid.text
    }

    @Test func longLinesWrapInsteadOfBeingCut() {
        let log = LogViewModel(entries: [LogEntryViewModel(step: 1, operation: "free A again", events: ["buddy: FAILED", "  " + Self.longEvent])])
        let painted = text(log, width: 42, height: 8)
        #expect(!painted.contains("…"), "\(painted)")
        // Every word of the long event is on screen.
        for word in Self.longEvent.split(separator: " ") {
            #expect(painted.contains(word), "'\(word)' is cut:\n\(painted)")
        }
    }

    @Test func aCollapsedEntryOfWrappedLinesKeepsItsHeadingInThePanel() {
        let events = (1 ... 12).map { "claimed free order-\($0) block at 0x\($0)000 and split it" }
        let log = LogViewModel(entries: [LogEntryViewModel(step: 1, operation: "alloc A 3000", events: events)])
        let painted = text(log, width: 30, height: 8)
        #expect(painted.contains("1  alloc A 3000"), "\(painted)")
        #expect(painted.contains("more events"), "\(painted)")
    }

    @Test func anExpandedEntryScrollsThroughEveryEvent() {
        let events = (1 ... 40).map { "event \($0) of the cascade" }
        var log = LogViewModel(entries: [
            LogEntryViewModel(step: 1, operation: "alloc A 1", events: ["buddy: at 0x0"]),
            LogEntryViewModel(step: 2, operation: "random 1 seed=3", events: events),
        ])
        // Collapsed: a count of the hidden events, which scrolling cannot show.
        #expect(text(log, width: 40, height: 10).contains("more events"))
        log.expandedSteps = [2]
        var seen = ""
        for offset in 0 ... 60 {
            log.scrollOffset = offset
            seen += text(log, width: 40, height: 10)
        }
        for n in 1 ... 40 { #expect(seen.contains("event \(n) of the cascade"), "event \(n) never shown") }
        #expect(seen.contains("alloc A 1"))
        #expect(!seen.contains("more events"))
    }

    @Test func demo06StepSevenShowsTheHeapsMoveAfterEnterInTheLog() throws {
        let path = try #require(DemoFiles.paths()?.first { $0.hasSuffix("/06-realloc-in-place-vs-move.aviz") })
        let runner = try ScriptRunner(script: try ScriptFile.load(path))
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, startPaused: true)
        let size = GridSize(width: 120, height: 40)
        _ = app.frame(size: size)
        app.handle(.character("g"))
        for character in "7" { app.handle(.character(character)) }
        app.handle(.enter)
        #expect(app.session.position == 7)
        while app.focus != .log { app.handle(.tab) }
        app.handle(.up)
        #expect(app.logSelection == 6)
        app.handle(.down)
        #expect(app.logSelection == 7)
        app.handle(.enter)
        #expect(app.expandedLogSteps.contains(7))
        var seen = app.frame(size: size).text
        for _ in 0 ..< 20 {
            app.handle(.pageDown)
            seen += app.frame(size: size).text
        }
        for _ in 0 ..< 20 {
            app.handle(.pageUp)
            seen += app.frame(size: size).text
        }
        let heapEvents = runner.session.record(at: 6).lanes[1].events.map(\.text)
        #expect(heapEvents.contains { $0.hasPrefix("moved") }, "\(heapEvents)")
        for event in heapEvents where event.hasPrefix("moved") {
            #expect(seen.contains(String(event.prefix(30))), "'\(event)' never on screen")
        }
    }
}
