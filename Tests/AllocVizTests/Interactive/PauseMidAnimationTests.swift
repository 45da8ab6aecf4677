import Testing
import Allocators
@testable import AllocVizCore

/// Pausing while a step's splits, merges and coalesces are being shown one per frame: the step
/// ends at once on its final frame, and no sub-step is ever shown again for it.
@Suite struct PauseMidAnimationTests {
    /// Step 4 (`free B`) merges four times; step 5 allocates again.
    private static let mergeScript = """
        buddy 64KiB min=4KiB
        alloc A 4KiB
        alloc B 4KiB
        free A
        free B
        alloc C 4KiB
        """

    private static let size = GridSize(width: 100, height: 30)

    private func pausedApp() throws -> InteractiveApp {
        let runner = try ScriptRunner(script: try ScriptParser.parse(Self.mergeScript))
        runner.prepareForPlayback()
        return InteractiveApp(playing: runner, startPaused: true)
    }

    /// A paused app seeked to step 3 and played two frames into step 4's merges (`merge 2/4`).
    private func appInTheMiddleOfStep4() throws -> InteractiveApp {
        let app = try pausedApp()
        app.handle(.character("g"))
        type("3", into: app)
        app.handle(.enter)
        app.handle(.character(" "))
        app.tick()
        app.tick()
        return app
    }

    private func type(_ text: String, into app: InteractiveApp) {
        for character in text { app.handle(.character(character)) }
    }

    /// The frame's rows above the status line (the status message may differ between paths).
    private func panels(_ app: InteractiveApp) -> [Substring] {
        app.frame(size: Self.size).text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2)
    }

    /// Whether the frame shows the current step's final state: no sub-step, no caption, stats after it.
    private func showsFinalState(_ app: InteractiveApp) -> Bool {
        let model = app.frameModel()
        return app.currentSubStep == nil
            && model.lanes.allSatisfy { $0.stats.beforeStep == nil }
            && !(model.status.message ?? "").contains("merge")
            && !(model.status.message ?? "").contains("split")
    }

    @Test func pausingDuringAScriptStepsAnimationShowsItsFinalFrameAndRevisitingShowsNoOldSubStep() throws {
        // Failed before: the frame stayed on `buddy merge 2/4` with `stats · before step 4`,
        // and `[` `]` brought that sub-step back.
        let app = try pausedApp()
        app.handle(.character("g"))
        type("3", into: app)
        app.handle(.enter)
        #expect(app.session.position == 3)
        app.handle(.character(" "))
        #expect(app.mode == .playing)
        app.tick()  // step 4, merge 1/4
        app.tick()  // merge 2/4
        #expect(app.session.position == 4)
        #expect(app.frameModel().status.message?.hasPrefix("buddy merge 2/4") == true)
        app.handle(.character(" "))
        #expect(app.mode == .paused)
        #expect(app.session.position == 4)
        #expect(showsFinalState(app))

        // The same panels as step 4 reached by a seek in a fresh session.
        let fresh = try pausedApp()
        fresh.handle(.character("g"))
        type("4", into: fresh)
        fresh.handle(.enter)
        #expect(panels(app) == panels(fresh))

        // Back and forth: step 4 is shown final, never the old sub-step.
        app.handle(.character("["))
        app.handle(.character("]"))
        #expect(app.session.position == 4)
        #expect(showsFinalState(app))
        #expect(panels(app) == panels(fresh))

        // `]` goes on to step 5; playing on from there plays the rest normally.
        app.handle(.character("]"))
        #expect(app.session.position == 5)
        #expect(showsFinalState(app))
    }

    @Test func pausingDuringAnAnimationReportsTheStepsExpectations() throws {
        // Failed before: the pause kept the sub-step, so the expectation was never shown.
        let runner = try ScriptRunner(script: try ScriptParser.parse("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            expect free-blocks(buddy) == 4
            alloc B 4KiB
            """))
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner)
        app.tick()  // step 1, split 1/4
        app.tick()  // split 2/4
        app.handle(.character(" "))
        #expect(app.mode == .paused)
        #expect(showsFinalState(app))
        #expect(app.frameModel().status.message == "✓ 1 expectation holds: free-blocks(buddy) == 4")
        // Space plays on with the next step.
        app.handle(.character(" "))
        app.tick()
        #expect(app.session.position == 2)
    }

    @Test func theHelpOverlayDuringAnAnimationEndsTheStepAndClosingItPlaysOn() throws {
        let app = try appInTheMiddleOfStep4()
        app.handle(.character("?"))
        #expect(app.showHelp)
        #expect(showsFinalState(app))
        app.handle(.escape)
        #expect(app.mode == .playing)
        app.tick()
        #expect(app.session.position == 5)
        #expect(app.currentSubStep == 1)  // step 5's own animation, from its start
    }

    @Test func aSteppingKeyDuringAnAnimationLeavesNoSubStepBehind() throws {
        // Failed before: `[` during step 4's animation, then `]`, showed its old sub-step.
        let app = try appInTheMiddleOfStep4()
        app.handle(.character("["))
        #expect(app.session.position == 3)
        app.handle(.character("]"))
        #expect(app.session.position == 4)
        #expect(showsFinalState(app))
    }

    @Test func pausingARunDuringARandomStepsAnimationShowsItsFinalFrame() throws {
        // Failed before: `MANUAL step 1/1 buddy split 8/8 …` and `stats · before step 1` stayed
        // on screen for good; `u` then `]` brought the same sub-step back.
        let session = try Session()
        session.interactiveGenerator = SplitMix64Generator(seed: 3)
        let app = InteractiveApp(session: session)
        for _ in 0 ..< 4 { app.handle(.character("+")) }
        #expect(app.speed == 64)
        app.handle(.character(" "))
        #expect(app.mode == .playing)
        var ticks = 0
        while app.currentSubStep == nil && ticks < 500 {
            app.tick()
            ticks += 1
        }
        try #require(app.currentSubStep != nil, "no random step with sub-steps in 500 ticks")
        let step = app.session.position
        #expect(app.frameModel().lanes.contains { $0.stats.beforeStep == step })
        app.handle(.character(" "))
        #expect(app.mode == .manual)
        #expect(app.session.position == step)
        #expect(showsFinalState(app))
        #expect(app.frameModel().status.message == nil)

        app.handle(.character("u"))
        app.handle(.character("]"))
        #expect(app.session.position == step)
        #expect(showsFinalState(app))
        #expect(app.frameModel().status.message == nil)

        // Playing again goes on with new random steps, animated as before.
        app.handle(.character(" "))
        app.tick()
        #expect(app.session.position == step + 1)
    }
}
