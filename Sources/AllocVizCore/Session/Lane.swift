import Allocators

/// One allocator of a session: a buddy or a heap, behind one interface.
///
/// Exactly one of ``buddy`` and ``heap`` is set. (A struct of two optionals rather than an
/// enum so operations mutate the allocator in place, without a copy-on-write copy.)
public struct Lane {
    /// The buddy allocator, for a buddy lane.
    public private(set) var buddy: BuddyLane?
    /// The heap, for a heap lane.
    public private(set) var heap: HeapLane?

    /// Builds the lane a configuration describes.
    public init(configuration: LaneConfiguration) throws(LaneFailure) {
        switch configuration.kind {
        case .buddy: buddy = try BuddyLane(configuration: configuration)
        case .heap: heap = try HeapLane(configuration: configuration)
        }
    }

    private init(buddy: BuddyLane?, heap: HeapLane?) {
        self.buddy = buddy
        self.heap = heap
    }

    /// Buddy or heap.
    public var kind: LaneKind { buddy != nil ? .buddy : .heap }

    /// The implementation's name.
    public var implementationName: String { buddy?.implementationName ?? heap!.implementationName }

    /// An independent copy of the lane's whole state.
    public func snapshot() -> Lane {
        // A buddy is a value with copy-on-write storage; a heap is copied explicitly.
        Lane(buddy: buddy, heap: heap?.snapshot())
    }

    /// Allocates; events are appended to `events`.
    public mutating func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
        if buddy != nil { return buddy!.allocate(size: size, alignment: alignment, events: &events) }
        return heap!.allocate(size: size, alignment: alignment, events: &events)
    }

    /// Frees `block`; events are appended to `events`.
    public mutating func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
        if buddy != nil { return buddy!.deallocate(block, events: &events) }
        return heap!.deallocate(block, events: &events)
    }

    /// Reallocates `block` to `size` bytes; events are appended to `events`.
    public mutating func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
        if buddy != nil { return buddy!.reallocate(block, to: size, events: &events) }
        return heap!.reallocate(block, to: size, events: &events)
    }

    /// Fragmentation figures, with requested bytes from the session's handle table.
    public func metrics(requestedBytes: Int) -> FragmentationMetrics {
        buddy?.metrics(requestedBytes: requestedBytes) ?? heap!.metrics(requestedBytes: requestedBytes)
    }

    /// Free block counts per order for a buddy lane, nil for a heap.
    public var buddyInfo: [Int]? { buddy?.allocator.freeBlockCounts }

    /// The first broken invariant of the allocator, or nil.
    public func invariantViolation() -> String? {
        buddy != nil ? buddy!.invariantViolation() : heap!.invariantViolation()
    }
}
