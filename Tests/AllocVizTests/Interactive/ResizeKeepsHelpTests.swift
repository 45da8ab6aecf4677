import Testing
@testable import AllocVizCore

/// A terminal resize is not a key press: the help overlay stays open and paused playback
/// stays paused.
@Suite struct ResizeKeepsHelpTests {
    private func playingApp() throws -> InteractiveApp {
        let script = try ScriptParser.parse("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            alloc B 4KiB
            alloc C 4KiB
            free A
            """)
        let runner = try ScriptRunner(script: script)
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, speed: 1)
        app.animates = false  // one tick per step
        return app
    }

    @Test func resizeKeepsTheHelpOpenAndPlaybackPaused() throws {
        let app = try playingApp()
        app.tick()
        #expect(app.session.position == 1)
        app.handle(.character("?"))
        #expect(app.showHelp)
        #expect(app.mode == .paused)
        #expect(app.handle(.resize), "a resize repaints")
        _ = app.frame(size: GridSize(width: 110, height: 32))
        #expect(app.showHelp)
        #expect(app.mode == .paused)
        #expect(app.tick() == false)
        #expect(app.session.position == 1)
        #expect(app.frame(size: GridSize(width: 110, height: 32)).text.contains("keys"))
        // A key still closes the help and resumes the playback the help paused.
        app.handle(.character("x"))
        #expect(!app.showHelp)
        #expect(app.mode == .playing)
    }

    @Test func resizeKeepsTheHelpOpenInALiveSession() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.function(1))
        app.handle(.resize)
        #expect(app.showHelp)
        #expect(app.mode == .manual)
    }
}
