/// ANSI escape rendering of a ``CellGrid``: cursor home, clear, each row positioned with
/// `ESC[row;1H`, SGR only where the style changes, trailing default blanks skipped; or, over a
/// previous frame, only the rows that changed. A wide character is sent once; the terminal
/// gives it the two columns its cell and continuation cell take.
public enum ANSIFrame {
    /// The escape sequence introducer.
    static let esc = "\u{1B}["

    /// The frame as a self-contained escape string that clears the screen and draws `grid`,
    /// ending with the attributes reset.
    public static func render(_ grid: CellGrid, palette: ANSIPalette = .color) -> String {
        var out = esc + "0m" + esc + "H" + esc + "2J"
        for y in 0 ..< grid.height { appendRow(y, of: grid, palette: palette, clearFirst: false, to: &out) }
        return out
    }

    /// The escape string that turns a screen showing `previous` into `grid`: only the rows that
    /// differ are cleared (`ESC[2K`) and redrawn. Falls back to a full ``render(_:palette:)``
    /// when the sizes differ.
    public static func render(_ grid: CellGrid, over previous: CellGrid, palette: ANSIPalette = .color) -> String {
        guard previous.size == grid.size else { return render(grid, palette: palette) }
        var out = ""
        for y in 0 ..< grid.height where !rowsEqual(y, grid, previous) {
            appendRow(y, of: grid, palette: palette, clearFirst: true, to: &out)
        }
        return out
    }

    private static func rowsEqual(_ y: Int, _ a: CellGrid, _ b: CellGrid) -> Bool {
        for x in 0 ..< a.width where a[x, y] != b[x, y] { return false }
        return true
    }

    /// Appends the escapes drawing row `y`: cursor to its start, optionally a line erase, then
    /// the cells with SGR changes only where the style changes; trailing default blanks skipped.
    private static func appendRow(_ y: Int, of grid: CellGrid, palette: ANSIPalette, clearFirst: Bool, to out: inout String) {
        var end = grid.width
        while end > 0, isBlank(grid[end - 1, y], palette: palette) { end -= 1 }
        guard end > 0 || clearFirst else { return }
        out += esc + "\(y + 1);1H"
        if clearFirst { out += esc + "0m" + esc + "2K" }
        var current: [Int] = []
        var text = String.UnicodeScalarView()
        for x in 0 ..< end {
            let cell = grid[x, y]
            if cell.isWideContinuation { continue }  // the wide character before it covers this column
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

    private static func isBlank(_ cell: Cell, palette: ANSIPalette) -> Bool {
        cell.character == " " && palette.parameters(cell).isEmpty
    }
}
