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

    static func paintMap(_ model: HeapViewModel, _ map: MapGeometry, into grid: inout CellGrid) {
        let source = model.source
        let rect = map.rect, labels = map.labelWidth, columns = map.columns, cells = map.cells
        guard columns > 0, rect.height > 0, cells > 0 else { return }
        let counts = source.bytes(in: map.range, cells: cells)
        let (chunks, usedStarts, freeStarts) = drawnChunks(source, map)
        let selected = model.selection.flatMap { source.chunk(at: $0)?.byteRange }.map { map.cells(of: $0) } ?? 0 ..< 0
        let highlighted = model.highlights.map { map.cells(of: $0.range) }
        func position(_ i: Int) -> (x: Int, y: Int) { (rect.x + labels + i % columns, rect.y + i / columns) }
        var markedRows: Set<Int> = []
        for i in 0 ..< cells {
            let bytes = i < counts.count ? counts[i] : HeapRangeBytes(used: 0, free: 0)
            var (glyph, role) = mapGlyph(bytes)
            if usedStarts.contains(i) { (glyph, role) = (Glyphs.header, .header) }
            if freeStarts.contains(i) { glyph = Glyphs.edge }
            if selected.contains(i) { role = .selected }
            if highlighted.contains(where: { $0.contains(i) }) {
                role = .highlight
                markedRows.insert(i / columns)
            }
            let (x, y) = position(i)
            grid.put(glyph, x: x, y: y, style: CellStyle(role, attributes: role == .highlight ? [.bold] : []))
            if labels > 0 && i % columns == 0 {
                grid.write(DisplayFormat.padLeft(DisplayFormat.hex(map.cellStart(i)), labels - 1), x: rect.x, y: y, style: CellStyle(.dim))
            }
        }
        if labels > 0 {
            for row in markedRows {
                grid.put(Glyphs.marker, x: rect.x + labels - 1, y: rect.y + row, style: CellStyle(.highlight, attributes: [.bold]))
            }
        }
        for chunk in chunks where chunk.used {
            guard let label = chunk.label, let placed = labelPlacement(label, cells: chunk.cells, header: chunk.startsInside, columns: columns)
            else { continue }
            for (k, scalar) in placed.text.unicodeScalars.enumerated() {
                let (x, y) = position(placed.cell + k)
                var cellValue = grid[x, y]
                cellValue.character = scalar
                cellValue.attributes.insert(.reverse)
                grid[x, y] = cellValue
            }
        }
    }

    /// Where a used chunk's name goes: after its header cell, in the first row segment of its
    /// cells that holds the whole name, else cut (with `…`) to the longest segment (a
    /// generated `@N` name loses its `@` first). Nil for chunks under three cells.
    static func labelPlacement(_ label: String, cells: Range<Int>, header: Bool, columns: Int) -> (cell: Int, text: String)? {
        guard cells.count >= 3, !label.isEmpty else { return nil }
        let first = header ? cells.lowerBound + 1 : cells.lowerBound
        var segments: [Range<Int>] = []
        var start = first
        while start < cells.upperBound {
            let rowEnd = (start / columns + 1) * columns
            let end = min(rowEnd, cells.upperBound)
            segments.append(start ..< end)
            start = end
        }
        let length = label.unicodeScalars.count
        if let fits = segments.first(where: { $0.count >= length }) { return (fits.lowerBound, label) }
        // A generated name (`@158`) reads better without its `@` than cut.
        if label.hasPrefix("@") && length > 1 {
            return labelPlacement(String(label.dropFirst()), cells: cells, header: header, columns: columns)
        }
        guard let longest = segments.max(by: { $0.count < $1.count }), longest.count >= 1 else { return nil }
        let scalars = label.unicodeScalars
        let text = longest.count == 1
            ? String(String.UnicodeScalarView(scalars.prefix(1)))
            : String(String.UnicodeScalarView(scalars.prefix(longest.count - 1))) + "…"
        return (longest.lowerBound, text)
    }
}
