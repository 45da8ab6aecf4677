import Testing
@testable import AllocVizCore

/// A script's `expect` lines hold for the script's own steps: once the user branches off the
/// script (an operation by hand drops its later steps), the dropped steps' expectations are
/// never shown for the steps that replaced them.
@Suite struct BranchedExpectationTests {
    /// After step 2 the buddy has three free blocks (32, 16 and 8 KiB); a step 2 made by hand
    /// instead leaves another count.
    private static let script = """
        buddy 64KiB min=4KiB
        alloc A 4KiB
        expect free-blocks(buddy) == 4
        alloc B 4KiB
        expect free-blocks(buddy) == 3
        free A
        """

    private func runner() throws -> ScriptRunner {
        let runner = try ScriptRunner(script: try ScriptParser.parse(Self.script))
        runner.prepareForPlayback()
        return runner
    }

    @Test func theScriptsOwnStepsKeepTheirExpectations() throws {
        let runner = try runner()
        #expect(runner.expectations(afterStep: 1).count == 1)
        #expect(runner.expectations(afterStep: 2).count == 1)
    }

    // Failed before: the runner gave the dropped step 2's expectation for the new step 2.
    @Test func aStepMadeByHandHasNoneOfTheDroppedStepsExpectations() throws {
        let runner = try runner()
        runner.session.seek(to: 1)
        try runner.session.perform(.allocate(handle: "Z", size: 16 << 10, alignment: nil))
        #expect(runner.session.position == 2)
        #expect(runner.expectations(afterStep: 2).isEmpty)
        // The step before the branch is still the script's.
        #expect(runner.expectations(afterStep: 1).count == 1)
    }

    // Failed before: playing the hand-made step showed the dropped step's expectation
    // (`free-blocks(buddy) == 3`, with its result from the script's run).
    @Test func playingABranchedStepShowsNoExpectation() throws {
        let app = InteractiveApp(playing: try runner(), startPaused: true)
        app.handle(.character("]"))
        #expect(app.session.position == 1)
        app.handle(.character("n"))  // asks before dropping the script's later steps
        app.handle(.character("n"))  // goes ahead: a random step 2 replaces them
        #expect(app.session.position == 2)
        #expect(app.session.stepCount == 2)
        app.handle(.character("u"))
        app.handle(.character(" "))
        for _ in 0 ..< 20 where app.session.position < 2 || app.currentSubStep != nil { app.tick() }
        #expect(app.session.position == 2)
        let message = app.frameModel().status.message ?? ""
        #expect(!message.contains("expectation"), "\(message)")
    }
}
