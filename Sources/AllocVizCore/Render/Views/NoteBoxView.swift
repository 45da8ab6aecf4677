/// A script's note: wrapped text in a rounded box at the bottom centre of an area.
public enum NoteBoxView {
    /// Paints `note` at the bottom of `area`, at most 72 columns wide.
    public static func paint(_ note: String, in area: GridRect, into grid: inout CellGrid) {
        let width = min(area.width - 2, 72)
        guard width >= 10, area.height >= 3 else { return }
        let lines = DisplayFormat.wrap(note, width: width - 4)
        let height = min(area.height, lines.count + 2)
        let box = GridRect(x: area.x + (area.width - width) / 2, y: area.maxY - height, width: width, height: height)
        grid.fill(box)
        grid.box(box, style: .rounded, role: .title, title: "note")
        let inner = box.inset(by: 1)
        for (i, line) in lines.enumerated() where i < inner.height {
            grid.write(line, x: inner.x + 1, y: inner.y + i, style: CellStyle(.title), clip: inner)
        }
    }
}
