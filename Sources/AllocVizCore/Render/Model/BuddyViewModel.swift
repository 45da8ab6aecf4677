/// Everything the buddy panel draws for one buddy lane.
public struct BuddyViewModel {
    /// The tree, queried lazily per screen cell.
    public var source: any BuddyTreeSource
    /// The root of the subtree shown (zoom). Defaults to the whole tree.
    public var zoomRoot: BuddyNodeID
    /// The selected node, whose details the panel lists (order, offset, size, requested vs granted).
    public var selection: BuddyNodeID?
    /// Nodes touched by the last step, drawn with the highlight role.
    public var highlights: [BuddyHighlight]

    /// Creates a buddy panel model showing the whole tree unless `zoomRoot` is given.
    public init(
        source: any BuddyTreeSource, zoomRoot: BuddyNodeID? = nil, selection: BuddyNodeID? = nil,
        highlights: [BuddyHighlight] = []
    ) {
        self.source = source
        self.zoomRoot = zoomRoot ?? BuddyNodeID(order: source.maxOrder, index: 0)
        self.selection = selection
        self.highlights = highlights
    }
}

/// A buddy node touched by the last step.
public struct BuddyHighlight: Hashable, Sendable {
    /// The node touched.
    public var node: BuddyNodeID
    /// What happened to it.
    public var kind: HighlightKind

    /// Creates a highlight.
    public init(node: BuddyNodeID, kind: HighlightKind) {
        self.node = node
        self.kind = kind
    }
}
