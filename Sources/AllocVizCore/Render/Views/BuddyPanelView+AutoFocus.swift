/// Auto-focus: when the last operation touched blocks too fine to draw legibly at the scale
/// of the whole tree (and they still exist: not merged into a larger block since), the panel shows the largest subtree around them in which each of them
/// is drawn block by block at least ``focusColumns`` columns wide (so a one-letter handle
/// name fits between its edge and its fill). When the selection was moved by hand
/// (``BuddyViewModel/focusFollowsSelection``), the selected block takes the touched blocks'
/// place, so the focus moves with the selection.
extension BuddyPanelView {
    /// Columns a touched block needs to count as legible.
    public static let focusColumns = 3

    /// The subtree to show instead of the whole tree, or nil: nil when auto-focus is off, the
    /// panel is zoomed by hand, nothing was touched, or every touched block (or the selection
    /// the focus follows) is legible already.
    /// - Complexity: O(targets × orders).
    static func autoFocusRoot(_ model: BuddyViewModel, inner: GridRect) -> BuddyNodeID? {
        let tree = model.source.root
        guard model.autoFocus, model.zoomRoot == tree, inner.width >= 8, inner.height >= 1 else { return nil }
        func legible(_ node: BuddyNodeID, under root: BuddyNodeID) -> Bool {
            let lay = layout(rootOrder: root.order, width: inner.width, height: inner.height, regionEnd: model.source.regionSize)
            return node.order >= lay.finestOrder && (lay.cellColumns >> (root.order - node.order)) >= focusColumns
        }
        if model.focusFollowsSelection, let selection = model.selection, tree.contains(selection) {
            // The selection is drawn whatever its state (a block inside a larger one shows blank).
            guard !legible(selection, under: tree) else { return nil }
            var focus = selection
            while let parent = focus.parent(maxOrder: tree.order), parent != tree, legible(selection, under: parent) {
                focus = parent
            }
            return focus
        }
        // Only nodes that still exist as blocks or splits: a block merged away leaves nothing to see.
        let fine = model.focusTargets.filter { node in
            guard tree.contains(node), !legible(node, under: tree) else { return false }
            switch (model.focusSource ?? model.source).state(of: node) {
            case .free, .allocated, .split: return true
            case .insideFree, .insideAllocated: return false
            }
        }
        guard var focus = fine.first else { return nil }
        for node in fine.dropFirst() {
            while !focus.contains(node), let parent = focus.parent(maxOrder: tree.order) { focus = parent }
        }
        guard focus != tree else { return nil }
        // Widen while every fine target stays legible (they all share the finest order's test).
        let finest = fine.min { $0.order < $1.order }!
        while let parent = focus.parent(maxOrder: tree.order), parent != tree, legible(finest, under: parent) {
            focus = parent
        }
        return focus
    }
}
