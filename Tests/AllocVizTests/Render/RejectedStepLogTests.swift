import Testing
@testable import AllocVizCore

/// A rejected step's log entry states each lane's reason once.
@Suite struct RejectedStepLogTests {
    @Test func aCaughtDoubleFreeStatesItsReasonOnce() throws {
        let session = try Session()
        try session.perform(.allocate(handle: "A", size: 100, alignment: nil))
        try session.perform(.free(handle: "A"))
        try session.perform(.allocate(handle: "B", size: 100, alignment: nil))
        try session.perform(.free(handle: "A", again: true))
        try session.perform(.free(handle: "B"))
        try session.perform(.free(handle: "B", again: true))
        let entry = try #require(SessionFrameBuilder.log(session).entries.last)
        #expect(entry.operation.contains("free B again"))
        #expect(entry.failed)
        let buddy = try #require(entry.events.firstIndex { $0.hasPrefix("buddy: REJECTED: double free of B caught:") })
        let heap = try #require(entry.events.firstIndex { $0.hasPrefix("heap: REJECTED: double free of B caught:") })
        #expect(entry.events.count == 2, "\(entry.events)")
        for line in [entry.events[buddy], entry.events[heap]] {
            let reason = String(line.split(separator: "caught: ", maxSplits: 1)[1])
            let mentions = entry.events.joined(separator: "\n").components(separatedBy: reason).count - 1
            #expect(mentions == 1, "\(reason) appears \(mentions) times in \(entry.events)")
        }
    }

    @Test func aDoubleFreeThatReleasesAnotherBlockStillSaysSo() throws {
        let session = try Session()
        try session.perform(.allocate(handle: "A", size: 100, alignment: nil))
        try session.perform(.free(handle: "A"))
        try session.perform(.allocate(handle: "B", size: 100, alignment: nil))
        try session.perform(.free(handle: "A", again: true))
        let entry = try #require(SessionFrameBuilder.log(session).entries.last)
        #expect(entry.events.contains { $0.contains("double free of A released B's block") }, "\(entry.events)")
    }
}
