import Testing
import Allocators
@testable import AllocVizCore

/// A manual operation never drops redoable steps without asking, in `play` and in `run`.
@Suite struct DropConfirmationTests {
    private func playedScript() throws -> InteractiveApp {
        let script = try ScriptParser.parse("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            alloc B 4KiB
            free A
            free B
            """)
        let runner = try ScriptRunner(script: script)
        runner.prepareForPlayback()
        return InteractiveApp(playing: runner, startPaused: true)
    }

    @Test func aManualKeyDuringPlayAsksBeforeDroppingTheScript() throws {
        let app = try playedScript()
        app.handle(.end)
        app.handle(.character("["))
        app.handle(.character("["))
        #expect(app.session.position == 2)
        app.handle(.character("n"))
        // Nothing dropped yet: the question is on the status line.
        #expect(app.session.stepCount == 4)
        #expect(app.session.position == 2)
        #expect(app.message?.contains("this drops 2 later steps") == true)
        // Esc keeps them, and playback can go on through them.
        app.handle(.escape)
        #expect(app.session.stepCount == 4)
        #expect(app.message?.contains("kept the 2 later steps") == true)
        app.handle(.character("]"))
        #expect(app.session.position == 3)
    }

    @Test func pressingTheKeyAgainGoesAheadAndSaysSo() throws {
        let app = try playedScript()
        app.handle(.end)
        app.handle(.character("["))
        app.handle(.character("["))
        app.handle(.character("n"))
        app.handle(.character("n"))
        #expect(app.session.stepCount == 3)
        #expect(app.session.position == 3)
        #expect(app.message?.hasPrefix("dropped 2 later steps; ") == true)
    }

    @Test func yesConfirmsAPromptOperationInRun() throws {
        let app = InteractiveApp(session: try Session())
        for _ in 0..<3 { app.handle(.character("n")) }
        app.handle(.home)
        app.handle(.character("a"))
        #expect(app.prompt == nil)
        #expect(app.message?.contains("this drops 3 later steps") == true)
        app.handle(.character("y"))
        #expect(app.prompt?.kind == .allocate)
        for character in "100 Z" { app.handle(.character(character)) }
        app.handle(.enter)
        #expect(app.session.stepCount == 1)
        #expect(app.message == "dropped 3 later steps; alloc Z 100")
    }

    @Test func anotherKeyCancelsTheQuestionAndActsNormally() throws {
        let app = InteractiveApp(session: try Session())
        for _ in 0..<2 { app.handle(.character("n")) }
        app.handle(.character("u"))
        app.handle(.character("f"))
        #expect(app.message?.contains("this drops 1 later step:") == true)
        app.handle(.character("U"))
        #expect(app.session.position == 2)
        #expect(app.session.stepCount == 2)
        // With nothing to drop, operations act at once.
        app.handle(.character("n"))
        #expect(app.session.stepCount == 3)
    }
}

/// The help overlay and the too-small screen.
@Suite struct HelpAndTooSmallTests {
    @Test func helpListsEveryKeyAndSaysAnyKeyClosesIt() throws {
        let text = HelpOverlayView.keys.map { $0.0 + " " + $0.1 }.joined(separator: "\n")
        for key in ["Shift-Tab", "Esc", "Ctrl-C", "PgUp", "Home", "F1", "Backspace", "mouse", "+ -", "y", "s  z"] {
            #expect(text.contains(key), "the help lacks \(key)")
        }
        #expect(!text.contains("Esc closes"))
        #expect(text.contains("any key closes"))
        let app = InteractiveApp(session: try Session())
        app.handle(.character("?"))
        let frame = app.frame(size: GridSize(width: 80, height: 24)).text
        #expect(frame.contains("Shift-Tab"))
        #expect(frame.contains("sparkline scale"), "the help does not fit 80x24")
        app.handle(.character("x"))
        #expect(!app.showHelp)
    }

    @Test func keysDoNothingUnseenWhileTheScreenIsTooSmall() throws {
        let app = InteractiveApp(session: try Session())
        _ = app.frame(size: GridSize(width: 60, height: 15))
        for key in [KeyInput.character("a"), .character("r"), .character("g"), .character("f"), .character("n"), .character("?")] {
            app.handle(key)
        }
        #expect(app.prompt == nil)
        #expect(!app.showHelp)
        #expect(app.session.stepCount == 0)
        app.handle(.resize)
        _ = app.frame(size: GridSize(width: 100, height: 30))
        app.handle(.character("a"))
        #expect(app.prompt?.kind == .allocate)
        // Shrinking with the prompt open: q still quits.
        _ = app.frame(size: GridSize(width: 60, height: 15))
        app.handle(.character("q"))
        #expect(app.quitRequested)
    }
}
