/// The heap panel's memory map: cell shading, chunk boundaries, handle names, selection.
extension HeapPanelView {
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

    /// One chunk as the map draws it: its cells (see ``MapGeometry/cells(of:)``), whether it
    /// starts inside the map, and its name.
    struct DrawnChunk {
        var cells: Range<Int>
        var startsInside: Bool
        var used: Bool
        var label: String?
    }

    /// The chunks wide enough to matter on the map, in address order: hops from chunk to chunk
    /// with `chunk(at:)`; a chunk that ends inside the cell it starts in is skipped (its cell
    /// still shows its bytes and, when a used chunk starts there, a header mark). `freeStarts`
    /// are the cells where a free chunk follows another free chunk (only an animation sub-step
    /// shows free chunks before they coalesce): they get an edge mark.
    /// - Complexity: at most two `chunk(at:)` lookups per cell, and one more per free chunk.
    static func drawnChunks(_ source: any HeapMapSource, _ map: MapGeometry) -> (chunks: [DrawnChunk], starts: Set<Int>, freeStarts: Set<Int>) {
        var chunks: [DrawnChunk] = []
        var usedStarts: Set<Int> = []
        var freeStarts: Set<Int> = []
        let end = min(source.capacity, map.range.upperBound)
        var position = map.range.lowerBound
        while position < end {
            guard let chunk = source.chunk(at: position), chunk.size > 0 else {
                position = map.cellStart(map.cell(containing: position) + 1)
                continue
            }
            let startCell = map.cell(containing: chunk.offset)
            let startsInside = chunk.offset >= map.range.lowerBound
            if startsInside && chunk.state == .used { usedStarts.insert(startCell) }
            if startsInside && chunk.state == .free && chunk.offset > 0,
               let previous = source.chunk(at: chunk.offset - 1), previous.state == .free {
                freeStarts.insert(startCell)
            }
            let cells = map.cells(of: chunk.byteRange)
            if !cells.isEmpty { chunks.append(DrawnChunk(cells: cells, startsInside: startsInside, used: chunk.state == .used, label: chunk.label)) }
            let chunkEnd = chunk.offset + chunk.size
            // Next: the chunk starting at this one's end, unless that lies in the same cell as
            // the lookup position (then jump to the next cell).
            position = map.cell(containing: chunkEnd) > map.cell(containing: position)
                ? chunkEnd : map.cellStart(map.cell(containing: position) + 1)
        }
        return (chunks, usedStarts, freeStarts)
    }

    /// The style of the selected chunk's cells: the selection role in reverse video, underlined
    /// (as in the buddy panel), so it differs from a highlight (reverse and bold) and from the
    /// handle names (reverse) on a monochrome terminal too.
    static let selectedStyle = BuddyPanelView.selectedStyle

    /// The rows of a map with `columns` cells a row that a highlight over `cells` marks with
    /// `▶`: every row it covers when it is small (under a quarter of the `total` cells shown),
    /// else only the row where it starts (none when it starts before the map), so a touched
    /// remainder that spans the whole heap does not mark every row.
    static func markedRows(_ cells: Range<Int>, startsInside: Bool, total: Int, columns: Int) -> Range<Int> {
        guard !cells.isEmpty, columns > 0 else { return 0 ..< 0 }
        let first = cells.lowerBound / columns
        if cells.count * 4 < max(1, total) { return first ..< (cells.upperBound - 1) / columns + 1 }
        return startsInside ? first ..< first + 1 : 0 ..< 0
    }

