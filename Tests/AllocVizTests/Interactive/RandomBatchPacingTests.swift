import Testing
import Allocators
@testable import AllocVizCore

/// A script's `random` batch plays several steps a tick, without sub-steps, so it takes at most
/// ``InteractiveApp/randomBatchSeconds`` at the current speed.
@Suite struct RandomBatchPacingTests {
    private static let script = """
        buddy 64KiB min=1KiB
        heap 16KiB
        alloc A 600
        random 600 seed=7 sizes=16..2KiB free=40%
        note "after the batch"
        alloc B 100
        """

    @Test func aRandomBatchOf600StepsTakesAtMostTenSecondsOfTicks() throws {
        let runner = try ScriptRunner(script: try ScriptParser.parse(Self.script))
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, speed: 4)
        app.tick()  // alloc A (its sub-steps)
        while app.session.position < 1 || app.currentSubStep != nil { app.tick() }
        #expect(app.session.position == 1)
        var ticks = 0
        while app.session.position < 601 && ticks < 1000 {
            app.tick()
            ticks += 1
            // No sub-steps inside the batch.
            #expect(app.currentSubStep == nil)
        }
        #expect(app.session.position == 601)
        #expect(ticks <= Int(InteractiveApp.randomBatchSeconds * 4))
        // The note after the batch still holds playback.
        app.tick()
        #expect(app.session.position == 602)
        #expect(app.mode == .paused)
        #expect(app.message == InteractiveApp.noteHold)
    }
}
