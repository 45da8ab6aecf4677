import Testing
import Allocators
@testable import AllocVizCore

/// Teaching pace in interactive play: sub-steps, notes that hold, the help overlay pausing.
@Suite struct PacingTests {
    private func app(_ text: String) throws -> InteractiveApp {
        let runner = try ScriptRunner(script: try ScriptParser.parse(text))
        runner.prepareForPlayback()
        return InteractiveApp(playing: runner)
    }

    private static let noteScript = """
        buddy 64KiB min=4KiB
        alloc A 4KiB
        note "Four splits: read this before the next step."
        alloc B 4KiB
        """

    @Test func aNoteHoldsPlaybackUntilSpace() throws {
        let app = try app(Self.noteScript)
        app.animates = false
        app.tick()  // alloc A
        app.tick()  // the note
        #expect(app.session.position == 2)
        #expect(app.mode == .paused)
        #expect(app.message == InteractiveApp.noteHold)
        #expect(app.frameModel().note == "Four splits: read this before the next step.")
        for _ in 0 ..< 20 { #expect(app.tick() == false) }
        #expect(app.session.position == 2)
        app.handle(.character(" "))
        #expect(app.mode == .playing)
        app.tick()
        #expect(app.session.position == 3)
    }

    @Test func subStepsPlayBeforeTheStepAndTheNoteHoldsAfterThem() throws {
        let app = try app(Self.noteScript)
        app.tick()
        #expect(app.session.position == 1)
        for frame in 1 ... 4 {
            if frame > 1 { app.tick() }
            #expect(app.animationFrame == frame)
            #expect(app.frameModel().status.message?.hasPrefix("buddy split \(frame)/4") == true)
        }
        app.tick()  // the step's final frame
        #expect(app.animationFrame == nil)
        #expect(app.session.position == 1)
        #expect(app.frameModel().status.message == nil)
        app.tick()  // the note, held
        #expect(app.session.position == 2)
        #expect(app.mode == .paused)
    }

    @Test func sTogglesTheAnimation() throws {
        let app = try app(Self.noteScript)
        app.tick()
        #expect(app.animationFrame == 1)
        app.handle(.character("s"))
        #expect(app.animates == false)
        #expect(app.animationFrame == nil)
        #expect(app.message?.contains("animation off") == true)
        app.tick()
        #expect(app.session.position == 2)  // straight to the next step
        app.handle(.character("s"))
        #expect(app.animates)
    }

    @Test func helpPausesPlaybackAndClosingItResumesOnlyWhatWasPlaying() throws {
        // Failed before: demo 02 played on to its end behind the help box.
        let app = try app("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            alloc B 4KiB
            alloc C 8KiB
            """)
        app.animates = false
        app.tick()
        app.handle(.character("?"))
        #expect(app.showHelp)
        #expect(app.mode == .paused)
        for _ in 0 ..< 10 { #expect(app.tick() == false) }
        #expect(app.session.position == 1)
        app.handle(.escape)  // closes the help: it was playing, so it plays on
        #expect(!app.showHelp)
        #expect(app.mode == .playing)
        app.tick()
        #expect(app.session.position == 2)
        // Paused when the help opens: still paused when it closes.
        app.handle(.character(" "))
        #expect(app.mode == .paused)
        app.handle(.character("?"))
        app.handle(.escape)
        #expect(app.mode == .paused)
        #expect(app.tick() == false)
    }

    @Test func helpPausesRandomPlayInALiveSession() throws {
        let app = InteractiveApp(session: try Session())
        app.handle(.character(" "))
        #expect(app.mode == .playing)
        app.handle(.character("?"))
        #expect(app.mode == .manual)
        #expect(app.tick() == false)
        app.handle(.escape)
        #expect(app.mode == .playing)
    }

    @Test func pausingTheLastStepsAnimationFinishesTheScript() throws {
        let app = try app("buddy 64KiB min=4KiB\nalloc A 4KiB\n")
        app.tick()
        #expect(app.animationFrame == 1)
        app.handle(.character(" "))  // pause in the middle of the cascade: the step ends at once
        #expect(app.mode == .paused)
        #expect(app.animationFrame == nil)
        #expect(app.frameModel().status.mode == .finished)
        #expect(app.message == InteractiveApp.endOfScript)
        app.handle(.character(" "))
        #expect(app.mode == .paused)
        #expect(app.message == "end of script: nothing left to play")
    }
}
