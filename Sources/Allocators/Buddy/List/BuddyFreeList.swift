/// One order's free list for ``ListBuddyAllocator``: block offsets kept in address order.
///
/// The list type is the workshop's experiment: an `Array` (``ArrayBlockList``) against a
/// doubly linked list of individually allocated nodes (``LinkedBlockList``).
public protocol BuddyFreeList: Sendable {
    /// A short name such as `array` or `linked`.
    static var listName: String { get }
    /// An empty list.
    init()
    /// Number of offsets in the list.
    var count: Int { get }
    /// The lowest offset, if any.
    var lowest: Int? { get }
    /// Removes and returns the lowest offset.
    mutating func removeLowest() -> Int?
    /// Inserts `offset`, keeping address order.
    mutating func insert(_ offset: Int)
    /// Removes `offset` if present; returns whether it was.
    mutating func remove(_ offset: Int) -> Bool
    /// Whether `offset` is in the list.
    func contains(_ offset: Int) -> Bool
    /// All offsets in ascending order.
    var ascendingOffsets: [Int] { get }
}
