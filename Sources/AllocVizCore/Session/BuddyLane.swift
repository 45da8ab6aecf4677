import Allocators

/// A session lane running a buddy allocator (any implementation).
///
/// Requests are rounded to a block: a request of `size` bytes with alignment `a` takes the
/// smallest block holding `max(size, a)` (buddy blocks are aligned to their own size).
/// Reallocation stays in place when the new request needs the same order, otherwise it
/// allocates the new block first, then frees the old one (a failed reallocation keeps the old
/// block; a shrink that finds no room also stays in place).
public struct BuddyLane: Sendable {
    /// The allocator (a value with copy-on-write storage: copying the lane snapshots it).
    public private(set) var allocator: any BuddyAllocator
    /// The implementation's name (`bitmap`, `array-list`, `linked-list`).
    public let implementationName: String

    /// Creates a lane for `configuration` (kind `.buddy`).
    public init(configuration: LaneConfiguration) throws(LaneFailure) {
        let shape: BuddyConfiguration
        do {
            shape = try BuddyConfiguration(minimumBlockSize: configuration.minimumBlock, totalSize: configuration.size)
        } catch {
            throw LaneFailure(error.description)
        }
        let name = configuration.implementation ?? BuddyImplementation.bitmap.name
        guard let implementation = BuddyImplementation(rawValue: name) else {
            throw LaneFailure("unknown buddy implementation '\(name)'")
        }
        allocator = implementation.make(configuration: shape)
        implementationName = name
    }

    /// The region's shape.
    public var shape: BuddyConfiguration { allocator.configuration }

    /// Allocates a block for `size` bytes aligned to `alignment`.
    /// - Complexity: that of the implementation's allocate.
    public mutating func allocate(size: Int, alignment: Int?, events: inout [LaneEvent]) -> Result<LaneBlock, LaneFailure> {
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
    public mutating func deallocate(_ block: LaneBlock, events: inout [LaneEvent]) -> LaneFailure? {
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
    public mutating func reallocate(_ block: LaneBlock, to size: Int, events: inout [LaneEvent]) -> Result<LaneReallocation, LaneFailure> {
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
            events.append(LaneEvent(.resize, text: "order-\(oldOrder) block at \(hexString(block.offset)) still holds \(size) B: in place",
                                    offset: block.offset, size: block.granted, order: oldOrder))
            return .success(LaneReallocation(block: resized, moved: false))
        }
        var scratch: [LaneEvent] = []
        switch allocate(size: size, alignment: block.alignment, events: &scratch) {
        case .success(let newBlock):
            events += scratch
            _ = deallocate(block, events: &events)
            events.append(LaneEvent(.move, text: "moved \(min(block.requested, size)) B from \(hexString(block.offset)) to \(hexString(newBlock.offset))",
                                    offset: newBlock.offset, size: newBlock.granted, order: newOrder))
            return .success(LaneReallocation(block: newBlock, moved: true))
        case .failure(let failure):
            if newOrder < oldOrder {
                events.append(LaneEvent(.resize, text: "no room for a smaller block: order-\(oldOrder) block at \(hexString(block.offset)) kept in place",
                                        offset: block.offset, size: block.granted, order: oldOrder))
                return .success(LaneReallocation(block: resized, moved: false))
            }
            events += scratch
            return .failure(failure)
        }
    }

    /// Metrics of the lane, with requested bytes taken from the session's handle table
    /// (which stays exact across in-place reallocations).
    public func metrics(requestedBytes: Int) -> FragmentationMetrics {
        var metrics = allocator.metrics
        metrics.requestedBytes = requestedBytes
        return metrics
    }

    /// The first broken invariant, or nil.
    public func invariantViolation() -> String? {
        do { try allocator.checkInvariants(); return nil } catch { return error.description }
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

/// `0x` and the hexadecimal digits of `value`.
func hexString(_ value: Int) -> String {
    value < 0 ? "-0x" + String(-value, radix: 16) : "0x" + String(value, radix: 16)
}
