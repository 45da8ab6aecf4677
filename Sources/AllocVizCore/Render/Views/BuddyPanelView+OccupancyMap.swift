/// The occupancy map: the orders too fine for the icicle, as address-ordered cells of equal
/// byte counts (`░` free, `▒` under half allocated, `▓` half or more, `█` full).
extension BuddyPanelView {
    /// Paints the map rows of the layout from row `top`.
    static func paintOccupancyMap(_ model: BuddyViewModel, view: PanelGeometry, top y: Int, into grid: inout CellGrid) {
        let lay = view.layout
        let columns = lay.cellColumns
        guard lay.mapRows > 0 && columns > 0 else { return }
        let source = model.source
        let minBlock = source.minBlockSize
        let root = view.root
        let inner = view.inner
        let rootStart = root.byteRange(minBlockSize: minBlock).lowerBound
        let leafCount = 1 << root.order
        let cells = min(lay.mapRows * columns, leafCount)
        let fineHighlights = model.highlights.filter { $0.node.order < lay.finestOrder && root.contains($0.node) }
            .map { $0.node.byteRange(minBlockSize: minBlock) }
        let fineSelection = model.selection.flatMap { s -> Range<Int>? in
            s.order < lay.finestOrder && root.contains(s) ? s.byteRange(minBlockSize: minBlock) : nil
        }
        var mapMarked = false
        var selectedCells: [Int] = []
        for i in 0 ..< cells {
            let lo = rootStart + DisplayFormat.scale(i, by: leafCount, over: cells) * minBlock
            let hi = rootStart + DisplayFormat.scale(i + 1, by: leafCount, over: cells) * minBlock
            let (glyph, role) = mapGlyph(source.bytes(in: lo ..< hi))
            var style = CellStyle(role)
            if fineHighlights.contains(where: { $0.overlaps(lo ..< hi) }) {
                style = CellStyle(.highlight)
                mapMarked = true
            }
            if let s = fineSelection, s.overlaps(lo ..< hi) {
                style = selectedStyle
                selectedCells.append(i)
            }
            let row = i / columns
            grid.put(glyph, x: view.cellsX + i % columns, y: y + row, style: style, clip: inner)
            if i % columns == 0 && view.wide {
                grid.write(DisplayFormat.padLeft(DisplayFormat.hex(lo), lay.labelWidth - 2), x: inner.x, y: y + row, style: CellStyle(.dim), clip: inner)
            }
        }
        if !view.wide {
            grid.write("map", x: inner.x, y: y, style: CellStyle(.dim), clip: inner)
        }
        if mapMarked {  // after the offset label, or after "map"
            grid.put(Glyphs.marker, x: inner.x + (view.wide ? lay.labelWidth - 2 : 3), y: y, style: CellStyle(.highlight, attributes: [.bold]), clip: inner)
        }
        paintMapSelection(selectedCells, view: view, top: y, into: &grid)
    }

    /// Brackets the selected run of map cells when it is at least three cells long (on its
    /// first and last rows), and marks its first row with `▸`.
    private static func paintMapSelection(_ cells: [Int], view: PanelGeometry, top y: Int, into grid: inout CellGrid) {
        guard let first = cells.first, let last = cells.last else { return }
        let columns = view.layout.cellColumns
        paintSelectionMarker(view: view, y: y + first / columns, rows: 1, into: &grid)
        guard last - first >= 2 else { return }
        grid.put(selectionOpen, x: view.cellsX + first % columns, y: y + first / columns, style: selectedStyle, clip: view.inner)
        grid.put(selectionClose, x: view.cellsX + last % columns, y: y + last / columns, style: selectedStyle, clip: view.inner)
    }

    /// The glyph and role of a map cell from its byte counts.
    static func mapGlyph(_ bytes: BuddyRangeBytes) -> (Unicode.Scalar, ColorRole) {
        if bytes.allocated == 0 { return (Glyphs.free, .free) }
        if bytes.free == 0 { return bytes.wasted * 2 > bytes.total ? (Glyphs.waste, .waste) : (Glyphs.allocated, .allocated) }
        return bytes.allocated * 2 < bytes.total ? (Glyphs.partialLow, .partial) : (Glyphs.partialHigh, .partial)
    }
}
