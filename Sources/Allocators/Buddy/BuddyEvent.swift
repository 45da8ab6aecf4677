/// One step inside a buddy operation, for the log and the animation.
///
/// An allocation reports `.claimed` (the free block taken), one `.split` per level it
/// descends, then `.allocated`. A deallocation reports `.released`, one `.merged` per buddy
/// it absorbs, then `.becameFree` with the final free block.
public enum BuddyEvent: Hashable, Sendable, CustomStringConvertible {
    /// The free block of `order` at `offset` was taken off the free set to satisfy a request.
    case claimed(offset: Int, order: Int)
    /// The block of `order` at `offset` was split: its lower half (same offset, `order - 1`)
    /// goes on, its upper half becomes a free block of `order - 1`.
    case split(offset: Int, order: Int)
    /// The block of `order` at `offset` was handed out for `requestedBytes`.
    case allocated(offset: Int, order: Int, requestedBytes: Int)
    /// The allocated block of `order` at `offset` was given back.
    case released(offset: Int, order: Int)
    /// A free block merged with its free buddy at `buddyOffset` into the block of `order`
    /// (the result) at `offset`.
    case merged(offset: Int, buddyOffset: Int, order: Int)
    /// The block of `order` at `offset` is now free (the end of a deallocation).
    case becameFree(offset: Int, order: Int)

    /// A log line such as `split order 5 at 0x20000`.
    public var description: String {
        switch self {
        case .claimed(let offset, let order): "claimed free order-\(order) block at \(hexLiteral(offset))"
        case .split(let offset, let order): "split order \(order) -> \(order - 1) at \(hexLiteral(offset))"
        case .allocated(let offset, let order, let bytes):
            "allocated order-\(order) block at \(hexLiteral(offset)) for \(bytes) B"
        case .released(let offset, let order): "released order-\(order) block at \(hexLiteral(offset))"
        case .merged(let offset, let buddy, let order):
            "merged with buddy at \(hexLiteral(buddy)) into order \(order) at \(hexLiteral(offset))"
        case .becameFree(let offset, let order): "free order-\(order) block at \(hexLiteral(offset))"
        }
    }
}

/// Receives ``BuddyEvent``s from buddy operations (the same shape as ``HeapEventObserver``).
///
/// Operations take the observer as a generic `inout` parameter and report through
/// ``emit(_:)``: with ``IgnoreEvents`` (`wantsEvents` false) the events are not even built,
/// and every call specialises to nothing. `wantsEvents` (default `true`) comes from
/// ``EventObserver``, shared with ``HeapEventObserver``: one type can conform to both.
public protocol BuddyEventObserver: EventObserver {
    /// Called for every event, in order.
    mutating func observe(_ event: BuddyEvent)
}

extension BuddyEventObserver {
    /// Builds and delivers an event only when the observer wants events.
    @inlinable @inline(__always)
    public mutating func emit(_ event: @autoclosure () -> BuddyEvent) {
        if Self.wantsEvents { observe(event()) }
    }
}

extension IgnoreEvents: BuddyEventObserver {
    /// Does nothing.
    @inlinable @inline(__always) public mutating func observe(_ event: BuddyEvent) {}
}

extension CollectEvents: BuddyEventObserver where Event == BuddyEvent {
    /// Appends the event.
    @inlinable public mutating func observe(_ event: BuddyEvent) { events.append(event) }
}
