/// An event observer that ignores everything.
///
/// Allocator operations take their observer as a generic `inout` parameter, so
/// passing `IgnoreEvents` specialises every `observe` call away: events cost
/// nothing when no one listens (`wantsEvents` is false, so events are not even built).
/// Each allocator family conforms it to its own observer protocol (`BuddyEventObserver`,
/// `HeapEventObserver`), both of the same shape.
public struct IgnoreEvents: Sendable {
    /// Creates the observer.
    @inlinable public init() {}
    /// `false`: nothing is built or delivered.
    @inlinable public static var wantsEvents: Bool { false }
}

/// An event observer that appends every event to an array, for the visualizer and tests.
public struct CollectEvents<Event>: Sendable where Event: Sendable {
    /// The events seen so far, oldest first.
    public var events: [Event] = []
    /// Creates an empty collector.
    @inlinable public init() {}
}
