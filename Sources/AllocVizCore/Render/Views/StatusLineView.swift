/// The status line: mode, step n of m, a message, and key hints (or the prompt being typed).
public enum StatusLineView {
    /// Key hints, most important first; the line keeps as many whole hints as fit.
    public static let hints = [
        "?:help", "q:quit", "space:play", "a:alloc", "f:free", "r:realloc", "n:random", "u/U:undo/redo",
        "tab:panel", "enter/bksp:zoom", "+/-:speed",
    ]

    /// The mode's label: `MANUAL`, `PLAYING x2`, `PAUSED`, `END`.
    public static func modeLabel(_ mode: StatusViewModel.Mode) -> String {
        switch mode {
        case .manual: return "MANUAL"
        case .playing(let speed): return "PLAYING " + DisplayFormat.speed(speed)
        case .paused: return "PAUSED"
        case .finished: return "END"
        }
    }

    /// The rows a prompt's error needs above the status line, `width` columns wide: none when
    /// it fits beside the prompt, else the error (`✗ …`) wrapped so it is read whole. The frame
    /// keeps these rows free of panels (``FrameView``), so the error never covers a border.
    public static func errorLinesAbove(_ status: StatusViewModel, width: Int) -> [String] {
        guard let prompt = status.prompt, let error = status.message, width > 2 else { return [] }
        let text = "✗ " + error
        let position = status.stepCount.map { " step \(status.step)/\($0)" } ?? " step \(status.step)"
        let promptEnd = DisplayWidth.of(text: " " + modeLabel(status.mode) + " " + position + "  " + prompt) + 1
        if promptEnd + 2 + DisplayWidth.of(text: text) <= width { return [] }
        return LogView.wrap(text, width: width - 2, indent: 2).map { " " + $0 }
    }

    /// Paints the line into row `y` of `grid`, `width` columns from column `x`.
    public static func paint(_ status: StatusViewModel, x: Int, y: Int, width: Int, into grid: inout CellGrid) {
        let rect = GridRect(x: x, y: y, width: width, height: 1)
        let bar = CellStyle(.status, attributes: [.reverse])
        grid.fill(rect, with: Cell(" ", foreground: .status, attributes: [.reverse]))
        var cx = grid.write(" " + modeLabel(status.mode) + " ", x: x, y: y, style: CellStyle(.status, attributes: [.reverse, .bold]), clip: rect)
        let position = status.stepCount.map { " step \(status.step)/\($0)" } ?? " step \(status.step)"
        cx = grid.write(position, x: cx, y: y, style: bar, clip: rect)
        if let prompt = status.prompt {
            // The prompt text, then its one cursor; an error goes beside it when it fits,
            // else on the row above the status line, so it is always read whole.
            cx = grid.write("  " + prompt, x: cx, y: y, style: CellStyle(.status, attributes: [.reverse, .bold]), clip: rect)
            grid.put("▏", x: cx, y: y, style: bar, clip: rect)
            cx += 1
            if let error = status.message {
                let text = "✗ " + error
                let style = CellStyle(.warning, attributes: [.reverse, .bold])
                let above = errorLinesAbove(status, width: width)
                if above.isEmpty {
                    grid.write(text, x: cx + 2, y: y, style: style, clip: rect)
                }
                // Otherwise on the rows above the status line, which the frame keeps free for it.
                for (i, line) in above.enumerated() where y - above.count + i >= 0 {
                    let row = GridRect(x: x, y: y - above.count + i, width: width, height: 1)
                    grid.fill(row, with: Cell(" ", foreground: .warning, attributes: [.reverse]))
                    grid.write(line, x: x, y: row.y, maxWidth: width, style: style, clip: row)
                }
            }
            return
        }
        if let message = status.message {
            cx = grid.write("  " + message, x: cx, y: y, maxWidth: max(0, rect.maxX - cx - 1),
                            style: CellStyle(.warning, attributes: [.reverse, .bold]), clip: rect)
        }
        // Hints, right-aligned, as many whole ones as fit (none in headless frames).
        guard status.showsKeyHints else { return }
        var text = ""
        for hint in hints {
            let candidate = text.isEmpty ? hint : text + " " + hint
            if cx + 2 + DisplayWidth.of(text: candidate) + 1 > rect.maxX { break }
            text = candidate
        }
        if !text.isEmpty {
            grid.write(text, x: rect.maxX - 1 - DisplayWidth.of(text: text), y: y, style: bar, clip: rect)
        }
    }
}
