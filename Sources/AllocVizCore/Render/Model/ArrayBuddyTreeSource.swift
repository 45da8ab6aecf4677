import Allocators

/// A ``BuddyTreeSource`` built from the list of allocated blocks alone: with the buddy
/// invariant (no two free buddies left unmerged) the free blocks follow from them — a node is
/// free when it holds no allocated byte and its parent does.
///
/// Queries are binary searches over the sorted blocks plus prefix sums, so one query costs
/// O(log blocks) whatever the tree size. Useful for tests, for small lanes, and for any
/// allocator that can list its live blocks.
public struct ArrayBuddyTreeSource: BuddyTreeSource, Sendable {
    /// One allocated block.
    public struct Block: Hashable, Sendable {
        /// Byte offset (a multiple of the block's size).
        public var offset: Int
        /// Order of the block.
        public var order: Int
        /// Requested bytes, when known (the rest of the block is internal waste).
        public var requested: Int?
        /// Short label (handle name), when there is one.
        public var label: String?

        /// Creates a block.
        public init(offset: Int, order: Int, requested: Int? = nil, label: String? = nil) {
            self.offset = offset
            self.order = order
            self.requested = requested
            self.label = label
        }
    }

    /// Size in bytes of an order-0 block.
    public let minBlockSize: Int
    /// The top order (the whole region).
    public let maxOrder: Int
    /// The allocated blocks, sorted by offset.
    public let blocks: [Block]
    private let starts: [Int]
    private let ends: [Int]
    /// `allocatedPrefix[i]` = bytes of blocks[0..<i]; same for waste.
    private let allocatedPrefix: [Int]
    private let wastePrefix: [Int]
    private let freeCounts: [Int]

    /// Creates a source for a tree of `minBlockSize << maxOrder` bytes whose allocated blocks are
    /// `blocks` (any order; they must not overlap and must be aligned to their size).
    public init(minBlockSize: Int, maxOrder: Int, blocks: [Block]) {
        self.minBlockSize = minBlockSize
        self.maxOrder = maxOrder
        let sorted = blocks.sorted { $0.offset < $1.offset }
        self.blocks = sorted
        starts = sorted.map(\.offset)
        ends = sorted.map { $0.offset + (minBlockSize << $0.order) }
        var allocated = [0], waste = [0]
        allocated.reserveCapacity(sorted.count + 1)
        waste.reserveCapacity(sorted.count + 1)
        for block in sorted {
            let size = minBlockSize << block.order
            allocated.append(allocated.last! + size)
            waste.append(waste.last! + (block.requested.map { max(0, size - $0) } ?? 0))
        }
        allocatedPrefix = allocated
        wastePrefix = waste
        // Free blocks: greedy aligned decomposition of every gap between allocated blocks.
        var counts = [Int](repeating: 0, count: maxOrder + 1)
        var cursor = 0
        let region = minBlockSize << maxOrder
        func decompose(_ from: Int, _ to: Int) {
            var at = from
            while at < to {
                var order = maxOrder
                while order > 0 {
                    let size = minBlockSize << order
                    if at % size == 0 && at + size <= to { break }
                    order -= 1
                }
                counts[order] += 1
                at += minBlockSize << order
            }
        }
        for (start, end) in zip(starts, ends) {
            decompose(cursor, start)
            cursor = end
        }
        decompose(cursor, region)
        freeCounts = counts
    }

    /// Index of the first block whose end is after `offset` (blocks are disjoint and sorted,
    /// so ends are sorted too).
    private func firstBlock(endingAfter offset: Int) -> Int {
        var lo = 0, hi = ends.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ends[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the first block starting at or after `offset`.
    private func firstBlock(startingAtOrAfter offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func holdsAllocated(_ range: Range<Int>) -> Bool {
        let i = firstBlock(endingAfter: range.lowerBound)
        return i < starts.count && starts[i] < range.upperBound
    }

    /// The node's state, from the blocks around its range.
    /// - Complexity: O(log blocks).
    public func state(of node: BuddyNodeID) -> BuddyNodeState {
        let range = node.byteRange(minBlockSize: minBlockSize)
        let i = firstBlock(endingAfter: range.lowerBound)
        if i < starts.count && starts[i] < range.upperBound {
            if starts[i] <= range.lowerBound && ends[i] >= range.upperBound {
                return blocks[i].order == node.order ? .allocated : .insideAllocated
            }
            return .split
        }
        guard let parent = node.parent(maxOrder: maxOrder) else { return .free }
        return holdsAllocated(parent.byteRange(minBlockSize: minBlockSize)) ? .free : .insideFree
    }

    /// Free, allocated and wasted bytes in `range` (waste at the tail of each block).
    /// - Complexity: O(log blocks).
    public func bytes(in range: Range<Int>) -> BuddyRangeBytes {
        let lo = max(0, range.lowerBound), hi = min(regionSize, range.upperBound)
        guard lo < hi else { return BuddyRangeBytes(free: 0, allocated: 0) }
        let first = firstBlock(endingAfter: lo)
        let last = firstBlock(startingAtOrAfter: hi)  // blocks[first..<last] overlap the range
        guard first < last else { return BuddyRangeBytes(free: hi - lo, allocated: 0) }
        var allocated = allocatedPrefix[last] - allocatedPrefix[first]
        var wasted = wastePrefix[last] - wastePrefix[first]
        // Clip the two edge blocks.
        for i in (first == last - 1 ? [first] : [first, last - 1]) {
            let s = starts[i], e = ends[i]
            let clippedStart = max(s, lo), clippedEnd = min(e, hi)
            allocated -= (e - s) - (clippedEnd - clippedStart)
            if let requested = blocks[i].requested {
                let wasteStart = s + min(requested, e - s)
                let fullWaste = e - wasteStart
                let clippedWaste = max(0, clippedEnd - max(wasteStart, clippedStart))
                wasted -= fullWaste - clippedWaste
            }
        }
        return BuddyRangeBytes(free: (hi - lo) - allocated, allocated: allocated, wasted: wasted)
    }

    /// Free block counts per order, computed once at creation.
    /// - Complexity: O(1).
    public func freeBlockCounts() -> [Int] { freeCounts }

    private func block(exactly node: BuddyNodeID) -> Block? {
        let offset = node.offset(minBlockSize: minBlockSize)
        let i = firstBlock(startingAtOrAfter: offset)
        guard i < blocks.count, blocks[i].offset == offset, blocks[i].order == node.order else { return nil }
        return blocks[i]
    }

    /// The requested bytes of the allocated block exactly at `node`.
    /// - Complexity: O(log blocks).
    public func requestedBytes(of node: BuddyNodeID) -> Int? { block(exactly: node)?.requested }
    /// The label of the allocated block exactly at `node`.
    /// - Complexity: O(log blocks).
    public func label(of node: BuddyNodeID) -> String? { block(exactly: node)?.label }
}
