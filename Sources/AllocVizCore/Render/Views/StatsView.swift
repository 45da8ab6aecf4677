/// The stats panel: for every lane, used / free / largest free / external and internal
/// fragmentation (and more as width allows), a sparkline of external fragmentation over the
/// past steps (one glyph per step, newest right, with its scale `▁0% █100%` at the row's end),
/// and for buddy lanes the buddyinfo row when there is room. While a step's sub-step is drawn
/// the figures are those before the step, and the title reads `stats · before step N`.
public enum StatsView {
    /// The sparkline's scale, written at the right end of its row: the lowest glyph is 0% external
    /// fragmentation, the highest 100%.
    public static let sparklineScale = "▁0% █100%"

    /// The fields of a lane, most important first.
    static func fields(_ stats: LaneStatsViewModel) -> [(String, ColorRole)] {
        [
            ("used \(DisplayFormat.bytes(stats.used))/\(DisplayFormat.bytes(stats.capacity))", .normal),
            ("free \(DisplayFormat.bytes(stats.free))", .normal),
            ("largest \(DisplayFormat.bytes(stats.largestFree))", .normal),
            ("ext \(DisplayFormat.percent(stats.externalFragmentation))", .normal),
            ("int \(DisplayFormat.bytes(stats.internalFragmentation))", .normal),
            ("req \(DisplayFormat.bytes(stats.requested))", .normal),
            ("live \(stats.liveBlocks)", .normal),
            ("holes \(stats.freeBlocks)", .normal),
            ("failed \(stats.failedRequests)", stats.failedRequests > 0 ? .warning : .normal),
        ]
    }

    /// Paints the panel (border included) into `rect`.
    public static func paint(_ lanes: [LaneViewModel], in rect: GridRect, into grid: inout CellGrid, focused: Bool = false) {
        // During a sub-step the figures are the state before the step: the title says so.
        let title = lanes.lazy.compactMap(\.stats.beforeStep).first.map { "stats · before step \($0)" } ?? "stats"
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: title)
        let inner = rect.inset(by: 1)
        guard !lanes.isEmpty, inner.width > 4, inner.height > 0 else { return }
        let rowsPerLane = max(1, inner.height / lanes.count)
        for (n, lane) in lanes.enumerated() {
            let top = inner.y + n * rowsPerLane
            let area = GridRect(x: inner.x, y: top, width: inner.width, height: min(rowsPerLane, inner.maxY - top))
            guard area.height > 0 else { break }
            paintLane(lane, in: area, into: &grid)
        }
    }

    private static func paintLane(_ lane: LaneViewModel, in area: GridRect, into grid: inout CellGrid) {
        let stats = lane.stats
        let nameWidth = min(12, max(lane.name.unicodeScalars.count, 5)) + 1
        grid.write(lane.name, x: area.x, y: area.y, maxWidth: nameWidth - 1, style: CellStyle(.title, attributes: [.bold]), clip: area)
        // Sparkline and buddyinfo take a row each when there is room beyond the first field row.
        let extras = (area.height >= 2 && !stats.externalFragmentationHistory.isEmpty ? 1 : 0)
            + (area.height >= 4 && stats.buddyInfo != nil ? 1 : 0)
        let fieldRows = max(1, area.height - extras)
        // Flow the fields into the field rows.
        var row = 0
        var x = area.x + nameWidth
        for (text, role) in fields(stats) {
            let n = text.unicodeScalars.count
            if x > area.x + nameWidth && x + n > area.maxX {
                if row + 1 >= fieldRows { break }
                row += 1
                x = area.x + nameWidth
            }
            if x + n > area.maxX { break }
            grid.write(text, x: x, y: area.y + row, style: CellStyle(role), clip: area)
            x += n + 2
        }
        var y = area.y + row + 1
        if area.height >= 2 && !stats.externalFragmentationHistory.isEmpty {
            let label = "ext"
            grid.write(label, x: area.x + nameWidth - 4, y: y, style: CellStyle(.dim), clip: area)
            var width = area.maxX - (area.x + nameWidth)
            let scale = sparklineScale
            if width >= 2 * scale.unicodeScalars.count {
                width -= scale.unicodeScalars.count + 1
                grid.write(scale, x: area.maxX - scale.unicodeScalars.count, y: y, style: CellStyle(.dim), clip: area)
            }
            grid.write(Sparkline.text(stats.externalFragmentationHistory, width: width), x: area.x + nameWidth, y: y,
                       style: CellStyle(.bar), clip: area)
            y += 1
        }
        if area.height >= 4, let info = stats.buddyInfo {
            grid.write("info", x: area.x + nameWidth - 5, y: y, style: CellStyle(.dim), clip: area)
            let text = info.map(String.init).joined(separator: " ")
            grid.write(text, x: area.x + nameWidth, y: y, maxWidth: area.maxX - area.x - nameWidth, clip: area)
        }
    }
}
