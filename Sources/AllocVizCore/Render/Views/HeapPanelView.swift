/// The heap panel: a memory-map strip (several rows; each cell a power-of-two number of bytes,
/// shaded by what its bytes are), the non-empty bins in their own area below the map, and the
/// selected chunk's details.
///
/// Map glyphs: `█` used payload, `░` free, `▌` a used chunk's header (every used chunk starts
/// with one, so neighbours stay apart) or the heap's own words outside every chunk (a
/// prologue, an end sentinel: never free), `×` waste (rounding, padding), `▒`/`▓` a cell under /
/// over half busy. Used chunks of three cells or more carry their handle name.
/// Bins: `▶` marks the bin the last operation touched; sub-bin counts are digits (`·` empty,
/// `+` more than 9).
///
/// The map's height depends only on the panel and the heap's capacity, never on the bins, so
/// chunks stay put while bins come and go (see ``MapGeometry``).
public enum HeapPanelView {
    /// The largest bytes-per-cell the map uses; a region that does not fit at this scale is
    /// shown in part (the window holding the selection), and the title says so.
    public static let maximumBytesPerCell = 1 << 16

    /// Paints the panel (border included) for `model` into `rect` of `grid`.
    /// - Complexity: one bulk source query for the map cells, at most two `chunk(at:)` lookups
    ///   per map cell (chunks narrower than a cell are skipped), plus O(bins).
    public static func paint(
        _ model: HeapViewModel, title: String, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false
    ) {
        let map = mapGeometry(model, in: rect)
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border,
                 title: fullTitle(title, model: model, map: map, boxWidth: rect.width))
        guard let map else { return }
        let inner = rect.inset(by: 1)
        paintMap(model, map, into: &grid)
        paintBins(model.bins, in: map.binsRect, into: &grid)
        if map.footerRows == 1 {
            grid.write(details(model, map: map, width: inner.width),
                       x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, clip: inner)
        }
    }

    /// The title: lane name, implementation, capacity, the range shown when it is not the
    /// whole heap (`zoom 0x0-0x8400`: exactly the drawn rows), and the scale (`· 128B/cell`);
    /// on a narrow panel the implementation, then the scale, then the range are dropped whole.
    static func fullTitle(_ title: String, model: HeapViewModel, map: MapGeometry?, boxWidth: Int) -> String {
        let capacity = model.source.capacity
        var parts = PanelTitle.laneParts(title, implementationPriority: 3)
        parts.append(.init(DisplayFormat.bytes(capacity), priority: 0))
        if let map {
            if map.range != 0 ..< capacity {
                let upper = min(capacity, map.range.upperBound)
                parts.append(.init((map.isPartial ? "part " : "zoom ")
                    + "\(DisplayFormat.hex(map.range.lowerBound))-\(DisplayFormat.hex(upper))", priority: 1))
            }
            parts.append(.init("· " + DisplayFormat.bytes(map.bytesPerCell) + "/cell", priority: 2))
        }
        return PanelTitle.fit(parts, width: PanelTitle.width(inBoxOf: boxWidth))
    }

    /// Where the memory map sits in a panel and how it slices the address range.
    ///
    /// Cell `i` covers `range.lowerBound + i * bytesPerCell` for `bytesPerCell` bytes; each
    /// row starts at a multiple of `bytesPerRow` (so row labels are round hex addresses).
    public struct MapGeometry: Hashable, Sendable {
        /// The map's rows (address labels included).
        public var rect: GridRect
        /// Columns of the address-label gutter (0 on narrow panels): the labels right-aligned,
        /// then the highlight and selection marker columns.
        public var labelWidth: Int
        /// Map cells per row: a multiple of 8 when rows are labelled, else every column.
        public var columns: Int
        /// Bytes per cell: a power of two, at least 8.
        public var bytesPerCell: Int
        /// Cells in use: cell `i` is at column `i % columns`, row `i / columns`.
        public var cells: Int
        /// The address range shown: from a multiple of ``bytesPerRow`` to the end of the last
        /// cell (it may pass the region's end; cells past it stay blank).
        public var range: Range<Int>
        /// `true` when the requested range does not fit at ``HeapPanelView/maximumBytesPerCell``
        /// and only part of it is shown.
        public var isPartial: Bool
        /// The bins' area, below the map (a fixed number of rows for a panel size).
        public var binsRect: GridRect
        /// Footer rows under the bins (the details line).
        public var footerRows: Int

        /// Bytes per map row.
        public var bytesPerRow: Int { columns * bytesPerCell }

        /// The first byte of cell `i`.
        public func cellStart(_ i: Int) -> Int { range.lowerBound + i * bytesPerCell }

        /// The cell holding byte `offset` (may be outside `0 ..< cells`).
        public func cell(containing offset: Int) -> Int {
            let delta = offset - range.lowerBound
            return delta >= 0 ? delta / bytesPerCell : -((-delta + bytesPerCell - 1) / bytesPerCell)
        }

        /// The cells drawn for the byte range of a chunk: from the cell holding its first byte
        /// up to (not including) the cell holding its end, unless it ends exactly on a cell
        /// boundary or inside its first cell. A cell shared by two chunks belongs to the one
        /// that starts in it, so equal chunks get equal widths and selections never spill into
        /// a neighbour's header. Clamped to `0 ..< cells`.
        public func cells(of bytes: Range<Int>) -> Range<Int> {
            guard !bytes.isEmpty else { return 0 ..< 0 }
            let first = cell(containing: bytes.lowerBound)
            let end = max(first + 1, cell(containing: bytes.upperBound))
            let lo = max(0, min(cells, first)), hi = max(lo, min(cells, end))
            return lo ..< hi
        }
    }

    /// The map geometry of a panel painted into `rect` (border included), or nil when the
    /// panel is too small to hold a map.
    ///
    /// The inner area is split top to bottom into the map, the bins (a quarter of the rows, 3
    /// to 8, fixed for a panel height) and the details line; across, the row labels and the
    /// cells take the whole width (see ``rowLayout(width:capacity:)``). The scale is the smallest power of
    /// two of bytes per cell, at least 8 and at least ``HeapViewModel/minimumBytesPerCell``,
    /// at which the requested range fits the map's rows; a map that needs fewer rows gives the
    /// rest to the bins. None of this depends on the bins, so the map never moves as bins
    /// fill and empty.
    public static func mapGeometry(_ model: HeapViewModel, in rect: GridRect) -> MapGeometry? {
        let source = model.source
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return nil }
        let capacity = max(0, source.capacity)
        let requested = clampRange(model.visibleRange ?? 0 ..< capacity, to: capacity)
        let footer = inner.height >= 4 ? 1 : 0
        let body = inner.height - footer
        let binRows = body >= 8 ? min(8, max(3, body / 4)) : (body >= 3 ? 1 : 0)
        let maxRows = max(1, body - binRows)
        let (labels, columns) = rowLayout(width: inner.width, capacity: capacity)

        func rowsNeeded(_ bpc: Int) -> Int {
            let bpr = bpc * columns
            let lo = requested.lowerBound / bpr * bpr
            return max(1, (requested.upperBound - lo + bpr - 1) / bpr)
        }
        var bpc = 8
        while bpc < model.minimumBytesPerCell { bpc *= 2 }
        while rowsNeeded(bpc) > maxRows && bpc < maximumBytesPerCell { bpc *= 2 }
        let bpr = bpc * columns
        var lo = requested.lowerBound / bpr * bpr
        var rows = rowsNeeded(bpc)
        let partial = rows > maxRows
        if partial {
            rows = maxRows
            // Show the window holding the selection, else the range's first part.
            if let selection = model.selection, requested.contains(selection), selection >= lo + rows * bpr {
                let last = (requested.upperBound - 1) / bpr * bpr
                lo = min(max(lo, selection / bpr * bpr - (rows / 2) * bpr), last - (rows - 1) * bpr)
            }
        }
        let end = min(capacity, lo + rows * bpr)
        let cells = max(0, (end - lo + bpc - 1) / bpc)
        let mapRect = GridRect(x: inner.x, y: inner.y, width: inner.width, height: rows)
        let binsRect = GridRect(x: inner.x, y: mapRect.maxY, width: inner.width, height: max(0, body - rows))
        return MapGeometry(
            rect: mapRect, labelWidth: labels, columns: columns, bytesPerCell: bpc, cells: cells,
            range: lo ..< lo + cells * bpc, isPartial: partial, binsRect: binsRect, footerRows: footer)
    }

    /// The first byte of the map cell at screen cell (`x`, `y`) of a panel painted into `rect`
    /// (for mouse selection), or nil when (`x`, `y`) is not a map cell.
    public static func offset(atX x: Int, y: Int, model: HeapViewModel, rect: GridRect) -> Int? {
        guard let map = mapGeometry(model, in: rect) else { return nil }
        let column = x - map.rect.x - map.labelWidth, row = y - map.rect.y
        guard column >= 0, column < map.columns, row >= 0, row < map.rect.height else { return nil }
        let cell = row * map.columns + column
        guard cell < map.cells, map.cellStart(cell) < model.source.capacity else { return nil }
        return map.cellStart(cell)
    }

    static func clampRange(_ r: Range<Int>, to capacity: Int) -> Range<Int> {
        let lo = max(0, min(r.lowerBound, capacity)), hi = max(lo, min(r.upperBound, capacity))
        return lo ..< hi
    }

    /// The label gutter's width and the cells per row of a map `width` columns wide (inside
    /// the border): together they take the whole width.
    ///
    /// A panel at least 56 columns wide labels each row with its start address (the hex
    /// address and two marker columns). Labelled rows are a multiple of 8 cells, so a row is
    /// a multiple of 8 × bytes-per-cell bytes (at least 0x40) and the labels stay round hex
    /// numbers (`0x0 0x180 0x300` at 8 B a cell and 48 cells); the up to 7 columns left over
    /// widen the gutter, so the map ends at the right border. An unlabelled map (a narrower
    /// panel) shows no row addresses, so its rows take every column.
    static func rowLayout(width: Int, capacity: Int) -> (labelWidth: Int, columns: Int) {
        guard width >= 56 else { return (0, max(1, width)) }
        let labels = max(9, DisplayFormat.hex(capacity).count + 2)
        let columns = (width - labels) / 8 * 8
        return (width - columns, columns)
    }

    static func details(_ model: HeapViewModel, map: MapGeometry, width: Int) -> String {
        if let selection = model.selection, let chunk = model.source.chunk(at: selection) {
            var text = "sel @\(DisplayFormat.hex(chunk.offset)) \(chunk.size)B"
            switch chunk.state {
            case .used:
                text += " used"
                if let label = chunk.label { text += " " + label }
                if let requested = chunk.requested { text += " req \(requested)" }
                text += " overhead \(chunk.overhead)"
                if let requested = chunk.requested { text += " waste \(max(0, chunk.size - chunk.overhead - requested))" }
            case .free:
                text += " free"
                if let bin = model.source.bin(ofChunkAt: chunk.offset) { text += " in " + bin }
            }
            return text
        }
        let upper = min(model.source.capacity, map.range.upperBound)
        var text = "map \(DisplayFormat.hex(map.range.lowerBound))-\(DisplayFormat.hex(upper)) cell \(DisplayFormat.bytes(map.bytesPerCell))"
        if width >= 60 { text += "  █ used ░ free ▌ header × waste" }
        return text
    }
}
