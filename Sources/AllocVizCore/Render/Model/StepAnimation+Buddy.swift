import Allocators

/// A buddy region as the blocks that tile it (free and allocated leaves of the tree), which,
/// unlike a list of allocated blocks, can hold the states in the middle of a cascade: two free
/// buddies not merged yet, a block split whose halves are both still free.
public struct BuddyTiling: Sendable, Equatable {
    /// One block of the tiling.
    public struct Leaf: Sendable, Equatable {
        /// Order of the block.
        public var order: Int
        /// Whether it is allocated.
        public var allocated: Bool
        /// Requested bytes of an allocated block, when known.
        public var requested: Int?
        /// Handle name of an allocated block, when known.
        public var label: String?
    }

    /// Size in bytes of an order-0 block.
    public let minBlockSize: Int
    /// The top order.
    public let maxOrder: Int
    /// The leaves by offset.
    public private(set) var leaves: [Int: Leaf]

    /// The tiling of a region whose allocated blocks are `blocks`, every gap split into the
    /// largest aligned free blocks (the buddy invariant: no two free buddies unmerged).
    public init(minBlockSize: Int, maxOrder: Int, blocks: [ArrayBuddyTreeSource.Block]) {
        self.minBlockSize = minBlockSize
        self.maxOrder = maxOrder
        var leaves: [Int: Leaf] = [:]
        func decompose(_ from: Int, _ to: Int) {
            var at = from
            while at < to {
                var order = maxOrder
                while order > 0 {
                    let size = minBlockSize << order
                    if at % size == 0 && at + size <= to { break }
                    order -= 1
                }
                leaves[at] = Leaf(order: order, allocated: false)
                at += minBlockSize << order
            }
        }
        var cursor = 0
        for block in blocks.sorted(by: { $0.offset < $1.offset }) {
            decompose(cursor, block.offset)
            leaves[block.offset] = Leaf(order: block.order, allocated: true, requested: block.requested, label: block.label)
            cursor = block.offset + (minBlockSize << block.order)
        }
        decompose(cursor, minBlockSize << maxOrder)
        self.leaves = leaves
    }

    /// Undoes one buddy event (the tiling must be the state right after it). Returns false,
    /// changing nothing, when the event does not fit the tiling.
    /// - Complexity: O(1).
    public mutating func undo(_ event: BuddyEvent, label: String? = nil) -> Bool {
        switch event {
        case .claimed, .becameFree:
            return true
        case .allocated(let offset, let order, _):
            guard let leaf = leaves[offset], leaf.order == order, leaf.allocated else { return false }
            leaves[offset] = Leaf(order: order, allocated: false)
        case .released(let offset, let order):
            guard let leaf = leaves[offset], leaf.order == order, !leaf.allocated else { return false }
            leaves[offset] = Leaf(order: order, allocated: true, label: label)
        case .split(let offset, let order):
            let upper = offset + (minBlockSize << (order - 1))
            guard order > 0, let lower = leaves[offset], let high = leaves[upper], lower.order == order - 1, high.order == order - 1,
                  !lower.allocated, !high.allocated else { return false }
            leaves[upper] = nil
            leaves[offset] = Leaf(order: order, allocated: false)
        case .merged(let offset, _, let order):
            guard order > 0, let leaf = leaves[offset], leaf.order == order, !leaf.allocated else { return false }
            leaves[offset] = Leaf(order: order - 1, allocated: false)
            leaves[offset + (minBlockSize << (order - 1))] = Leaf(order: order - 1, allocated: false)
        }
        return true
    }

    /// The tiling as a tree source for the buddy panel.
    public var source: TilingBuddyTreeSource { TilingBuddyTreeSource(self) }
}

/// A ``BuddyTreeSource`` drawn from a ``BuddyTiling``: node states from the leaves, byte counts,
/// labels and waste from the allocated leaves.
public struct TilingBuddyTreeSource: BuddyTreeSource, Sendable {
    private let allocated: ArrayBuddyTreeSource
    private let offsets: [Int]
    private let orders: [Int]
    private let allocatedFlags: [Bool]
    private let counts: [Int]

