import Testing
import Allocators
@testable import AllocVizCore

/// The live session's random operations (`n`, space in `run`) suit the smallest lane, so the
/// default session stays busy rather than full.
@Suite struct LiveRandomWorkloadTests {
    @Test func theDefaultSessionRarelyFailsAndStaysBusy() throws {
        let session = try Session()
        var failed = 0
        var liveTotal = 0
        for _ in 0..<5000 {
            let record = session.performRandomStep()
            if record.failedSomewhere { failed += 1 }
            liveTotal += session.state.handles.automaticPool.count
        }
        let averageLive = Double(liveTotal) / 5000
        print("live random workload: \(failed) of 5000 steps failed; \(averageLive) live handles on average")
        // Before sizes followed the smallest lane, about a third of the steps failed on the
        // 64 KiB heap (1551 of 4429 in one session).
        #expect(failed <= 100, "\(failed) of 5000 random steps failed")
        // Still interesting: a good number of live blocks, and the heap well used.
        #expect(averageLive >= 8)
        let heap = try #require(session.configurations.firstIndex { $0.kind == .heap })
        let metrics = session.laneSnapshot(heap).metrics
        #expect(metrics.grantedBytes * 5 >= metrics.capacity, "the heap is nearly empty")
    }

    @Test func scriptRandomLinesKeepTheirExplicitWorkload() throws {
        // The same explicit workload gives the same operations as before.
        let session = try Session()
        let workload = RandomWorkload(seed: 7, sizes: 16...4096, freePercent: 40, reallocPercent: 10)
        let records = session.records(in: session.performRandom(workload, count: 20))
        var generator = SplitMix64Generator(seed: 7)
        var live = 0
        for record in records {
            let choice = workload.choose(liveCount: live, using: &generator)
            switch (choice, record.command) {
            case (.allocate(let size, _), .allocate(_, let recorded, _)): #expect(size == recorded); live += 1
            case (.free, .free): live -= 1
            case (.reallocate(_, let size), .reallocate(_, let recorded)): #expect(size == recorded)
            default: Issue.record("\(choice) vs \(record.command)")
            }
        }
    }
}
