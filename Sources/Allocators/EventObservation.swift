/// What the event observers of every allocator family share: whether the observer wants
/// events at all, declared once with one default (`true`).
///
/// ``HeapEventObserver`` and ``BuddyEventObserver`` refine it, so one type can observe both
/// kinds of events with two `observe` methods and nothing else. `wantsEvents` is a static
/// requirement read through the observer's generic parameter: after specialisation it is a
/// constant, and with ``IgnoreEvents`` (false) the events are not even built.
public protocol EventObserver {
    /// Whether this observer wants events at all. When `false` (``IgnoreEvents``) the
    /// allocators do not build the event values, so the observer costs nothing after
    /// specialisation.
    static var wantsEvents: Bool { get }
}

extension EventObserver {
    /// Observers want events unless they say otherwise.
    @inlinable public static var wantsEvents: Bool { true }
}

/// An event observer that ignores everything.
///
/// Allocator operations take their observer as a generic `inout` parameter, so
/// passing `IgnoreEvents` specialises every `observe` call away: events cost
/// nothing when no one listens (`wantsEvents` is false, so events are not even built).
/// Each allocator family conforms it to its own observer protocol (`BuddyEventObserver`,
/// `HeapEventObserver`), both refinements of ``EventObserver``.
public struct IgnoreEvents: EventObserver, Sendable {
    /// Creates the observer.
    @inlinable public init() {}
    /// `false`: nothing is built or delivered.
    @inlinable public static var wantsEvents: Bool { false }
}

/// An event observer that appends every event to an array, for the visualizer and tests.
/// It is an ``EventObserver`` for any `Event` (wanting events), and a heap or buddy observer
/// when `Event` is ``HeapEvent`` or ``BuddyEvent``.
public struct CollectEvents<Event>: EventObserver, Sendable where Event: Sendable {
    /// The events seen so far, oldest first.
    public var events: [Event] = []
    /// Creates an empty collector.
    @inlinable public init() {}
}