    static func paintMap(_ model: HeapViewModel, _ map: MapGeometry, into grid: inout CellGrid) {
        let source = model.source
        let rect = map.rect, labels = map.labelWidth, columns = map.columns, cells = map.cells
        guard columns > 0, rect.height > 0, cells > 0 else { return }
        let counts = source.bytes(in: map.range, cells: cells)
        let (chunks, usedStarts, freeStarts) = drawnChunks(source, map)
        let selectedChunk = model.selection.flatMap { source.chunk(at: $0) }
        let selected = selectedChunk.map { map.cells(of: $0.byteRange) } ?? 0 ..< 0
        let highlighted = model.highlights.map { map.cells(of: $0.range) }
        func position(_ i: Int) -> (x: Int, y: Int) { (rect.x + labels + i % columns, rect.y + i / columns) }
        var markedRows: Set<Int> = []
        for (highlight, cellRange) in zip(model.highlights, highlighted) {
            markedRows.formUnion(Self.markedRows(cellRange, startsInside: highlight.range.lowerBound >= map.range.lowerBound,
                                                 total: cells, columns: columns))
        }
        for i in 0 ..< cells {
            let bytes = i < counts.count ? counts[i] : HeapRangeBytes(used: 0, free: 0)
            var (glyph, role) = mapGlyph(bytes)
            if usedStarts.contains(i) { (glyph, role) = (Glyphs.header, .header) }
            if freeStarts.contains(i) { glyph = Glyphs.edge }
            var style = CellStyle(role)
            if highlighted.contains(where: { $0.contains(i) }) { style = CellStyle(.highlight, attributes: [.bold]) }
            if selected.contains(i) { style = selectedStyle }
            let (x, y) = position(i)
            grid.put(glyph, x: x, y: y, style: style)
            if labels > 0 && i % columns == 0 {
                grid.write(DisplayFormat.padLeft(DisplayFormat.hex(map.cellStart(i)), labels - 2), x: rect.x, y: y, style: CellStyle(.dim))
            }
        }
        if labels > 0 {
            for row in markedRows {
                grid.put(Glyphs.marker, x: rect.x + labels - 2, y: rect.y + row, style: CellStyle(.highlight, attributes: [.bold]))
            }
            if !selected.isEmpty {
                for row in selected.lowerBound / columns ... (selected.upperBound - 1) / columns {
                    grid.put(BuddyPanelView.selectionMarker, x: rect.x + labels - 1, y: rect.y + row,
                             style: CellStyle(.selected, attributes: [.bold]))
                }
            }
        }
        // Brackets at the selection's ends (where it starts and ends inside the map), when it
        // has a cell between them.
        let bracketed = selected.count >= 3
        let opensInside = bracketed && selectedChunk.map { $0.offset >= map.range.lowerBound } ?? false
        let closesInside = bracketed && selectedChunk.map { $0.offset + $0.size <= map.range.upperBound } ?? false
        for chunk in chunks where chunk.used {
            guard let label = chunk.label else { continue }
            // The selection's brackets take the chunk's first and last cells: the name goes
            // between them, never over one.
            var labelCells = chunk.cells
            var header = chunk.startsInside
            if chunk.cells == selected && closesInside { labelCells = labelCells.lowerBound ..< labelCells.upperBound - 1 }
            if chunk.cells == selected && opensInside {
                labelCells = labelCells.lowerBound + 1 ..< max(labelCells.lowerBound + 1, labelCells.upperBound)
                header = false
            }
            guard let placed = labelPlacement(label, cells: labelCells, header: header, columns: columns) else { continue }
            for (k, scalar) in placed.text.unicodeScalars.enumerated() {
                let (x, y) = position(placed.cell + k)
                var cellValue = grid[x, y]
                cellValue.character = scalar
                cellValue.attributes.insert(.reverse)
                grid[x, y] = cellValue
            }
        }
        if opensInside {
            let (x, y) = position(selected.lowerBound)
            grid.put(BuddyPanelView.selectionOpen, x: x, y: y, style: selectedStyle)
        }
        if closesInside {
            let (x, y) = position(selected.upperBound - 1)
            grid.put(BuddyPanelView.selectionClose, x: x, y: y, style: selectedStyle)
        }
    }

    /// Where a used chunk's name goes: after its header cell, in the first row segment of its
    /// cells that holds the whole name; else over the header cell too when the whole name fits
    /// there (a two-cell chunk holds a two-character name); else cut as ``HandleLabelFit``
    /// says into the longest segment. Nil when nothing fits.
    static func labelPlacement(_ label: String, cells: Range<Int>, header: Bool, columns: Int) -> (cell: Int, text: String)? {
        guard !cells.isEmpty, !label.isEmpty, columns > 0 else { return nil }
        func segments(from first: Int) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var start = first
            while start < cells.upperBound {
                let end = min((start / columns + 1) * columns, cells.upperBound)
                result.append(start ..< end)
                start = end
            }
            return result
        }
        let length = label.unicodeScalars.count
        let afterHeader = segments(from: header ? cells.lowerBound + 1 : cells.lowerBound)
        if let fits = afterHeader.first(where: { $0.count >= length }) { return (fits.lowerBound, label) }
        if header, let first = segments(from: cells.lowerBound).first, first.count >= length { return (first.lowerBound, label) }
        guard let longest = afterHeader.max(by: { $0.count < $1.count }),
              let text = HandleLabelFit.text(label, width: longest.count) else { return nil }
        return (longest.lowerBound, text)
    }
}
