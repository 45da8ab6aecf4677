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
        let inner = rect.inset(by: 1)
        guard inner.width >= 8, inner.height >= 1 else { return }
        let footer = inner.height >= 4 ? 1 : 0
        let binRows = 1 + model.bins.filter { $0.count > 0 || $0.touched }.count
        let columns = max(1, mapColumns(width: inner.width, capacity: source.capacity))
        let rows = mapRows(height: inner.height, binRows: max(2, binRows), maxRows: (visible.count / 8 + columns - 1) / columns)
        paintMap(model, range: visible, in: GridRect(x: inner.x, y: inner.y, width: inner.width, height: rows), into: &grid)
        let binsRect = GridRect(x: inner.x, y: inner.y + rows, width: inner.width, height: inner.height - rows - footer)
        paintBins(model.bins, in: binsRect, into: &grid)
        if footer == 1 {
            grid.write(details(model, range: visible, cells: rows * mapColumns(width: inner.width, capacity: source.capacity), width: inner.width),
                       x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, clip: inner)
        }
    }

    private static func clampRange(_ r: Range<Int>, to capacity: Int) -> Range<Int> {
        let lo = max(0, min(r.lowerBound, capacity)), hi = max(lo, min(r.upperBound, capacity))
        return lo ..< hi
    }

    private static func labelWidth(width: Int, capacity: Int) -> Int {
        width >= 60 ? max(9, DisplayFormat.hex(capacity).count + 2) : 0
    }
    private static func mapColumns(width: Int, capacity: Int) -> Int { width - labelWidth(width: width, capacity: capacity) }

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

    private static func paintMap(_ model: HeapViewModel, range: Range<Int>, in rect: GridRect, into grid: inout CellGrid) {
        let source = model.source
        let labels = labelWidth(width: rect.width, capacity: source.capacity)
        let columns = rect.width - labels
        guard columns > 0, rect.height > 0, !range.isEmpty else { return }
        let cells = min(rect.height * columns, range.count)
        let span = range.count
        let selected = model.selection.flatMap { source.chunk(at: $0)?.byteRange }
        var pendingLabels: [(cell: Int, text: String)] = []
        var markedRows: Set<Int> = []
        for i in 0 ..< cells {
            let lo = range.lowerBound + DisplayFormat.scale(i, by: span, over: cells)
            let hi = range.lowerBound + DisplayFormat.scale(i + 1, by: span, over: cells)
            var (glyph, role) = mapGlyph(source.bytes(in: lo ..< hi))
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
            // A labelled chunk starting in this cell and wide enough gets its name drawn in it.
            // (The chunk holding the cell's last byte is the last one starting in it; one holding
            // its first byte counts when it starts exactly there.)
            var starting: [HeapChunkInfo] = []
            if let c = source.chunk(at: lo), c.offset == lo { starting.append(c) }
            if hi - 1 > lo, let c = source.chunk(at: hi - 1), c.offset > lo, c.offset < hi { starting.append(c) }
            for chunk in starting where chunk.state == .used {
                guard let label = chunk.label else { continue }
                let chunkCells = DisplayFormat.scale(chunk.size, by: cells, over: span)
                let length = label.unicodeScalars.count
                // Only when the chunk is wide enough and the label stays on this row.
                if chunkCells >= length + 2 && (i + 1) % columns + length <= columns && (i + 1) % columns != 0 {
                    pendingLabels.append((i + 1, label))
                }
            }
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
