import Allocators
import Testing
@testable import AllocVizCore

private func run(_ text: String) throws -> ScriptRunner {
    let runner = try ScriptRunner(script: try ScriptParser.parse(text, file: "r.aviz"))
    runner.runToEnd()
    return runner
}

@Suite struct ScriptRunnerTests {
    @Test func expectationsReadEveryMetric() throws {
        let runner = try run("""
            buddy 64KiB min=4KiB
            heap 4KiB
            alloc A 3000
            alloc B 5000 align=64
            expect offset(buddy, A) == 0
            expect offset(buddy, B) == 8KiB
            expect size(buddy, B) == 8KiB
            expect intfrag(buddy) == 4288
            """)
        #expect(runner.failures.map(\.message) == [])
    }

    @Test func failedExpectationsSayTheActualValue() throws {
        let runner = try run("""
            buddy 64KiB
            alloc A 3000
            expect free-blocks(buddy, order=0) == 2
            expect extfrag(buddy) > 50%
            expect live(buddy) == 1
            """)
        #expect(runner.results.count == 3)
        #expect(runner.failures.map(\.message) == [
            "r.aviz:3: expectation failed: free-blocks(buddy, order=0) == 2 (actual 1)",
            "r.aviz:4: expectation failed: extfrag(buddy) > 50% (actual 0.4667)",
        ])
    }

    @Test func handlesWithoutABlockAreReportedNotCrashed() throws {
        let runner = try run("""
            buddy 64KiB
            heap 4KiB
            alloc big 32KiB
            expect failed(heap, big) == 1
            expect failed(buddy, big) == 0
            expect offset(heap, big) == 0
            expect failures(heap) == 1
            free big
            expect failures(heap) == 1
            """)
        #expect(runner.failures.map(\.message) == [
            "r.aviz:6: expectation failed: offset(heap, big) == 0 (big has no block in heap: its allocation failed)",
        ])
    }

    @Test func everyMetricHasAValue() throws {
        // A (100 B, order 0 at 0) grows to 9000 B: a new order-2 block at 16 KiB, then the old
        // block is freed and merges back into 16 KiB at 0. Free: 16 KiB at 0 and 32 KiB at 32 KiB.
        let runner = try run("""
            buddy 64KiB
            heap 4KiB
            alloc A 100
            realloc A 9000
            expect moved(buddy, A) == 1
            expect offset(buddy, A) == 16KiB
            expect used(buddy) == 16KiB
            expect requested(buddy) == 9000
            expect intfrag(buddy) == 7384
            expect free(buddy) == 48KiB
            expect largest(buddy) == 32KiB
            expect free-blocks(buddy) == 2
            expect free-blocks(buddy, order=2) == 1
            expect live(buddy) == 1
            expect unusable(buddy, order=2) == 0
            expect unusable(buddy, order=3) == 0.3333333333
            expect unusable(buddy, order=4) == 1
            expect utilisation(buddy) > 0.1373
            expect utilisation(buddy) < 0.1374
            expect extfrag(buddy) == 0.3333333333
            expect sawicki(buddy) > 0.25
            expect failures(buddy) == 0
            expect failed(heap, A) == 1
            expect live(heap) == 1
            expect requested(heap) == 9000
            """)
        #expect(runner.results.count == 21)
        #expect(runner.failures.map(\.message) == [
            "r.aviz:25: expectation failed: requested(heap) == 9000 (actual 100)",
        ])
        // The 4 KiB heap cannot grow A to 9000 bytes: the old block stays.
        #expect(runner.session.state.lanes[1].handles["A"]?.failed == true)
    }

    @Test func playbackRewindsAndKnowsItsPausesAndExpectations() throws {
        let runner = try ScriptRunner(script: try ScriptParser.parse("""
            alloc A 1
            pause
            expect live(heap) == 1
            random 3 seed=1 sizes=1..9
            pause
            expect live(heap) >= 0
            """, file: "p.aviz"))
        runner.prepareForPlayback()
        #expect(runner.session.position == 0)
        #expect(runner.session.stepCount == 6)
        #expect(runner.pauseSteps == [2, 6])
        #expect(runner.expectations(afterStep: 2).map(\.expectation.text) == ["live(heap) == 1"])
        #expect(runner.expectations(afterStep: 6).count == 1)
        #expect(runner.session.redo())
        #expect(runner.session.state.handles.status(of: "A") == .live)
    }
}
