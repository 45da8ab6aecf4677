/// The heap panel's bin list: one line per non-empty (or just touched) bin with its chunk-size
/// range, count, bytes, sub-bin digits and a bar; a heading and a legend explain the columns.
extension HeapPanelView {
    /// Columns of the size-range column (`62K-63K`, `40B`).
    static let sizeColumnWidth = 9

    /// The chunk sizes a bin holds, short: `40B` for one size, `1216-1240` (bytes) for a range
    /// under 10000 bytes, `62K-63K` above (ends rounded by ``DisplayFormat/bytes(_:)``), empty
    /// when unknown.
    static func sizeRangeText(_ sizes: ClosedRange<Int>?) -> String {
        guard let sizes else { return "" }
        if sizes.lowerBound == sizes.upperBound { return DisplayFormat.bytes(sizes.lowerBound) }
        if sizes.upperBound < 10_000 { return "\(sizes.lowerBound)-\(sizes.upperBound)" }
        return DisplayFormat.bytes(sizes.lowerBound) + "-" + DisplayFormat.bytes(sizes.upperBound)
    }

    /// One bin entry's text (without the marker and the bar).
    static func binText(_ bin: HeapBinViewModel, showSizes: Bool, showSubBins: Bool) -> String {
        var text = DisplayFormat.padLeft(bin.label, 6)
        if showSizes { text += " " + DisplayFormat.pad(sizeRangeText(bin.chunkSizes), sizeColumnWidth) }
        text += DisplayFormat.padLeft("\(bin.count)", 4) + " " + DisplayFormat.padLeft(DisplayFormat.bytes(bin.bytes), 5)
        if showSubBins {
            text += " "
            for c in bin.subBinCounts.prefix(8) { text += c == 0 ? "·" : (c > 9 ? "+" : "\(c)") }
            text += String(repeating: " ", count: max(0, 8 - bin.subBinCounts.count))
        }
        return text
    }

    /// The heading line over the bin entries (same columns as ``binText(_:showSizes:showSubBins:)``);
    /// over the sub-bin digits `sub-bins`, followed by the alignment of each digit column
    /// when `width` allows.
    static func binHeading(showSizes: Bool, showSubBins: Bool, width: Int = 0) -> String {
        var text = DisplayFormat.padLeft("bin", 6)
        if showSizes { text += " " + DisplayFormat.pad("sizes", sizeColumnWidth) }
        text += DisplayFormat.padLeft("n", 4) + " " + DisplayFormat.padLeft("bytes", 5)
        if showSubBins {
            text += " sub-bins"
            let explained = text + " = align " + subBinAlignments
            if explained.unicodeScalars.count <= width { text = explained }
        }
        return text
    }

    /// The content alignment of each sub-bin digit column, in order.
    static let subBinAlignments = "8 16 32 64 128 256 512 1K+"

    /// The legend lines explaining the bin labels and the sub-bin digits, each at most
    /// `width` columns: the parts that apply, joined on one line when they fit, in a shorter
    /// form on narrow panels.
    static func binLegend(_ bins: [HeapBinViewModel], width: Int) -> [String] {
        var parts: [(long: String, short: String)] = []
        if bins.contains(where: { !$0.subBinCounts.isEmpty }) {
            parts.append(("sub-bin digits: free chunks per content alignment " + subBinAlignments,
                          "sub-bins: align 8 16 … 512 1K+"))
        }
        if bins.contains(where: { $0.label.hasPrefix("L") }) {
            parts.append(("La.b: sizes from 2^a·(1+b/32) B", "La.b from 2^a·(1+b/32)"))
        }
        func fits(_ text: String) -> Bool { text.unicodeScalars.count <= width }
        let longs = parts.map(\.long), shorts = parts.map(\.short)
        for candidate in [longs.joined(separator: "; "), shorts.joined(separator: "; ")] where fits(candidate) {
            return candidate.isEmpty ? [] : [candidate]
        }
        return zip(longs, shorts).map { fits($0) ? $0 : $1 }
    }

    static func paintBins(_ bins: [HeapBinViewModel], in rect: GridRect, into grid: inout CellGrid) {
        guard rect.height > 0, rect.width > 0 else { return }
        let shown = bins.filter { $0.count > 0 || $0.touched }
        let showSubBins = bins.contains { !$0.subBinCounts.isEmpty }
        let showSizes = bins.contains { $0.chunkSizes != nil }
        let textWidth = binHeading(showSizes: showSizes, showSubBins: showSubBins).unicodeScalars.count
        var area = rect
        if rect.height >= 3 {
            let heading = binHeading(showSizes: showSizes, showSubBins: showSubBins, width: rect.width - 1)
            grid.write(" " + heading, x: rect.x, y: rect.y,
                       maxWidth: rect.width, style: CellStyle(.dim))
            area = rect.splitTop(1).1
        }
        // The legend takes the bottom rows, leaving at least two for the entries.
        let explainedInHeading = rect.height >= 3
            && binHeading(showSizes: showSizes, showSubBins: showSubBins, width: rect.width - 1).hasSuffix(subBinAlignments)
        var explained = shown.isEmpty ? bins : shown
        if explainedInHeading { explained = explained.map { var bin = $0; bin.subBinCounts = []; return bin } }
        else if showSubBins && !explained.contains(where: { !$0.subBinCounts.isEmpty }) {
            explained.append(HeapBinViewModel(label: "", count: 0, bytes: 0, subBinCounts: [0]))
        }
        let legend = binLegend(explained, width: rect.width - 1)
        let legendRows = min(legend.count, max(0, area.height - 2))
        for (k, line) in legend.prefix(legendRows).enumerated() {
            grid.write(" " + line, x: area.x, y: area.maxY - legendRows + k, maxWidth: area.width, style: CellStyle(.dim))
        }
        area = GridRect(x: area.x, y: area.y, width: area.width, height: area.height - legendRows)
        guard area.height > 0 else { return }
        if shown.isEmpty {
            grid.write("bins empty", x: area.x + 1, y: area.y, maxWidth: area.width - 1, style: CellStyle(.dim))
            return
        }
        let columnsCount = max(1, min(area.width / (textWidth + 8), (shown.count + area.height - 1) / area.height))
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
            var cx = grid.write(binText(bin, showSizes: showSizes, showSubBins: showSubBins), x: x + 1, y: y,
                                maxWidth: columnWidth - 1, style: style, clip: area)
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
}
