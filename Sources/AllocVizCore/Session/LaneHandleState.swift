import Allocators

/// What one lane holds for one handle.
public struct LaneHandleState: Hashable, Sendable {
    /// The live block, or nil (allocation failed here, freed, or lost to a double free).
    public var block: LaneBlock?
    /// The last block the handle held here (a deliberate double free passes it again).
    public var lastBlock: LaneBlock?
    /// The alignment the handle was allocated with.
    public var alignment: Int?
    /// `true` when the handle's last allocation or reallocation failed in this lane.
    public var failed = false
    /// `true` when the handle's last reallocation moved the block.
    public var moved = false
    /// The handle whose double free released this handle's block, if that happened.
    public var lostTo: String?

    /// Creates a state.
    public init(block: LaneBlock? = nil, alignment: Int? = nil, failed: Bool = false) {
        self.block = block
        self.lastBlock = block
        self.alignment = alignment
        self.failed = failed
    }
}

/// Everything that changes as a session steps: the lanes, the handles, and running totals.
/// A snapshot is a deep copy of this value.
public struct SessionState {
    /// The lanes' allocators.
    public internal(set) var lanes: [Lane]
    /// Handle liveness and the automatic pool.
    public internal(set) var handles = HandleTable()
    /// Per lane, each handle's block and flags.
    public internal(set) var laneHandles: [[String: LaneHandleState]]
    /// Per lane, bytes requested by the live blocks.
    public internal(set) var requestedBytes: [Int]
    /// Per lane, failed and rejected requests so far.
    public internal(set) var failures: [Int]
    /// The current note (the last `note` so far), if any.
    public internal(set) var note: String?

    init(lanes: [Lane]) {
        self.lanes = lanes
        laneHandles = Array(repeating: [:], count: lanes.count)
        requestedBytes = Array(repeating: 0, count: lanes.count)
        failures = Array(repeating: 0, count: lanes.count)
    }

    /// A deep copy (heaps duplicated).
    func snapshot() -> SessionState {
        var copy = self
        copy.lanes = lanes.map { $0.snapshot() }
        return copy
    }

    /// Roughly how many bytes a snapshot of this state takes: heap regions, buddy bitmaps
    /// and the handle tables.
    public var estimatedSnapshotBytes: Int {
        var bytes = 0
        for (index, lane) in lanes.enumerated() {
            if let heap = lane.heap?.heap { bytes += heap.capacity + 4096 }
            if let buddy = lane.buddy?.allocator { bytes += buddy.configuration.minimumBlockCount / 2 + 1024 }
            bytes += 300 * laneHandles[index].count
        }
        return bytes
    }

    /// Lane `index`'s current figures.
    public func metrics(lane index: Int) -> FragmentationMetrics {
        lanes[index].metrics(requestedBytes: requestedBytes[index])
    }
}
