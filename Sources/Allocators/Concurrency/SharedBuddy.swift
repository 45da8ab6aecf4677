import Synchronization

/// One buddy allocator shared by several threads: every operation takes a ``Mutex`` (the
/// Synchronization module's lock) around the wrapped allocator value.
///
/// ```swift
/// let shared = SharedBuddy(BitmapBuddyAllocator(configuration: try BuddyConfiguration(totalSize: 1 << 20)))
/// let offset = try shared.allocate(byteCount: 5000)   // from any thread
/// try shared.deallocate(offset: offset)               // from any other
/// ```
public final class SharedBuddy<Allocator: BuddyAllocator>: Sendable {
    /// The allocator, behind its lock.
    private let allocator: Mutex<Allocator>
    /// The allocator's shape (it never changes).
    public let configuration: BuddyConfiguration

    /// Wraps `allocator` (a value: the shared one is a copy of it from now on).
    public init(_ allocator: Allocator) {
        configuration = allocator.configuration
        self.allocator = Mutex(allocator)
    }

    /// Allocates the smallest block that holds `byteCount` bytes, under the lock; returns its offset.
    /// - Complexity: that of the allocator's allocation, plus one lock.
    public func allocate(byteCount: Int) throws(BuddyError) -> Int {
        try allocator.withLock { (allocator: inout Allocator) throws(BuddyError) -> Int in try allocator.allocate(byteCount: byteCount) }
    }

    /// Allocates a block of `order`, under the lock; returns its offset.
    /// - Complexity: that of the allocator's allocation, plus one lock.
    public func allocate(order: Int) throws(BuddyError) -> Int {
        try allocator.withLock { (allocator: inout Allocator) throws(BuddyError) -> Int in try allocator.allocate(order: order) }
    }

    /// Frees the block of `order` at `offset`, under the lock.
    /// - Complexity: that of the allocator's free, plus one lock.
    public func deallocate(offset: Int, order: Int) throws(BuddyError) {
        try allocator.withLock { (allocator: inout Allocator) throws(BuddyError) in try allocator.deallocate(offset: offset, order: order) }
    }

    /// Frees the live block starting at `offset`, whatever its order, under the lock.
    /// - Complexity: that of the allocator's free, plus one lock.
    public func deallocate(offset: Int) throws(BuddyError) {
        try allocator.withLock { (allocator: inout Allocator) throws(BuddyError) in try allocator.deallocate(offset: offset) }
    }

    /// A copy of the allocator as it is now (taken under the lock), for introspection and
    /// invariant checks.
    /// - Complexity: O(1) (copy-on-write storage).
    public var snapshot: Allocator { allocator.withLock { $0 } }
}
