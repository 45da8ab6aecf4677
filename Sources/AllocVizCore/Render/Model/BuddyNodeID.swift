/// One node of a buddy block tree: the block of order `order` at position `index` among
/// the blocks of that order (so its offset is `index << (log2(minBlockSize) + order)`).
///
/// The root of a tree with `maxOrder` orders is `BuddyNodeID(order: maxOrder, index: 0)`;
/// the children of `(k, i)` are `(k - 1, 2i)` and `(k - 1, 2i + 1)`.
public struct BuddyNodeID: Hashable, Sendable, CustomStringConvertible {
    /// The order: the node covers `minBlockSize << order` bytes.
    public var order: Int
    /// Position among the nodes of this order, from address 0.
    public var index: Int

    /// Creates a node identifier.
    public init(order: Int, index: Int) {
        self.order = order
        self.index = index
    }

    /// The node's size in bytes for a tree whose order-0 blocks are `minBlockSize` bytes.
    public func size(minBlockSize: Int) -> Int { minBlockSize << order }

    /// The node's offset in bytes from the start of the region.
    public func offset(minBlockSize: Int) -> Int { index * (minBlockSize << order) }

    /// The byte range the node covers.
    public func byteRange(minBlockSize: Int) -> Range<Int> {
        let size = minBlockSize << order
        return index * size ..< (index + 1) * size
    }

    /// The parent node (one order up), or `nil` at `maxOrder`.
    public func parent(maxOrder: Int) -> BuddyNodeID? {
        order >= maxOrder ? nil : BuddyNodeID(order: order + 1, index: index >> 1)
    }

    /// The lower (left) child, or `nil` at order 0.
    public var lowerChild: BuddyNodeID? { order == 0 ? nil : BuddyNodeID(order: order - 1, index: index << 1) }

    /// The upper (right) child, or `nil` at order 0.
    public var upperChild: BuddyNodeID? {
        order == 0 ? nil : BuddyNodeID(order: order - 1, index: (index << 1) | 1)
    }

    /// The buddy (sibling) node: same order, index with the lowest bit flipped.
    public var buddy: BuddyNodeID { BuddyNodeID(order: order, index: index ^ 1) }

    /// `true` when `other` is this node or lies inside it.
    public func contains(_ other: BuddyNodeID) -> Bool {
        other.order <= order && (other.index >> (order - other.order)) == index
    }

    /// `"o3#5"`: order and index.
    public var description: String { "o\(order)#\(index)" }
}
