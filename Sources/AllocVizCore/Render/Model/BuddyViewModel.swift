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
    /// Whether the panel, when not zoomed, shows the subtree around ``focusTargets`` that are
    /// too fine to draw legibly at the whole tree's scale (auto-focus).
    public var autoFocus: Bool
    /// The nodes the lane's last operation touched (kept across the steps without allocator
    /// events, such as notes, so the focus holds while a note explains it).
    public var focusTargets: [BuddyNodeID]
    /// The tree whose states decide which ``focusTargets`` still exist, when not ``source``: a
    /// sub-step passes its step's final state, so the focus stays the same for all its sub-steps.
    public var focusSource: (any BuddyTreeSource)?
    /// Whether auto-focus shows the ``selection``'s surroundings instead of the touched blocks
    /// (the user moved the selection by hand: the focus follows it, so it stays on screen).
    public var focusFollowsSelection = false

    /// Creates a buddy panel model showing the whole tree unless `zoomRoot` is given (or
    /// auto-focus picks a subtree around `focusTargets`).
    public init(
        source: any BuddyTreeSource, zoomRoot: BuddyNodeID? = nil, selection: BuddyNodeID? = nil,
        highlights: [BuddyHighlight] = [], autoFocus: Bool = true, focusTargets: [BuddyNodeID] = []
    ) {
        self.source = source
        self.zoomRoot = zoomRoot ?? BuddyNodeID(order: source.maxOrder, index: 0)
        self.selection = selection
        self.highlights = highlights
        self.autoFocus = autoFocus
        self.focusTargets = focusTargets
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
