import Testing
@testable import AllocVizCore

/// Interactive play lays the whole script out before the first frame and reports how far it is.
@Suite struct PlaybackPreparationTests {
    @Test func preparationReportsItsProgressUpToThePlannedSteps() throws {
        let script = try ScriptParser.parse("""
            heap 64KiB
            alloc A 100
            random 2500 seed=3 sizes=16..512 free=45%
            expect failures(heap) == 0
            note "half way"
            pause
            free A
            """, file: "t.aviz")
        let runner = try ScriptRunner(script: script)
        #expect(runner.plannedStepCount == 2504)
        var reports: [(Int, Int)] = []
        runner.prepareForPlayback(progressInterval: 1000) { reports.append(($0, $1)) }
        #expect(reports.map(\.0) == [1000, 2000, 2504])
        #expect(reports.allSatisfy { $0.1 == 2504 })
        #expect(runner.session.stepCount == 2504)
        #expect(runner.session.position == 0)
    }
}
