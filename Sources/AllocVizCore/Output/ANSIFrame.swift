/// ANSI escape rendering of a ``CellGrid``: cursor home, clear, each row positioned with
/// `ESC[row;1H`, SGR only where the style changes, trailing default blanks skipped.
public enum ANSIFrame {
    /// The escape sequence introducer.
    static let esc = "\u{1B}["

    /// The frame as a self-contained escape string that clears the screen and draws `grid`,
    /// ending with the attributes reset.
    public static func render(_ grid: CellGrid, palette: ANSIPalette = .color) -> String {
        var out = esc + "0m" + esc + "H" + esc + "2J"
        for y in 0 ..< grid.height {
            // Skip trailing cells that look like the cleared screen.
            var end = grid.width
            while end > 0, isBlank(grid[end - 1, y], palette: palette) { end -= 1 }
            guard end > 0 else { continue }
            out += esc + "\(y + 1);1H"
            var current: [Int] = []
            var text = String.UnicodeScalarView()
            for x in 0 ..< end {
                let cell = grid[x, y]
                let parameters = palette.parameters(cell)
                if parameters != current {
                    if !text.isEmpty {
                        out += String(text)
                        text.removeAll(keepingCapacity: true)
                    }
                    out += esc + (["0"] + parameters.map(String.init)).joined(separator: ";") + "m"
                    current = parameters
                }
                text.append(cell.character)
            }
            out += String(text)
            if !current.isEmpty { out += esc + "0m" }
        }
        return out
    }

    private static func isBlank(_ cell: Cell, palette: ANSIPalette) -> Bool {
        cell.character == " " && palette.parameters(cell).isEmpty
    }
}
