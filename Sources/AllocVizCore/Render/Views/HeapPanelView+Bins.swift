/// The heap panel's bin list: one line per non-empty (or just touched) bin with its chunk-size
/// range, count, bytes, sub-bin digits and a bar; a heading and a legend explain the columns.
extension HeapPanelView {
    /// The chunk sizes a bin holds, exact: `40B` for one size, `9216-9464` (bytes) for a range
    /// under 100000 bytes, above it each end in K or M when it is a whole number of them, else in
    /// bytes (`122K-131064`); empty when unknown. Two ends are never rounded to the same text.
    static func sizeRangeText(_ sizes: ClosedRange<Int>?) -> String {
        guard let sizes else { return "" }
        if sizes.lowerBound == sizes.upperBound {
            let text = exactBytes(sizes.lowerBound)
            return text.last!.isNumber ? text + "B" : text
        }
        if sizes.upperBound < 100_000 { return "\(sizes.lowerBound)-\(sizes.upperBound)" }
        return exactBytes(sizes.lowerBound) + "-" + exactBytes(sizes.upperBound)
    }

    /// `n` in M or K when it is a whole number of them (at least 1K), else in bytes, digits only.
    static func exactBytes(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20)M" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10)K" }
        return "\(n)"
    }

    /// Columns of the size-range column for `bins`: their longest range text, at least `sizes`.
    static func sizeColumnWidth(_ bins: [HeapBinViewModel]) -> Int {
        bins.map { sizeRangeText($0.chunkSizes).unicodeScalars.count }.reduce(5, max)
    }

    /// One bin entry's text (without the marker and the bar).
    static func binText(_ bin: HeapBinViewModel, showSizes: Bool, showSubBins: Bool, sizeWidth: Int) -> String {
        var text = DisplayFormat.padLeft(bin.label, 6)
        if showSizes { text += " " + DisplayFormat.pad(sizeRangeText(bin.chunkSizes), sizeWidth) }
        text += DisplayFormat.padLeft("\(bin.count)", 4) + " " + DisplayFormat.padLeft(DisplayFormat.bytes(bin.bytes), 5)
        if showSubBins {
            text += " "
            for c in bin.subBinCounts.prefix(8) { text += c == 0 ? "·" : (c > 9 ? "+" : "\(c)") }
            text += String(repeating: " ", count: max(0, 8 - bin.subBinCounts.count))
        }
        return text
    }

    /// The heading line over the bin entries (same columns as
    /// ``binText(_:showSizes:showSubBins:sizeWidth:)``): over the sub-bin digits the number `j`
    /// of each digit column (`01234567`, explained by the legend), then over the bar `■ bytes`
    /// when `barWidth` holds it, followed by the sub-bin key when `withKey` (the legend has no
    /// row for it) and it fits.
    static func binHeading(showSizes: Bool, showSubBins: Bool, sizeWidth: Int, barWidth: Int = 0, withKey: Bool = false) -> String {
        var text = DisplayFormat.padLeft("bin", 6)
        if showSizes { text += " " + DisplayFormat.pad("sizes", sizeWidth) }
        text += DisplayFormat.padLeft("n", 4) + " " + DisplayFormat.padLeft("bytes", 5)
        if showSubBins { text += " " + subBinColumns }
        let candidates = (withKey && showSubBins ? barHeadingsWithKey : []) + barHeadings
        if let bar = candidates.first(where: { $0.unicodeScalars.count <= barWidth }) { text += " " + bar }
        return text
    }

    /// The heading over the sub-bin digits: the number `j` of each column.
    static let subBinColumns = "01234567"

    /// Headings over the bars, longest first.
    static let barHeadings = ["■ bytes (of the fullest bin)", "■ bytes"]

    /// Headings over the bars that also explain the sub-bin columns, longest first.
    static let barHeadingsWithKey = ["■ bytes · sub-bin j: aligned to 8<<j (7: 1K+)", "■ bytes · sub-bin j: align 8<<j"]

    /// The legend lines explaining the sub-bin digit columns and the bin labels, each at most
    /// `width` columns: the parts that apply, joined on one line when they fit, in a shorter
    /// form on narrow panels.
    static func binLegend(_ bins: [HeapBinViewModel], width: Int) -> [String] {
        var parts: [(long: String, short: String)] = []
        if bins.contains(where: { !$0.subBinCounts.isEmpty }) {
            parts.append(("sub-bin j: free chunks aligned to 8<<j B (8 16 32 … 512, 7: 1K+)",
                          "sub-bin j: aligned to 8<<j (7: 1K+)"))
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
        let sizeWidth = sizeColumnWidth(shown)
        let textWidth = binHeading(showSizes: showSizes, showSubBins: showSubBins, sizeWidth: sizeWidth).unicodeScalars.count
        var area = rect
        let headingRow = rect.height >= 3 ? rect.y : nil
        if headingRow != nil { area = rect.splitTop(1).1 }
        // The legend takes the bottom rows, leaving at least two for the entries.
        var explained = shown.isEmpty ? bins : shown
        if showSubBins && !explained.contains(where: { !$0.subBinCounts.isEmpty }) {
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
            if let headingRow {
                grid.write(" " + binHeading(showSizes: showSizes, showSubBins: showSubBins, sizeWidth: sizeWidth),
                           x: rect.x, y: headingRow, maxWidth: rect.width, style: CellStyle(.dim))
            }
            grid.write("bins empty", x: area.x + 1, y: area.y, maxWidth: area.width - 1, style: CellStyle(.dim))
            return
        }
        let columnsCount = max(1, min(area.width / (textWidth + 8), (shown.count + area.height - 1) / area.height))
        let columnWidth = area.width / columnsCount
        let barWidth = max(0, columnWidth - textWidth - 3)
        if let headingRow {
            let keyShown = legend.prefix(legendRows).contains { $0.contains("sub-bin") }
            let heading = binHeading(showSizes: showSizes, showSubBins: showSubBins, sizeWidth: sizeWidth, barWidth: barWidth,
                                     withKey: !keyShown)
            for column in 0 ..< columnsCount {
                grid.write(" " + heading, x: rect.x + column * columnWidth, y: headingRow,
                           maxWidth: columnWidth, style: CellStyle(.dim), clip: rect)
            }
        }
        let maxBytes = max(1, shown.map(\.bytes).max() ?? 1)
        let slots = columnsCount * area.height
        let overflow = shown.count > slots
        let visibleCount = overflow ? slots - 1 : shown.count
        for (k, bin) in shown.prefix(visibleCount).enumerated() {
            let x = area.x + (k / area.height) * columnWidth, y = area.y + k % area.height
            let style = bin.touched ? CellStyle(.highlight, attributes: [.bold]) : CellStyle(.normal)
            grid.put(bin.touched ? Glyphs.marker : " ", x: x, y: y, style: style, clip: area)
            var cx = grid.write(binText(bin, showSizes: showSizes, showSubBins: showSubBins, sizeWidth: sizeWidth), x: x + 1, y: y,
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
