/// The help overlay: the keys, in a box centred over the screen.
public enum HelpOverlayView {
    /// Key and description pairs shown by the overlay: every key the visualizer handles.
    public static let keys: [(String, String)] = [
        ("? F1", "this help (any key closes it, q quits)"),
        ("q  Ctrl-C", "quit"),
        ("Esc", "cancel a prompt or a question"),
        ("space  + -", "play / pause, faster / slower"),
        ("Tab  Shift-Tab", "next / previous panel"),
        ("arrows hjkl", "move the selection (log: pick an entry)"),
        ("Enter  Backspace", "zoom in / out (log: show the entry's events)"),
        ("u U  [ ]", "undo / redo: step back / forward"),
        ("Home End g", "first / last step, go to step N"),
        ("PgUp PgDn", "scroll the log"),
        ("a", "allocate: SIZE [NAME] [align=N]"),
        ("f", "free the selected block (or type NAME [again])"),
        ("r", "reallocate: NAME SIZE"),
        ("n", "one random operation"),
        ("s  z", "animation on / off, buddy auto-focus on / off"),
        ("y", "yes, drop the later steps (when asked)"),
        ("mouse", "click selects, wheel scrolls the log"),
        ("unusable", "per order: free space too small for it, tenths"),
        ("▁0% █100%", "sparkline scale: external fragmentation a step"),
    ]

    /// Paints the overlay centred in `area`.
    public static func paint(in area: GridRect, into grid: inout CellGrid) {
        let keyWidth = keys.map { $0.0.unicodeScalars.count }.max()! + 2
        let textWidth = keys.map { $0.1.unicodeScalars.count }.max()!
        let width = min(area.width, keyWidth + textWidth + 4)
        let height = min(area.height, keys.count + 2)
        let box = GridRect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(box)
        grid.box(box, style: .rounded, role: .focusBorder, title: "keys")
        let inner = box.inset(by: 1)
        for (i, (key, text)) in keys.enumerated() where i < inner.height {
            grid.write(key, x: inner.x + 1, y: inner.y + i, style: CellStyle(.title, attributes: [.bold]), clip: inner)
            grid.write(text, x: inner.x + 1 + keyWidth, y: inner.y + i, clip: inner)
        }
    }
}
