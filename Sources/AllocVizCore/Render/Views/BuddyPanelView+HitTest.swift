/// Mouse selection: which node a screen cell of the panel shows.
extension BuddyPanelView {
    /// The node drawn at screen cell (`x`, `y`) of a panel painted into `rect` (for mouse
    /// selection): in the icicle, the segment's node; in the map, the block (free or allocated)
    /// holding the cell's first byte. Nil elsewhere.
    /// - Complexity: O(orders) source queries.
    public static func node(atX x: Int, y: Int, model: BuddyViewModel, rect: GridRect) -> BuddyNodeID? {
        let model = sanitized(model)
        let source = model.source
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return nil }
        let view = PanelGeometry(model, inner: inner)
        let root = view.root
        let lay = view.layout
        let column = x - inner.x - lay.labelWidth
        let row = y - inner.y
        guard column >= 0, column < lay.cellColumns, row >= 0 else { return nil }
        let icicleRows = (root.order - lay.finestOrder + 1) * lay.rowsPerOrder
        if row < icicleRows {
            let order = root.order - row / lay.rowsPerOrder
            let count = 1 << (root.order - order)
            // Segment j spans columns [j * columns / count, (j + 1) * columns / count).
            let j = min(count - 1, ((column + 1) * count - 1) / lay.cellColumns)
            return BuddyNodeID(order: order, index: (root.index << (root.order - order)) + j)
        }
        let mapRow = row - icicleRows
        guard mapRow < lay.mapRows else { return nil }
        let leafCount = 1 << root.order
        let cells = min(lay.mapRows * lay.cellColumns, leafCount)
        let cell = mapRow * lay.cellColumns + column
        guard cell < cells else { return nil }
        let leaf = (root.index << root.order) + DisplayFormat.scale(cell, by: leafCount, over: cells)
        var node = BuddyNodeID(order: 0, index: leaf)
        while node.order < root.order, [.insideFree, .insideAllocated].contains(source.state(of: node)),
              let parent = node.parent(maxOrder: source.maxOrder)
        {
            node = parent
        }
        return node
    }

    /// The subtree a panel painted into `rect` shows: the zoom root, the auto-focus root, or
    /// the whole tree (the front end keeps the selection inside it).
    /// - Complexity: O(focus targets × orders).
    public static func shownRoot(_ model: BuddyViewModel, rect: GridRect) -> BuddyNodeID {
        let model = sanitized(model)
        return PanelGeometry(model, inner: rect.inset(by: 1)).root
    }
}
