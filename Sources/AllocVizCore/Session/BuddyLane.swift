import Allocators

/// A session lane running a buddy allocator (any implementation).
///
/// Requests are rounded to a block: a request of `size` bytes with alignment `a` takes the
/// smallest block holding `max(size, a)` (buddy blocks are aligned to their own size).
/// Reallocation stays in place when the new request needs the same order, otherwise it
/// allocates the new block first, then frees the old one (a failed reallocation keeps the old
/// block; a shrink that finds no room also stays in place).
public final class BuddyLane {
    /// The allocator (a value with copy-on-write storage: a snapshot shares it until either
    /// side changes).
    public private(set) var allocator: any BuddyAllocator
    /// The implementation.
    public let implementation: BuddyImplementation

    /// Creates a lane over a fresh allocator.
    public init(shape: BuddyConfiguration, implementation: BuddyImplementation) {
        allocator = implementation.make(configuration: shape)
        self.implementation = implementation
    }

    private init(allocator: any BuddyAllocator, implementation: BuddyImplementation) {
        self.allocator = allocator
        self.implementation = implementation
    }

    /// An independent copy.
    public func snapshot() -> BuddyLane { BuddyLane(allocator: allocator, implementation: implementation) }

    /// The region's shape.
    public var shape: BuddyConfiguration { allocator.configuration }

    /// Allocates a block for `size` bytes aligned to `alignment`.
    /// - Complexity: that of the implementation's allocate.
    public func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
        let needed = max(size, alignment ?? 1)
        guard let order = shape.order(forBytes: needed) else {
            let text = "request of \(needed) bytes is larger than the whole region (\(shape.totalSize) bytes)"
            events.append(LaneEvent(.failure, text: text, size: size))
            return .failure(LaneFailure(text))
        }
        var observer = CollectEvents<BuddyEvent>()
        do {
            let offset = try allocator.allocate(order: order, requestedBytes: min(size, shape.blockSize(order: order)), observer: &observer)
            events += observer.events.map(Self.event)
            return .success(LaneBlock(offset: offset, requested: size, granted: shape.blockSize(order: order), alignment: alignment))
        } catch {
            events += observer.events.map(Self.event)
            events.append(LaneEvent(.failure, text: error.description, size: size, order: order))
            return .failure(LaneFailure(error.description))
        }
    }

    /// Frees the block at `block.offset` (whatever order is live there).
    /// - Complexity: that of the implementation's deallocate.
    public func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
        var observer = CollectEvents<BuddyEvent>()
        let order = shape.order(forBytes: max(block.granted, 1)) ?? 0
        do {
            try allocator.deallocate(offset: block.offset, order: order, observer: &observer)
            events += observer.events.map(Self.event)
            return nil
        } catch {
            events += observer.events.map(Self.event)
            events.append(LaneEvent(.error, text: error.description, offset: block.offset, order: order))
            return LaneFailure(error.description, isMisuse: true)
        }
    }

    /// Resizes `block` to `size` bytes (see the type's documentation for the policy).
    public func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
        let needed = max(size, block.alignment ?? 1)
        let oldOrder = shape.order(forBytes: block.granted) ?? 0
        guard let newOrder = shape.order(forBytes: needed) else {
            let text = "request of \(needed) bytes is larger than the whole region (\(shape.totalSize) bytes)"
            events.append(LaneEvent(.failure, text: text, size: size))
            return .failure(LaneFailure(text))
        }
        var resized = block
        resized.requested = size
        if newOrder == oldOrder {
            events.append(LaneEvent(.resize, text: "order-\(oldOrder) block at \(DisplayFormat.hex(block.offset)) still holds \(size) B: in place",
                                    offset: block.offset, size: block.granted, order: oldOrder))
            return .success(LaneReallocation(block: resized, moved: false))
        }
        var scratch: [LaneEvent] = []
        switch allocate(size: size, alignment: block.alignment, events: &scratch) {
        case .success(let newBlock):
            events += scratch
            // The events read in order: the new block's splits and allocation, the move, then
            // the old block's release and merges.
            let move = events.count
            events.append(LaneEvent(.move, text: "moved \(min(block.requested, size)) B from \(DisplayFormat.hex(block.offset)) to \(DisplayFormat.hex(newBlock.offset))",
                                    offset: newBlock.offset, size: newBlock.granted, order: newOrder))
            if let failure = deallocate(block, events: &events) {
                // The old block could not be freed (the allocator found misuse): undo the new
                // allocation so the failed reallocation changes nothing (and nothing moved).
                events.remove(at: move)
                if let undo = deallocate(newBlock, events: &scratch) {
                    preconditionFailure("buddy reallocation could not be undone: \(undo.description)")
                }
                return .failure(failure)
            }
            return .success(LaneReallocation(block: newBlock, moved: true))
        case .failure(let failure):
            if newOrder < oldOrder {
                events.append(LaneEvent(.resize, text: "no room for a smaller block: order-\(oldOrder) block at \(DisplayFormat.hex(block.offset)) kept in place",
                                        offset: block.offset, size: block.granted, order: oldOrder))
                return .success(LaneReallocation(block: resized, moved: false))
            }
            events += scratch
            return .failure(failure)
        }
    }

    static func event(_ event: BuddyEvent) -> LaneEvent { LaneEvent(buddy: event) }
}

extension LaneEvent {
    static func fields(_ event: BuddyEvent) -> (kind: Kind, offset: Int, order: Int) {
        switch event {
        case .claimed(let offset, let order): return (.claim, offset, order)
        case .split(let offset, let order): return (.split, offset, order)
        case .allocated(let offset, let order, _): return (.allocate, offset, order)
        case .released(let offset, let order): return (.release, offset, order)
        case .merged(let offset, _, let order): return (.merge, offset, order)
        case .becameFree(let offset, let order): return (.free, offset, order)
        }
    }
}
