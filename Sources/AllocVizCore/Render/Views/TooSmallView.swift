/// The "terminal too small" screen: current and needed size, centred, and how to quit.
public enum TooSmallView {
    /// Paints the message into the whole of `grid`.
    public static func paint(into grid: inout CellGrid, size: GridSize, needed: GridSize) {
        let lines = [
            "terminal too small: \(size.width) x \(size.height)",
            "need \(needed.width) x \(needed.height)",
            "resize the window, or press q to quit",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let n = line.unicodeScalars.count
            let x = max(0, (size.width - n) / 2)
            grid.write(line, x: x, y: top + i, maxWidth: size.width - x,
                       style: i == 0 ? CellStyle(.warning, attributes: [.bold]) : .normal)
        }
    }
}
