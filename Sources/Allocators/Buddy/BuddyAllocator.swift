/// A binary buddy allocator over an abstract region of `configuration.totalSize` bytes.
///
/// Every implementation follows the same placement policy, so they can be checked against each
/// other: a request of order `k` takes a free block of the smallest order `k' >= k` that has
/// one and, among those, the one at the lowest address; splitting keeps the lower half and
/// frees the upper half at each level. Freeing merges with the buddy (`offset ^ blockSize`)
/// while the buddy is free, order by order.
///
/// Conforming types are values: copying one gives an independent allocator (copy-on-write
/// storage), which is how a session snapshots state for undo.
public protocol BuddyAllocator: Sendable {
    /// A short name for tables and the command line, e.g. `bitmap`.
    static var implementationName: String { get }

    /// Creates an allocator whose whole region is one free block of the top order.
    init(configuration: BuddyConfiguration)

    /// The region's shape.
    var configuration: BuddyConfiguration { get }

    /// Allocates a block of `order` for `requestedBytes` (`1...blockSize(order)`), reporting
    /// events to `observer`, and returns its byte offset.
    /// - Throws: ``BuddyError/orderOutOfRange(order:maxOrder:)``,
    ///   ``BuddyError/invalidByteCount(bytes:blockSize:)``, ``BuddyError/outOfMemory(order:)``;
    ///   the allocator is unchanged then.
    mutating func allocate<Observer: BuddyEventObserver>(
        order: Int, requestedBytes: Int, observer: inout Observer
    ) throws(BuddyError) -> Int

    /// Frees the allocated block of `order` at `offset`, merging with free buddies, reporting
    /// events to `observer`.
    /// - Throws: ``BuddyError`` when no block of that order is allocated at that offset;
    ///   the allocator is unchanged then.
    mutating func deallocate<Observer: BuddyEventObserver>(
        offset: Int, order: Int, observer: inout Observer
    ) throws(BuddyError)

    /// Number of free blocks of `order` (one column of /proc/buddyinfo); 0 outside `0...maxOrder`.
    func freeBlockCount(order: Int) -> Int

    /// The state of the node `index` (`0..<blockCount(order)`) of `order`.
    /// - Precondition: `order` is in `0...configuration.maxOrder` and `index` in
    ///   `0..<configuration.blockCount(order: order)` (`1 << (maxOrder - order)`); any other
    ///   node traps (`order 9 out of range`, `index 1 out of range`) instead of returning a state.
    func nodeState(order: Int, index: Int) -> BuddyNodeState

    /// Free and allocated bytes inside `range` (clamped to the region).
    func occupancy(in range: Range<Int>) -> BuddyOccupancy

    /// Every free block as `(offset, order)`, in address order.
    var freeBlocks: [(offset: Int, order: Int)] { get }

    /// Every live block, in address order.
    var liveBlocks: [BuddyBlock] { get }

    /// The live block starting at `offset`, if any.
    func liveBlock(at offset: Int) -> BuddyBlock?

    /// Number of live blocks.
    var liveBlockCount: Int { get }

    /// Sum of requested bytes over live blocks.
    var requestedBytes: Int { get }

    /// Sum of granted bytes over live blocks.
    var grantedBytes: Int { get }

    /// Checks every structural invariant: free blocks never overlap, no two free buddies left
    /// unmerged, free and allocated blocks tile the region, counts and totals agree, and any
    /// implementation-specific indexes agree with each other.
    /// - Throws: the first violation found.
    func checkInvariants() throws(BuddyInvariantViolation)
}
