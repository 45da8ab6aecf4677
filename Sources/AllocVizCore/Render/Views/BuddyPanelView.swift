/// The buddy panel: the block tree as an icicle (one row per order, the zoom root on top,
/// each node as wide as its share of memory), an occupancy map for the orders too fine to
/// show block by block, the free counts per order (buddyinfo) and the selected node's details.
///
/// Glyphs: `░` free, `█` allocated (with `×` for its internal waste at the tail, the handle
/// label at its start), `─` split, blank under a larger block, `▏` the left edge of a block
/// wide enough to show one; in the map `░` free, `▒` under half allocated, `▓` half or more,
/// `█` fully allocated. `▶` marks the rows holding nodes touched by the last step.
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
        /// Footer rows (buddyinfo, details).
        public var footerRows: Int
    }

    /// Computes the layout for a zoom root of order `rootOrder` in an inner area of `width` x `height`.
    /// `regionEnd` (the largest offset label) sets the width of the wide label gutter.
    public static func layout(rootOrder: Int, width: Int, height: Int, regionEnd: Int = 1 << 20) -> Layout {
        let footers = height >= 7 ? 2 : (height >= 4 ? 1 : 0)
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

    /// Paints the panel (border included) for `model` into `rect` of `grid`.
    /// - Complexity: O(cells) source queries: one `state(of:)` per visible node (at most one
    ///   per cell per order row) and one `bytes(in:)` per map cell.
    public static func paint(
        _ model: BuddyViewModel, title: String, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false
    ) {
        let model = sanitized(model)
        let source = model.source
        let minBlock = source.minBlockSize
        var fullTitle = title + " " + DisplayFormat.bytes(source.regionSize) + "/" + DisplayFormat.bytes(minBlock)
        if model.zoomRoot != source.root { fullTitle += " zoom \(model.zoomRoot)" }
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: fullTitle)
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return }
        let root = model.zoomRoot
        let lay = layout(rootOrder: root.order, width: inner.width, height: inner.height, regionEnd: source.regionSize)
        let wide = lay.labelWidth >= 10
        let columns = lay.cellColumns
        let highlighted = Dictionary(model.highlights.map { ($0.node, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let rootRange = root.byteRange(minBlockSize: minBlock)

        // Icicle rows.
        var y = inner.y
        for order in stride(from: root.order, through: lay.finestOrder, by: -1) {
            let depth = root.order - order
            let count = 1 << depth
            let base = root.index << depth
            var rowMarked = false
            for j in 0 ..< count {
                let node = BuddyNodeID(order: order, index: base + j)
                let x0 = inner.x + lay.labelWidth + j * columns / count
                let x1 = inner.x + lay.labelWidth + (j + 1) * columns / count
                let mark = highlighted[node] != nil
                rowMarked = rowMarked || mark
                for r in 0 ..< lay.rowsPerOrder {
                    paintSegment(
                        node: node, source: source, x0: x0, x1: x1, y: y + r,
                        showLabel: r == lay.rowsPerOrder / 2, highlighted: mark, selected: model.selection == node,
                        into: &grid, clip: inner)
                }
            }
            // Highlighted nodes finer than this row, when this is the finest row, also mark it.
            let label = wide
                ? DisplayFormat.padLeft(DisplayFormat.bytes(minBlock << order), lay.labelWidth - 5) + DisplayFormat.padLeft("\(order)", 3)
                : DisplayFormat.padLeft("\(order)", 2)
            grid.write(label, x: inner.x, y: y, style: CellStyle(.dim), clip: inner)
            if rowMarked {
                grid.put(Glyphs.marker, x: inner.x + label.unicodeScalars.count, y: y, style: CellStyle(.highlight, attributes: [.bold]), clip: inner)
            }
            y += lay.rowsPerOrder
        }

        // Occupancy map for the finer orders.
        if lay.mapRows > 0 && columns > 0 {
            let leafCount = 1 << root.order
            let cells = min(lay.mapRows * columns, leafCount)
            let fineHighlights = model.highlights.filter { $0.node.order < lay.finestOrder && root.contains($0.node) }
                .map { $0.node.byteRange(minBlockSize: minBlock) }
            let fineSelection = model.selection.flatMap { s -> Range<Int>? in
                s.order < lay.finestOrder && root.contains(s) ? s.byteRange(minBlockSize: minBlock) : nil
            }
            var mapMarked = false
            for i in 0 ..< cells {
                let lo = rootRange.lowerBound + DisplayFormat.scale(i, by: leafCount, over: cells) * minBlock
                let hi = rootRange.lowerBound + DisplayFormat.scale(i + 1, by: leafCount, over: cells) * minBlock
                let bytes = source.bytes(in: lo ..< hi)
                var (glyph, role) = mapGlyph(bytes)
                if let s = fineSelection, s.overlaps(lo ..< hi) { role = .selected }
                if fineHighlights.contains(where: { $0.overlaps(lo ..< hi) }) {
                    role = .highlight
                    mapMarked = true
                }
                let row = i / columns
                grid.put(glyph, x: inner.x + lay.labelWidth + i % columns, y: y + row, style: CellStyle(role), clip: inner)
                if i % columns == 0 && wide {
                    grid.write(DisplayFormat.padLeft(DisplayFormat.hex(lo), lay.labelWidth - 2), x: inner.x, y: y + row, style: CellStyle(.dim), clip: inner)
                }
            }
            if !wide {
                grid.write("map", x: inner.x, y: y, style: CellStyle(.dim), clip: inner)
                if mapMarked { grid.put(Glyphs.marker, x: inner.x + 3, y: y, style: CellStyle(.highlight, attributes: [.bold]), clip: inner) }
            }
            if mapMarked && wide {  // after the offset label
                grid.put(Glyphs.marker, x: inner.x + lay.labelWidth - 2, y: y, style: CellStyle(.highlight, attributes: [.bold]), clip: inner)
            }
        }

        // Footer: buddyinfo, then details.
        let footerY = inner.maxY - lay.footerRows
        if lay.footerRows >= 2 {
            let counts = source.freeBlockCounts()
            var x = grid.write("buddyinfo", x: inner.x, y: footerY, style: CellStyle(.dim), clip: inner)
            for c in counts {
                x = grid.write(" \(c)", x: x, y: footerY, style: CellStyle(c > 0 ? .free : .dim), clip: inner)
            }
            if x > inner.maxX { grid.put("…", x: inner.maxX - 1, y: footerY, style: CellStyle(.dim), clip: inner) }
        }
        if lay.footerRows >= 1 {
            grid.write(details(model), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: CellStyle(.normal), clip: inner)
        }
    }

    /// The node drawn at screen cell (`x`, `y`) of a panel painted into `rect` (for mouse
    /// selection): in the icicle, the segment's node; in the map, the block (free or allocated)
    /// holding the cell's first byte. Nil elsewhere.
    /// - Complexity: O(orders) source queries.
    public static func node(atX x: Int, y: Int, model: BuddyViewModel, rect: GridRect) -> BuddyNodeID? {
        let model = sanitized(model)
        let source = model.source
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return nil }
        let root = model.zoomRoot
        let lay = layout(rootOrder: root.order, width: inner.width, height: inner.height, regionEnd: source.regionSize)
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
        return result
    }

    /// The glyph and role of a map cell from its byte counts.
    static func mapGlyph(_ bytes: BuddyRangeBytes) -> (Unicode.Scalar, ColorRole) {
        if bytes.allocated == 0 { return (Glyphs.free, .free) }
        if bytes.free == 0 { return bytes.wasted * 2 > bytes.total ? (Glyphs.waste, .waste) : (Glyphs.allocated, .allocated) }
        return bytes.allocated * 2 < bytes.total ? (Glyphs.partialLow, .partial) : (Glyphs.partialHigh, .partial)
    }

    private static func paintSegment(
        node: BuddyNodeID, source: any BuddyTreeSource, x0: Int, x1: Int, y: Int, showLabel: Bool,
        highlighted: Bool, selected: Bool, into grid: inout CellGrid, clip: GridRect
    ) {
        let width = x1 - x0
        guard width > 0 else { return }
        let state = source.state(of: node)
        var style: CellStyle
        switch state {
        case .free: style = CellStyle(.free)
        case .allocated: style = CellStyle(.allocated)
        case .split: style = CellStyle(.split)
        case .insideFree, .insideAllocated: style = CellStyle(.normal)
        }
        if highlighted { style = CellStyle(.highlight, attributes: [.bold]) }
        if selected { style = CellStyle(.selected, attributes: [.reverse]) }
        switch state {
        case .insideFree, .insideAllocated:
            if selected || highlighted {
                for x in x0 ..< x1 { grid.put(" ", x: x, y: y, style: style, clip: clip) }
            }
        case .split:
            for x in x0 ..< x1 { grid.put(Glyphs.split, x: x, y: y, style: style, clip: clip) }
        case .free:
            for x in x0 ..< x1 { grid.put(Glyphs.free, x: x, y: y, style: style, clip: clip) }
            if width >= 3 { grid.put(Glyphs.edge, x: x0, y: y, style: style, clip: clip) }
        case .allocated:
            let size = node.size(minBlockSize: source.minBlockSize)
            let requested = source.requestedBytes(of: node)
            let wasteCells = requested.map { width * max(0, size - $0) / size } ?? 0
            for x in x0 ..< x1 {
                let isWaste = x >= x1 - wasteCells
                grid.put(isWaste ? Glyphs.waste : Glyphs.allocated, x: x, y: y,
                         style: isWaste && !highlighted && !selected ? CellStyle(.waste) : style, clip: clip)
            }
            if width >= 3 { grid.put(Glyphs.edge, x: x0, y: y, style: style, clip: clip) }
            if showLabel, let label = source.label(of: node), width >= label.unicodeScalars.count + 2 {
                var labelStyle = style
                labelStyle.attributes.insert(.reverse)
                grid.write(label, x: x0 + 1, y: y, style: labelStyle, clip: clip)
            } else if showLabel, let label = source.label(of: node), width >= 1, width < 3 {
                // Narrow block: its label's first letter stands in for the fill.
                var labelStyle = style
                labelStyle.attributes.insert(.reverse)
                grid.put(label.unicodeScalars.first!, x: x0, y: y, style: labelStyle, clip: clip)
            }
        }
    }

    /// The details line: the selected node, or the view's extent.
    static func details(_ model: BuddyViewModel) -> String {
        let source = model.source
        let minBlock = source.minBlockSize
        guard let node = model.selection else {
            let root = model.zoomRoot
            let range = root.byteRange(minBlockSize: minBlock)
            let leaves = 1 << root.order
            let prefix = root == source.root ? "tree" : "zoom \(root)"
            return "\(prefix) \(DisplayFormat.hex(range.lowerBound))-\(DisplayFormat.hex(range.upperBound)) \(leaves)x\(DisplayFormat.bytes(minBlock))"
        }
        let size = node.size(minBlockSize: minBlock)
        var text = "sel \(node) @\(DisplayFormat.hex(node.offset(minBlockSize: minBlock))) \(DisplayFormat.bytes(size))"
        switch source.state(of: node) {
        case .free: text += " free"
        case .split: text += " split"
        case .insideFree: text += " in free block"
        case .insideAllocated: text += " in allocated block"
        case .allocated:
            text += " allocated"
            if let label = source.label(of: node) { text += " " + label }
            if let requested = source.requestedBytes(of: node) {
                text += " req \(requested) got \(size) waste \(size - requested)"
            }
        }
        return text
    }
}
