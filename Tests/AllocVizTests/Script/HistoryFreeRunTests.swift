import Testing
@testable import AllocVizCore

/// Running without history (what `check` does) gives the same results as with it, and keeps
/// no records or snapshots.
@Suite struct HistoryFreeRunTests {
    /// Runs `script` both ways and compares expectations, final step and every lane's figures.
    func expectSameRun(_ script: Script) throws {
        let full = try ScriptRunner(script: script)
        let streamed = try ScriptRunner(script: script, recordsHistory: false)
        full.runToEnd()
        streamed.runToEnd()
        #expect(streamed.results == full.results)
        #expect(streamed.internalErrors.isEmpty && full.internalErrors.isEmpty)
        #expect(streamed.session.position == full.session.position)
        #expect(streamed.session.stepCount == full.session.stepCount)
        #expect(streamed.session.steps.isEmpty)
        #expect(streamed.session.snapshotCount == 0)
        #expect(streamed.session.currentRecord?.command == full.session.currentRecord?.command)
        for index in full.session.configurations.indices {
            let a = full.session.laneSnapshot(index), b = streamed.session.laneSnapshot(index)
            #expect(a.metrics == b.metrics)
            #expect(a.lane.failures == b.lane.failures)
        }
    }

    @Test func everyDemoRunsTheSameWithoutHistory() throws {
        let paths = try #require(DemoFiles.paths())
        #expect(paths.count >= 5)
        for path in paths { try expectSameRun(try ScriptFile.load(path)) }
    }

    @Test func aLongRandomScriptRunsTheSameWithoutHistory() throws {
        let script = try ScriptParser.parse("""
            heap 256KiB
            buddy 256KiB
            random 3000 seed=4 sizes=16..2KiB free=40%
            expect extfrag(heap) < 1
            expect live(buddy) > 0
            random 2000 seed=5 sizes=8..9000 free=55%
            expect free(heap) > 0
            """, file: "t.aviz")
        try expectSameRun(script)
    }

    @Test func withoutHistoryNothingCanBeUndoneOrSought() throws {
        let session = Session(lanes: LaneConfiguration.defaults, recordsHistory: false)
        let steps = session.performRandom(RandomWorkload(seed: 1, sizes: 16...512, freePercent: 40), count: 50)
        #expect(steps == 0 ..< 50)
        #expect(session.steps.isEmpty)
        #expect(session.position == 50 && session.stepCount == 50)
        #expect(!session.canUndo && !session.canRedo)
        #expect(session.undo() == false)
        session.seek(to: 10)
        #expect(session.position == 50)
        #expect(session.currentRecord != nil)
        #expect(session.appliedSteps.isEmpty)
        #expect(session.record(at: 49).command == session.currentRecord?.command)
    }
}
