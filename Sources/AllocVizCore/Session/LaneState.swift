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

/// Everything that changes in one lane as a session steps: its allocator, what it holds for
/// each handle, and running totals.
public struct LaneState {
    /// The lane's allocator.
    public internal(set) var allocator: LaneAllocator
    /// Each handle's block and flags in this lane (changed through ``setHandle(_:_:)``, which
    /// keeps ``owners`` in step).
    public private(set) var handles: [String: LaneHandleState] = [:]
    /// The handle holding the live block at each block offset (a heap block's content offset):
    /// the index that names blocks on screen in O(1), kept as handles change.
    public private(set) var owners: [Int: String] = [:]
    /// Bytes requested by the live blocks.
    public internal(set) var requestedBytes = 0
    /// Failed and rejected requests so far.
    public internal(set) var failures = 0

    init(allocator: LaneAllocator) { self.allocator = allocator }

    /// Sets (with nil: forgets) what this lane holds for `name`, keeping ``owners`` in step.
    /// - Complexity: O(1) expected.
    mutating func setHandle(_ name: String, _ entry: LaneHandleState?) {
        // One hash of the name either way: the old entry comes back from the update.
        let old = entry.map { handles.updateValue($0, forKey: name) } ?? handles.removeValue(forKey: name)
        replaceOwner(name, old: old?.block, new: entry?.block)
    }

    /// Changes what this lane holds for `name` (nothing when it holds nothing for it).
    mutating func updateHandle(_ name: String, _ change: (inout LaneHandleState) -> Void) {
        guard let index = handles.index(forKey: name) else { return }
        let old = handles.values[index].block
        change(&handles.values[index])
        replaceOwner(name, old: old, new: handles.values[index].block)
    }

    /// Moves `name`'s entry in ``owners`` from block `old` to block `new`.
    private mutating func replaceOwner(_ name: String, old: LaneBlock?, new: LaneBlock?) {
        guard old?.offset != new?.offset else { return }
        if let old, owners[old.offset] == name { owners[old.offset] = nil }
        if let new { owners[new.offset] = name }
    }

    /// The handle holding the live block at `offset` (a heap block's content offset) and the
    /// bytes it asked for, if a handle holds a block there.
    /// - Complexity: O(1) expected.
    public func owner(ofBlockAt offset: Int) -> (name: String, requested: Int)? {
        guard let name = owners[offset], let block = handles[name]?.block else { return nil }
        return (name, block.requested)
    }

    /// A deep copy (a heap's region duplicated).
    func snapshot() -> LaneState {
        var copy = self
        copy.allocator = allocator.snapshot()
        return copy
    }

    /// The lane's current figures (requested bytes from the handle table, which stays exact
    /// across in-place reallocations).
    public var metrics: FragmentationMetrics { allocator.metrics(requestedBytes: requestedBytes) }
}

/// Everything that changes as a session steps: the lanes and the handles.
/// A snapshot is a deep copy of this value.
public struct SessionState {
    /// The lanes, in lane order.
    public internal(set) var lanes: [LaneState]
    /// Handle liveness and the automatic pool.
    public internal(set) var handles = HandleTable()
    /// The current note (the last `note` so far), if any.
    public internal(set) var note: String?

    init(lanes: [LaneState]) { self.lanes = lanes }

    /// A deep copy (heaps duplicated).
    func snapshot() -> SessionState {
        var copy = self
        copy.lanes = lanes.map { $0.snapshot() }
        return copy
    }

    /// Roughly how many bytes a snapshot of this state takes: heap regions, buddy bitmaps
    /// and the handle tables.
    public var estimatedSnapshotBytes: Int {
        lanes.reduce(0) { $0 + $1.allocator.estimatedSnapshotBytes + 300 * $1.handles.count }
    }
}
