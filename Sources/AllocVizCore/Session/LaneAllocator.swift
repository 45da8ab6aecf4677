import Allocators

/// The allocator of one lane: a buddy or a heap, behind one interface.
///
/// Both payloads are reference types whose ``snapshot()`` makes an independent copy, so an
/// operation mutates the allocator in place (no copy-on-write copy of the buddy's bitmaps).
public enum LaneAllocator {
    /// A buddy allocator.
    case buddy(BuddyLane)
    /// A free-list heap.
    case heap(HeapLane)

    /// Builds the allocator a configuration describes.
    public init(configuration: LaneConfiguration) {
        switch configuration.allocator {
        case .buddy(let shape, let implementation): self = .buddy(BuddyLane(shape: shape, implementation: implementation))
        case .heap(let capacity, let implementation): self = .heap(HeapLane(capacity: capacity, implementation: implementation))
        }
    }

    /// The buddy lane, when this is one.
    public var buddy: BuddyLane? {
        if case .buddy(let lane) = self { return lane }
        return nil
    }

    /// The heap lane, when this is one.
    public var heap: HeapLane? {
        if case .heap(let lane) = self { return lane }
        return nil
    }

    /// An independent copy of the allocator's whole state.
    public func snapshot() -> LaneAllocator {
        switch self {
        case .buddy(let lane): .buddy(lane.snapshot())
        case .heap(let lane): .heap(lane.snapshot())
        }
    }

    /// Allocates; events are appended to `events`.
    public func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
        switch self {
        case .buddy(let lane): lane.allocate(size: size, alignment: alignment, events: &events)
        case .heap(let lane): lane.allocate(size: size, alignment: alignment, events: &events)
        }
    }

    /// Frees `block`; events are appended to `events`.
    public func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
        switch self {
        case .buddy(let lane): lane.deallocate(block, events: &events)
        case .heap(let lane): lane.deallocate(block, events: &events)
        }
    }

    /// Reallocates `block` to `size` bytes; events are appended to `events`.
    public func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
        switch self {
        case .buddy(let lane): lane.reallocate(block, to: size, events: &events)
        case .heap(let lane): lane.reallocate(block, to: size, events: &events)
        }
    }

    /// Fragmentation figures, with requested bytes from the session's handle table.
    public func metrics(requestedBytes: Int) -> FragmentationMetrics {
        var metrics: FragmentationMetrics
        switch self {
        case .buddy(let lane): metrics = lane.allocator.metrics
        case .heap(let lane): metrics = lane.heap.metrics()
        }
        metrics.requestedBytes = requestedBytes
        return metrics
    }

    /// Free block counts per order for a buddy lane, nil for a heap.
    public var buddyInfo: [Int]? { buddy?.allocator.freeBlockCounts }

    /// The implementation's name.
    public var implementationName: String {
        switch self {
        case .buddy(let lane): lane.implementation.name
        case .heap(let lane): lane.implementation.name
        }
    }

    /// Roughly how many bytes a snapshot takes (what a heap's copy writes, a buddy's bitmaps).
    var estimatedSnapshotBytes: Int {
        switch self {
        case .buddy(let lane): lane.allocator.configuration.minimumBlockCount / 2 + 1024
        case .heap(let lane): lane.heap.estimatedCopyBytes + 4096
        }
    }

    /// The first broken invariant of the allocator, or nil.
    public func invariantViolation() -> String? {
        do {
            switch self {
            case .buddy(let lane): try lane.allocator.checkInvariants()
            case .heap(let lane): try lane.heap.checkInvariants()
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
