/// The buddy panel: the block tree as an icicle (one row per order, the zoom root on top,
/// each node as wide as its share of memory), an occupancy map for the orders too fine to
/// show block by block, the free counts per order (buddyinfo) and the selected node's details.
///
/// Glyphs: `░` free, `█` allocated (with `×` for its internal waste at the tail, the handle
/// label at its start), `─` split, blank under a larger block, `▏` the left edge of a block
/// wide enough to show one; in the map `░` free, `▒` under half allocated, `▓` half or more,
/// `█` fully allocated. `▶` marks the rows holding nodes touched by the last step; `▸` marks
/// the row of the selected node, which is drawn between brackets (`[░░]`) in reverse video.
///
/// When the last operation touched blocks too fine to draw legibly and the panel is not
/// zoomed, the panel shows the subtree around them instead (auto-focus, said in the title).
public enum BuddyPanelView {
    /// The rows a panel of inner size `width` x `height` devotes to each part.
    public struct Layout: Hashable, Sendable {
        /// Columns of the label gutter on the left.
        public var labelWidth: Int
        /// Columns of tree cells.
        public var cellColumns: Int
        /// The finest order drawn block by block.
        public var finestOrder: Int
        /// Rows per order in the icicle.
        public var rowsPerOrder: Int
        /// Rows of the occupancy map.
        public var mapRows: Int
        /// Footer rows (buddyinfo, unusable index, details; the details line first when rows are few).
        public var footerRows: Int
    }

    /// Computes the layout for a zoom root of order `rootOrder` in an inner area of `width` x `height`.
    /// `regionEnd` (the largest offset label) sets the width of the wide label gutter.
    public static func layout(rootOrder: Int, width: Int, height: Int, regionEnd: Int = 1 << 20) -> Layout {
        let footers = height >= 10 ? 3 : (height >= 7 ? 2 : (height >= 4 ? 1 : 0))
        let labelWidth = width >= 60 ? max(10, DisplayFormat.hex(regionEnd).count + 2) : 4
        let columns = max(0, width - labelWidth)
        var depth = 0  // orders below the root that still give every node a cell
        while depth < rootOrder, (2 << depth) <= columns { depth += 1 }
        var finest = rootOrder - depth
        let treeRows = max(0, height - footers)
        // Map rows needed to give every leaf of the view its own cell.
        func mapNeed(_ finestOrder: Int) -> Int {
            finestOrder > 0 && columns > 0 ? ((1 << rootOrder) + columns - 1) / columns : 0
        }
        var minMap = min(mapNeed(finest), max(1, treeRows / 4))
        var orders = depth + 1
        if orders > treeRows - minMap {
            minMap = max(1, treeRows / 4)
            orders = max(1, treeRows - minMap)
            finest = rootOrder - orders + 1
        }
        // Taller order rows when there is room, after the map has up to half the rows it wants.
        let mapWant = finest > 0 ? min(mapNeed(finest), max(minMap, treeRows / 2)) : 0
        let perOrder = max(1, min(4, (treeRows - mapWant) / max(1, orders)))
        let mapRows = min(mapNeed(finest), max(0, treeRows - orders * perOrder))
        return Layout(
            labelWidth: labelWidth, cellColumns: columns, finestOrder: finest, rowsPerOrder: perOrder,
            mapRows: mapRows, footerRows: footers)
    }

    /// Paints the panel (border included) for `model` into `rect` of `grid`: the icicle, the
    /// occupancy map for the orders too fine for it, and the footer.
    /// - Complexity: O(cells) source queries: one `state(of:)` per visible node (at most one
    ///   per cell per order row) and one `bytes(in:)` per map cell.
    public static func paint(
        _ model: BuddyViewModel, title: String, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false
    ) {
        let model = sanitized(model)
        let inner = rect.inset(by: 1)
        let view = PanelGeometry(model, inner: inner)
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: fullTitle(title, model: model, view: view))
        guard inner.width >= 8, inner.height >= 1 else { return }
        let mapY = paintIcicle(model, view: view, into: &grid)
        paintOccupancyMap(model, view: view, top: mapY, into: &grid)
        paintFooter(model, view: view, into: &grid)
    }

    /// What one paint of the panel works from: the inner area, the subtree shown and its layout.
    struct PanelGeometry {
        /// The area inside the border.
        var inner: GridRect
        /// The subtree shown: the zoom root, or the auto-focus root, or the whole tree.
        var root: BuddyNodeID
        /// Whether `root` was chosen by auto-focus.
        var autoFocused: Bool
        /// The rows and columns of each part.
        var layout: Layout

        /// Whether the label gutter is wide (byte sizes and offsets, not only orders).
        var wide: Bool { layout.labelWidth >= 10 }
        /// The screen column of the first tree cell.
        var cellsX: Int { inner.x + layout.labelWidth }

        /// The geometry of a sanitized `model` painted inside `inner`.
        init(_ model: BuddyViewModel, inner: GridRect) {
            self.inner = inner
            let focusRoot = BuddyPanelView.autoFocusRoot(model, inner: inner)
            root = focusRoot ?? model.zoomRoot
            autoFocused = focusRoot != nil
            layout = BuddyPanelView.layout(rootOrder: root.order, width: inner.width, height: inner.height, regionEnd: model.source.regionSize)
        }
    }

    /// The title: lane name, implementation, region and minimum block sizes, and the zoom or
    /// focus shown; on a narrow panel `(auto)`, then the implementation, then the zoom or focus
    /// are dropped whole (never cut inside a number).
    static func fullTitle(_ title: String, model: BuddyViewModel, view: PanelGeometry) -> String {
        let source = model.source
        var parts = PanelTitle.laneParts(title, implementationPriority: 3)
        parts.append(.init(DisplayFormat.bytes(source.regionSize) + "/" + DisplayFormat.bytes(source.minBlockSize), priority: 0))
        if view.autoFocused {
            parts.append(.init("focus " + rangeText(view.root, minBlockSize: source.minBlockSize), priority: 2))
            parts.append(.init("(auto)", priority: 4))
        } else if model.zoomRoot != source.root {
            parts.append(.init("zoom \(model.zoomRoot)", priority: 2))
        }
        return PanelTitle.fit(parts, width: PanelTitle.width(inBoxOf: view.inner.width + 2))
    }

    /// `0x0-0x4000`: the byte range of `node`.
    static func rangeText(_ node: BuddyNodeID, minBlockSize: Int) -> String {
        let range = node.byteRange(minBlockSize: minBlockSize)
        return DisplayFormat.hex(range.lowerBound) + "-" + DisplayFormat.hex(range.upperBound)
    }

    /// `model` with a zoom root, selection and highlights that lie inside the tree (others are
    /// dropped: the whole tree shown, no selection), so a stale model never queries a source
    /// outside its tree.
    static func sanitized(_ model: BuddyViewModel) -> BuddyViewModel {
        let maxOrder = model.source.maxOrder
        func valid(_ node: BuddyNodeID) -> Bool {
            node.order >= 0 && node.order <= maxOrder && node.index >= 0 && node.index < (1 << (maxOrder - node.order))
        }
        var result = model
        if !valid(result.zoomRoot) { result.zoomRoot = model.source.root }
        if let s = result.selection, !valid(s) { result.selection = nil }
        result.highlights = result.highlights.filter { valid($0.node) }
        result.focusTargets = result.focusTargets.filter(valid)
        return result
    }
}
