import Testing
@testable import AllocVizCore

/// The lanes' owner index (block offset -> handle), kept as handles change, against the
/// handles themselves after every step.
@Suite struct LaneOwnersTests {
    @Test(arguments: [UInt64(3), 4])
    func ownersFollowTheHandlesThroughFailuresReallocationsAndDoubleFrees(seed: UInt64) throws {
        // Small lanes, so allocations fail and blocks are reused at the same offsets.
        let session = Session(lanes: [try LaneConfiguration.buddy(name: "b", size: 64 << 10, minimumBlock: 256),
                                      try LaneConfiguration.heap(name: "h", capacity: 16 << 10)])
        var random = TestRandom(seed: seed)
        var freed: [String] = []
        for step in 0..<1500 {
            let name = "H\(random.below(40))"
            let live = session.state.handles.status(of: name) == .live
            let command: SessionCommand
            if !live && !freed.isEmpty && random.below(10) == 0 {
                command = .free(handle: freed[random.below(freed.count)], again: true)
            } else if !live {
                command = .allocate(handle: name, size: 1 + random.below(3000), alignment: random.below(4) == 0 ? 64 : nil)
            } else if random.below(3) == 0 {
                command = .reallocate(handle: name, size: 1 + random.below(4000))
            } else {
                command = .free(handle: name)
                freed.append(name)
            }
            guard (try? session.perform(command)) != nil else { continue }
            for lane in session.state.lanes {
                let problem = ownersViolation(lane)
                #expect(problem == nil, "step \(step) (\(command)): \(problem ?? "")")
                if problem != nil { return }
            }
        }
        // Every live block on screen is named by its owner.
        for index in session.state.lanes.indices {
            for (name, entry) in session.state.lanes[index].handles {
                guard let block = entry.block else { continue }
                #expect(session.laneSnapshot(index).handle(atBlockOffset: block.offset) == name)
            }
        }
    }
}
