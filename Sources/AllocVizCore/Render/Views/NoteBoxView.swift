/// A script's note: wrapped text in a rounded box that takes the place of the log panel
/// while the note is shown (growing upwards over the lanes when the text needs more rows), so
/// the trees, maps and stats the note talks about stay visible. The text wraps by display
/// columns, so wide characters (CJK, emoji) take their two columns inside the border.
public enum NoteBoxView {
    /// Paints `note` over `panel` (the log panel's rectangle), growing up to `limitTop` rows
    /// from the top of the screen when the text needs it.
    public static func paint(_ note: String, over panel: GridRect, limitTop: Int, into grid: inout CellGrid) {
        guard panel.width >= 10, panel.height >= 3 else { return }
        let lines = DisplayWidth.wrap(note, width: panel.width - 4)
        let height = min(panel.maxY - limitTop, max(panel.height, lines.count + 2))
        let box = GridRect(x: panel.x, y: panel.maxY - height, width: panel.width, height: height)
        grid.fill(box)
        grid.box(box, style: .rounded, role: .title, title: "note")
        let inner = box.inset(by: 1)
        for (i, line) in lines.enumerated() where i < inner.height {
            grid.write(line, x: inner.x + 1, y: inner.y + i, style: CellStyle(.title), clip: inner)
        }
        if lines.count > inner.height {
            grid.put("…", x: inner.maxX - 1, y: inner.maxY - 1, style: CellStyle(.title), clip: inner)
        }
    }
}
