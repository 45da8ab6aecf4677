/// The icicle: one row band per order from the shown root down to the finest order drawn
/// block by block, each node as wide as its share of memory.
extension BuddyPanelView {
    /// A style for the selected node: the selection role in reverse video, underlined, so it
    /// differs from a highlight (reverse and bold) on a monochrome terminal too.
    static let selectedStyle = CellStyle(.selected, attributes: [.reverse, .underline])
    /// The bracket glyphs around a selected block wide enough for them.
    static let selectionOpen: Unicode.Scalar = "["
    /// The closing bracket around a selected block.
    static let selectionClose: Unicode.Scalar = "]"
    /// Marks the row (in the label gutter, next to `▶`) that holds the selected node.
    static let selectionMarker: Unicode.Scalar = "▸"

    /// Paints the icicle rows of `view.root`'s subtree and their gutter labels; returns the
    /// first row below them (where the occupancy map starts).
    static func paintIcicle(_ model: BuddyViewModel, view: PanelGeometry, into grid: inout CellGrid) -> Int {
        let source = model.source
        let root = view.root
        let lay = view.layout
        let inner = view.inner
        let highlighted = Set(model.highlights.map(\.node))
        var y = inner.y
        for order in stride(from: root.order, through: lay.finestOrder, by: -1) {
            let count = 1 << (root.order - order)
            let base = root.index << (root.order - order)
            var rowMarked = false
            for j in 0 ..< count {
                let node = BuddyNodeID(order: order, index: base + j)
                let x0 = view.cellsX + j * lay.cellColumns / count
                let x1 = view.cellsX + (j + 1) * lay.cellColumns / count
                let mark = highlighted.contains(node)
                rowMarked = rowMarked || mark
                for r in 0 ..< lay.rowsPerOrder {
                    paintSegment(
                        node: node, source: source, x0: x0, x1: x1, y: y + r,
                        showLabel: r == lay.rowsPerOrder / 2, highlighted: mark, selected: model.selection == node,
                        into: &grid, clip: inner)
                }
            }
            let label = view.wide
                ? DisplayFormat.padLeft(DisplayFormat.bytes(source.minBlockSize << order), lay.labelWidth - 5) + DisplayFormat.padLeft("\(order)", 3)
                : DisplayFormat.padLeft("\(order)", 2)
            grid.write(label, x: inner.x, y: y, style: CellStyle(.dim), clip: inner)
            if rowMarked {
                grid.put(Glyphs.marker, x: inner.x + label.unicodeScalars.count, y: y, style: CellStyle(.highlight, attributes: [.bold]), clip: inner)
            }
            if let selection = model.selection, selection.order == order, root.contains(selection) {
                paintSelectionMarker(view: view, y: y, rows: lay.rowsPerOrder, into: &grid)
            }
            y += lay.rowsPerOrder
        }
        return y
    }

    /// Puts `▸` in the last gutter column of `rows` rows from `y`.
    static func paintSelectionMarker(view: PanelGeometry, y: Int, rows: Int, into grid: inout CellGrid) {
        for r in 0 ..< max(1, rows) {
            grid.put(selectionMarker, x: view.cellsX - 1, y: y + r, style: CellStyle(.selected, attributes: [.bold]), clip: view.inner)
        }
    }

    /// Paints one row of one node's segment, columns `x0 ..< x1`.
    static func paintSegment(
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
        if selected { style = selectedStyle }
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
            paintAllocated(node: node, source: source, x0: x0, x1: x1, y: y, showLabel: showLabel, style: style,
                           plainWaste: !highlighted && !selected, into: &grid, clip: clip)
        }
        if selected && width >= 3 {
            grid.put(selectionOpen, x: x0, y: y, style: style, clip: clip)
            grid.put(selectionClose, x: x1 - 1, y: y, style: style, clip: clip)
        }
    }

    /// Paints an allocated block's row: payload `█`, internal waste `×` at the tail, the edge
    /// and the handle label, whole or cut as ``HandleLabelFit`` says.
    private static func paintAllocated(
        node: BuddyNodeID, source: any BuddyTreeSource, x0: Int, x1: Int, y: Int, showLabel: Bool, style: CellStyle,
        plainWaste: Bool, into grid: inout CellGrid, clip: GridRect
    ) {
        let width = x1 - x0
        let size = node.size(minBlockSize: source.minBlockSize)
        let requested = source.requestedBytes(of: node)
        let wasteCells = requested.map { width * max(0, size - $0) / size } ?? 0
        for x in x0 ..< x1 {
            let isWaste = x >= x1 - wasteCells
            grid.put(isWaste ? Glyphs.waste : Glyphs.allocated, x: x, y: y,
                     style: isWaste && plainWaste ? CellStyle(.waste) : style, clip: clip)
        }
        if width >= 3 { grid.put(Glyphs.edge, x: x0, y: y, style: style, clip: clip) }
        guard showLabel, let label = source.label(of: node) else { return }
        var labelStyle = style
        labelStyle.attributes.insert(.reverse)
        // After the edge on blocks that draw one; a narrow block's label fills it (see ``HandleLabelFit``).
        // A selected block's closing bracket takes its last cell.
        let start = width >= 3 ? x0 + 1 : x0
        let end = width >= 3 && !plainWaste && style == selectedStyle ? x1 - 1 : x1
        if let text = HandleLabelFit.text(label, width: end - start) {
            grid.write(text, x: start, y: y, style: labelStyle, clip: clip)
        }
    }
}