    /// A source showing `tiling`.
    public init(_ tiling: BuddyTiling) {
        let sorted = tiling.leaves.sorted { $0.key < $1.key }
        offsets = sorted.map(\.key)
        orders = sorted.map(\.value.order)
        allocatedFlags = sorted.map(\.value.allocated)
        var counts = [Int](repeating: 0, count: tiling.maxOrder + 1)
        for (_, leaf) in sorted where !leaf.allocated { counts[leaf.order] += 1 }
        self.counts = counts
        allocated = ArrayBuddyTreeSource(
            minBlockSize: tiling.minBlockSize, maxOrder: tiling.maxOrder,
            blocks: sorted.filter(\.value.allocated).map { ArrayBuddyTreeSource.Block(offset: $0.key, order: $0.value.order,
                                                                                   requested: $0.value.requested, label: $0.value.label) })
    }

    /// Size in bytes of an order-0 block.
    public var minBlockSize: Int { allocated.minBlockSize }
    /// The top order.
    public var maxOrder: Int { allocated.maxOrder }

    /// The node's state, from the leaf that holds its first byte.
    /// - Complexity: O(log leaves).
    public func state(of node: BuddyNodeID) -> BuddyNodeState {
        let offset = node.offset(minBlockSize: minBlockSize)
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if offsets[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        let leaf = max(0, lo - 1)
        if orders[leaf] < node.order { return .split }
        if orders[leaf] == node.order && offsets[leaf] == offset { return allocatedFlags[leaf] ? .allocated : .free }
        return allocatedFlags[leaf] ? .insideAllocated : .insideFree
    }

    /// Free, allocated and wasted bytes in `range`.
    /// - Complexity: O(log leaves).
    public func bytes(in range: Range<Int>) -> BuddyRangeBytes { allocated.bytes(in: range) }
    /// Free blocks per order in the tiling.
    public func freeBlockCounts() -> [Int] { counts }
    /// The requested bytes of the allocated leaf at `node`.
    public func requestedBytes(of node: BuddyNodeID) -> Int? { allocated.requestedBytes(of: node) }
    /// The label of the allocated leaf at `node`.
    public func label(of node: BuddyNodeID) -> String? { allocated.label(of: node) }
}

extension StepAnimation {
    /// The buddy tiling of `lane` right after beat `frame` (a move's beat includes the old
    /// block's release, see ``lastEventIndex(frame:lane:)``): the final tiling (from the lane's
    /// allocated `blocks` after the step) with every event after the beat undone. Nil when the
    /// lane has no such beat or an event does not fit (then the final state is drawn).
    public func buddyTiling(frame: Int, lane: Int, minBlockSize: Int, maxOrder: Int,
                            finalBlocks blocks: [ArrayBuddyTreeSource.Block]) -> BuddyTiling? {
        guard let last = lastEventIndex(frame: frame, lane: lane) else { return nil }
        return buddyTiling(undoingFrom: last + 1, lane: lane, minBlockSize: minBlockSize, maxOrder: maxOrder, finalBlocks: blocks)
    }

    /// The buddy tiling of `lane` before the step: the final tiling with all the step's events
    /// undone. Nil when an event does not fit.
    public func buddyTilingBeforeStep(lane: Int, minBlockSize: Int, maxOrder: Int,
                                      finalBlocks blocks: [ArrayBuddyTreeSource.Block]) -> BuddyTiling? {
        guard lane < record.lanes.count else { return nil }
        return buddyTiling(undoingFrom: 0, lane: lane, minBlockSize: minBlockSize, maxOrder: maxOrder, finalBlocks: blocks)
    }

    /// The final tiling with the lane's events from index `first` on undone, newest first.
    private func buddyTiling(undoingFrom first: Int, lane: Int, minBlockSize: Int, maxOrder: Int,
                             finalBlocks blocks: [ArrayBuddyTreeSource.Block]) -> BuddyTiling? {
        var tiling = BuddyTiling(minBlockSize: minBlockSize, maxOrder: maxOrder, blocks: blocks)
        let events = record.lanes[lane].events
        guard first < events.count else { return tiling }
        for event in events[first...].reversed() {
            guard case .buddy(let buddyEvent) = event.source else { continue }
            guard tiling.undo(buddyEvent, label: record.command.handle) else { return nil }
        }
        return tiling
    }
}
