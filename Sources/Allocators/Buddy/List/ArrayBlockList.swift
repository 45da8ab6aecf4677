/// A free list stored in an `Array`, sorted by descending address so the lowest block is the
/// last element (taking it is O(1)); inserting and removing in the middle shift elements.
public struct ArrayBlockList: BuddyFreeList {
    /// `array`.
    public static var listName: String { "array" }

    @usableFromInline var descending: [Int] = []

    /// An empty list.
    public init() {}

    /// Number of offsets.
    @inlinable public var count: Int { descending.count }

    /// The lowest offset. - Complexity: O(1).
    @inlinable public var lowest: Int? { descending.last }

    /// Removes the lowest offset. - Complexity: O(1).
    @inlinable public mutating func removeLowest() -> Int? { descending.popLast() }

    /// Index of the first element `<= offset` (elements are descending).
    @inlinable func position(of offset: Int) -> Int {
        var low = 0
        var high = descending.count
        while low < high {
            let mid = (low &+ high) &>> 1
            if descending[mid] > offset { low = mid &+ 1 } else { high = mid }
        }
        return low
    }

    /// Inserts in order. - Complexity: O(n) (binary search, then a shift).
    @inlinable public mutating func insert(_ offset: Int) {
        descending.insert(offset, at: position(of: offset))
    }

    /// Removes `offset`. - Complexity: O(n) (binary search, then a shift).
    @inlinable public mutating func remove(_ offset: Int) -> Bool {
        let index = position(of: offset)
        guard index < descending.count, descending[index] == offset else { return false }
        descending.remove(at: index)
        return true
    }

    /// Membership. - Complexity: O(log n).
    @inlinable public func contains(_ offset: Int) -> Bool {
        let index = position(of: offset)
        return index < descending.count && descending[index] == offset
    }

    /// All offsets, ascending. - Complexity: O(n).
    public var ascendingOffsets: [Int] { descending.reversed() }
}
