/// The heap panel: a memory-map strip (several rows; each cell an address range, shaded by
/// what its bytes are), the non-empty bins as bars with their sub-bin occupancy, and the
/// selected chunk's details.
///
/// Map glyphs: `█` used payload, `░` free, `▌` headers, `×` waste (rounding, padding),
/// `▒`/`▓` a cell under / over half busy. Bins: `▶` marks the bin the last operation touched;
/// sub-bin counts are digits (`·` empty, `+` more than 9).
public enum HeapPanelView {
    /// Rows of the memory map for an inner area `height` rows high showing `binRows` bin rows
    /// (heading included): at least a third of the room, more when the bins leave it free, but
    /// never so many that a cell covers less than 8 bytes (`maxRows`).
    public static func mapRows(height: Int, binRows: Int, maxRows: Int = .max) -> Int {
        let footer = height >= 4 ? 1 : 0
        let base = max(1, (height - footer) / 3)
        let wanted = max(base, min(maxRows, height - footer - binRows))
        return max(1, min(height - footer, wanted))
    }

    /// Paints the panel (border included) for `model` into `rect` of `grid`.
    /// - Complexity: two source queries per map cell (`bytes(in:)`, `chunk(at:)`) plus O(bins).
    public static func paint(
        _ model: HeapViewModel, title: String, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false
    ) {
        let source = model.source
        let visible = clampRange(model.visibleRange ?? 0 ..< source.capacity, to: source.capacity)
        var fullTitle = title + " " + DisplayFormat.bytes(source.capacity)
        if visible.count != source.capacity {
            fullTitle += " zoom \(DisplayFormat.hex(visible.lowerBound))-\(DisplayFormat.hex(visible.upperBound))"
        }
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: fullTitle)
        guard let map = mapGeometry(model, in: rect) else { return }
        let inner = rect.inset(by: 1)
        paintMap(model, map, into: &grid)
        let binsRect = GridRect(x: inner.x, y: map.rect.maxY, width: inner.width, height: inner.maxY - map.rect.maxY - map.footerRows)
        paintBins(model.bins, in: binsRect, into: &grid)
        if map.footerRows == 1 {
            grid.write(details(model, range: map.range, cells: map.cells, width: inner.width),
                       x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, clip: inner)
        }
    }

    /// Where the memory map sits in a panel and how it slices the address range.
    public struct MapGeometry: Hashable, Sendable {
        /// The map's rows (address labels included).
        public var rect: GridRect
        /// Columns of the address-label gutter (0 on narrow panels).
        public var labelWidth: Int
        /// Map cells per row.
        public var columns: Int
        /// Cells in use: cell `i` is at column `i % columns`, row `i / columns`.
        public var cells: Int
        /// The address range shown.
        public var range: Range<Int>
        /// Footer rows under the bins (the details line).
        public var footerRows: Int

        /// The first byte of cell `i`: `range.lowerBound + i * range.count / cells`.
        public func cellStart(_ i: Int) -> Int { range.lowerBound + DisplayFormat.scale(i, by: range.count, over: cells) }
    }

    /// The map geometry of a panel painted into `rect` (border included), or nil when the
    /// panel is too small to hold a map.
    public static func mapGeometry(_ model: HeapViewModel, in rect: GridRect) -> MapGeometry? {
        let source = model.source
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return nil }
        let visible = clampRange(model.visibleRange ?? 0 ..< source.capacity, to: source.capacity)
        let footer = inner.height >= 4 ? 1 : 0
        let binRows = 1 + model.bins.filter { $0.count > 0 || $0.touched }.count
        let labels = labelWidth(width: inner.width, capacity: source.capacity)
        let columns = max(1, inner.width - labels)
        let rows = mapRows(height: inner.height, binRows: max(2, binRows), maxRows: (visible.count / 8 + columns - 1) / columns)
        return MapGeometry(
            rect: GridRect(x: inner.x, y: inner.y, width: inner.width, height: rows), labelWidth: labels, columns: columns,
            cells: min(rows * columns, visible.count), range: visible, footerRows: footer)
    }

    /// The first byte of the map cell at screen cell (`x`, `y`) of a panel painted into `rect`
    /// (for mouse selection), or nil when (`x`, `y`) is not a map cell.
    public static func offset(atX x: Int, y: Int, model: HeapViewModel, rect: GridRect) -> Int? {
        guard let map = mapGeometry(model, in: rect) else { return nil }
        let column = x - map.rect.x - map.labelWidth, row = y - map.rect.y
        guard column >= 0, column < map.columns, row >= 0, row < map.rect.height else { return nil }
        let cell = row * map.columns + column
        return cell < map.cells ? map.cellStart(cell) : nil
    }

    private static func clampRange(_ r: Range<Int>, to capacity: Int) -> Range<Int> {
        let lo = max(0, min(r.lowerBound, capacity)), hi = max(lo, min(r.upperBound, capacity))
        return lo ..< hi
    }

    private static func labelWidth(width: Int, capacity: Int) -> Int {
        width >= 60 ? max(9, DisplayFormat.hex(capacity).count + 2) : 0
    }

    /// The glyph and role of a map cell from its byte counts.
    static func mapGlyph(_ b: HeapRangeBytes) -> (Unicode.Scalar, ColorRole) {
        let busy = b.used + b.header + b.waste
        if b.total == 0 { return (" ", .normal) }
        if busy == 0 { return (Glyphs.free, .free) }
        if b.free == 0 {
            if b.used >= b.header && b.used >= b.waste { return (Glyphs.allocated, .allocated) }
            return b.header >= b.waste ? (Glyphs.header, .header) : (Glyphs.waste, .waste)
        }
        return busy * 2 < b.total ? (Glyphs.partialLow, .partial) : (Glyphs.partialHigh, .partial)
    }

    private static func paintMap(_ model: HeapViewModel, _ map: MapGeometry, into grid: inout CellGrid) {
        let source = model.source
        let rect = map.rect, labels = map.labelWidth, columns = map.columns, cells = map.cells, range = map.range
        guard columns > 0, rect.height > 0, !range.isEmpty, cells > 0 else { return }
        let span = range.count
        let selected = model.selection.flatMap { source.chunk(at: $0)?.byteRange }
        var markedRows: Set<Int> = []
        let counts = source.bytes(in: range, cells: cells)
        func cellStart(_ i: Int) -> Int { map.cellStart(i) }
        for i in 0 ..< cells {
            let lo = cellStart(i), hi = cellStart(i + 1)
            var (glyph, role) = mapGlyph(i < counts.count ? counts[i] : HeapRangeBytes(used: 0, free: 0))
            if let s = selected, s.overlaps(lo ..< hi) { role = .selected }
            if model.highlights.contains(where: { $0.range.overlaps(lo ..< hi) }) {
                role = .highlight
                markedRows.insert(i / columns)
            }
            let x = rect.x + labels + i % columns, y = rect.y + i / columns
            grid.put(glyph, x: x, y: y, style: CellStyle(role, attributes: role == .highlight ? [.bold] : []))
            if labels > 0 && i % columns == 0 {
                grid.write(DisplayFormat.padLeft(DisplayFormat.hex(lo), labels - 1), x: rect.x, y: y, style: CellStyle(.dim))
            }
        }
        // Handle names inside chunks wide enough to hold them: hop from chunk to chunk (at most
        // one lookup per cell; chunks narrower than a cell are skipped).
        var pendingLabels: [(cell: Int, text: String)] = []
        var cell = 0
        while cell < cells {
            guard let chunk = source.chunk(at: cellStart(cell)) else { break }
            let firstCell = cell
            // The first cell starting at or after the chunk's end.
            var next = cell + 1
            let end = chunk.offset + chunk.size
            if end > cellStart(next) {
                next = max(next, DisplayFormat.scale(end - range.lowerBound, by: cells, over: span))
                while next < cells && cellStart(next) < end { next += 1 }
            }
            // The cell the chunk starts in: this one, or the previous one when it starts mid-cell.
            let startCell = chunk.offset >= cellStart(firstCell) ? firstCell
                : (firstCell > 0 && chunk.offset >= cellStart(firstCell - 1) ? firstCell - 1 : -1)
            if startCell >= 0, chunk.state == .used, let label = chunk.label {
                let length = label.unicodeScalars.count
                let labelCell = startCell + 1
                if next - startCell >= length + 2 && labelCell % columns != 0 && labelCell % columns + length <= columns {
                    pendingLabels.append((labelCell, label))
                }
            }
            cell = next
        }
        if labels > 0 {
            for row in markedRows {
                grid.put(Glyphs.marker, x: rect.x + labels - 1, y: rect.y + row, style: CellStyle(.highlight, attributes: [.bold]))
            }
        }
        for (cell, text) in pendingLabels {
            for (k, scalar) in text.unicodeScalars.enumerated() where cell + k < cells {
                let c = cell + k
                let x = rect.x + labels + c % columns, y = rect.y + c / columns
                var cellValue = grid[x, y]
                cellValue.character = scalar
                cellValue.attributes.insert(.reverse)
                grid[x, y] = cellValue
            }
        }
    }

    /// One bin entry's text (without the bar), `width` columns.
    static func binText(_ bin: HeapBinViewModel, showSubBins: Bool) -> String {
        var text = DisplayFormat.padLeft(bin.label, 6) + DisplayFormat.padLeft("\(bin.count)", 5) + " "
            + DisplayFormat.padLeft(DisplayFormat.bytes(bin.bytes), 5)
        if showSubBins {
            text += " "
            if bin.subBinCounts.isEmpty {
                text += String(repeating: " ", count: 8)
            } else {
                for c in bin.subBinCounts.prefix(8) { text += c == 0 ? "·" : (c > 9 ? "+" : "\(c)") }
                text += String(repeating: " ", count: max(0, 8 - bin.subBinCounts.count))
            }
        }
        return text
    }

    private static func paintBins(_ bins: [HeapBinViewModel], in rect: GridRect, into grid: inout CellGrid) {
        guard rect.height > 0, rect.width > 0 else { return }
        let shown = bins.filter { $0.count > 0 || $0.touched }
        let showSubBins = bins.contains { !$0.subBinCounts.isEmpty }
        let textWidth = 17 + (showSubBins ? 9 : 0)
        var area = rect
        if rect.height >= 3 {
            let heading = " " + DisplayFormat.padLeft("bin", 6) + DisplayFormat.padLeft("n", 5) + " "
                + DisplayFormat.padLeft("bytes", 5) + (showSubBins ? " sub-bins" : "")
            grid.write(heading, x: rect.x, y: rect.y, maxWidth: rect.width, style: CellStyle(.dim))
            area = rect.splitTop(1).1
        }
        if shown.isEmpty {
            grid.write("bins empty", x: area.x + 1, y: area.y, maxWidth: area.width - 1, style: CellStyle(.dim))
            return
        }
        let columnsCount = max(1, min(area.width / 40, (shown.count + area.height - 1) / area.height))
        let columnWidth = area.width / columnsCount
        let barWidth = max(0, columnWidth - textWidth - 3)
        let maxBytes = max(1, shown.map(\.bytes).max() ?? 1)
        let slots = columnsCount * area.height
        let overflow = shown.count > slots
        let visibleCount = overflow ? slots - 1 : shown.count
        for (k, bin) in shown.prefix(visibleCount).enumerated() {
            let x = area.x + (k / area.height) * columnWidth, y = area.y + k % area.height
            let style = bin.touched ? CellStyle(.highlight, attributes: [.bold]) : CellStyle(.normal)
            grid.put(bin.touched ? Glyphs.marker : " ", x: x, y: y, style: style, clip: area)
            var cx = grid.write(binText(bin, showSubBins: showSubBins), x: x + 1, y: y, style: style, clip: area)
            cx += 1
            if barWidth > 0 {
                let length = bin.bytes == 0 ? 0 : max(1, bin.bytes * barWidth / maxBytes)
                for i in 0 ..< length {
                    grid.put("■", x: cx + i, y: y, style: bin.touched ? style : CellStyle(.bar), clip: area)
                }
            }
        }
        if overflow {
            let k = slots - 1
            let x = area.x + (k / area.height) * columnWidth, y = area.y + k % area.height
            grid.write(" +\(shown.count - visibleCount) more bins", x: x, y: y, style: CellStyle(.dim), clip: area)
        }
    }

    static func details(_ model: HeapViewModel, range: Range<Int>, cells: Int, width: Int) -> String {
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
                if let bin = chunk.bin { text += " in " + bin }
            }
            return text
        }
        let perCell = cells > 0 ? (range.count + cells - 1) / cells : 0
        var text = "map \(DisplayFormat.hex(range.lowerBound))-\(DisplayFormat.hex(range.upperBound)) cell \(DisplayFormat.bytes(perCell))"
        if width >= 60 { text += "  █ used ░ free ▌ header × waste" }
        return text
    }
}
