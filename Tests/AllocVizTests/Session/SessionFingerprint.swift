import Allocators
@testable import AllocVizCore

/// Everything observable about a session's state, as comparable text: every lane's blocks,
/// free counts, chunks and bins, the handle table and the per-lane handle blocks.
func fingerprint(_ session: Session) -> String {
    var lines: [String] = []
    let state = session.state
    for (index, lane) in state.lanes.enumerated() {
        lines.append("lane \(index) \(lane.allocator.implementationName) requested=\(state.lanes[index].requestedBytes) failures=\(state.lanes[index].failures)")
        if let buddy = lane.allocator.buddy {
            lines.append("  free counts \(buddy.allocator.freeBlockCounts)")
            lines.append("  live " + buddy.allocator.liveBlocks.map { "\($0.offset):\($0.order)" }.joined(separator: " "))
        }
        if let heap = lane.allocator.heap {
            lines.append("  chunks " + heap.heap.chunks().map { "\($0.offset):\($0.size)\($0.isFree ? "f" : "u")" }.joined(separator: " "))
            lines.append("  bins " + heap.heap.binSummaries().filter { $0.count > 0 }.map { "\($0.bin):\($0.count)/\($0.subBinCounts)" }.joined(separator: " "))
        }
        for name in state.lanes[index].handles.keys.sorted() {
            let entry = state.lanes[index].handles[name]!
            lines.append("  \(name) \(entry.block.map { "\($0.offset)+\($0.granted)/\($0.requested)" } ?? "-") failed=\(entry.failed) moved=\(entry.moved) lost=\(entry.lostTo ?? "")")
        }
    }
    lines.append("live " + state.handles.liveNames.joined(separator: " "))
    lines.append("pool " + state.handles.automaticPool.joined(separator: " ") + " next=\(state.handles.nextAutomaticNumber)")
    lines.append("note \(state.note ?? "")")
    return lines.joined(separator: "\n")
}

/// Every lane's invariant checker; nil when all hold.
func invariantViolation(_ session: Session) -> String? {
    for lane in session.state.lanes {
        if let problem = lane.allocator.invariantViolation() { return problem }
        if let problem = ownersViolation(lane) { return problem }
    }
    return nil
}

/// A tiny seeded generator for tests (xorshift64*), separate from the one under test.
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Where a lane's owner index disagrees with its handles (the index names every live block
/// by the handle holding it, and nothing else).
func ownersViolation(_ lane: LaneState) -> String? {
    var expected: [Int: String] = [:]
    for (name, entry) in lane.handles {
        if let block = entry.block { expected[block.offset] = name }
    }
    return expected == lane.owners ? nil : "owners \(lane.owners.sorted { $0.key < $1.key }) but handles hold \(expected.sorted { $0.key < $1.key })"
}
