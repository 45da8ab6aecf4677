/// A width x height grid of ``Cell``s: what the views paint and what the outputs (text,
/// ANSI, asciicast, ncurses) show. Every write is clipped to the grid and to an optional
/// clip rectangle, so views never need bounds checks of their own.
///
/// Text is laid out by display columns (``DisplayWidth``): a wide character takes its cell
/// and the next, a ``Cell/wideContinuation(style:)`` cell that outputs skip. Wide
/// characters stay whole: overwriting either half of one blanks the other half, and one
/// that would be cut by the grid's or the clip's edge is drawn as a space.
public struct CellGrid: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    /// Creates a grid filled with `fill`.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// Creates a grid of `size`.
    public init(size: GridSize, fill: Cell = .blank) {
        self.init(width: size.width, height: size.height, fill: fill)
    }

    /// The grid's size.
    public var size: GridSize { GridSize(width: width, height: height) }
    /// The whole grid as a rectangle.
    public var bounds: GridRect { GridRect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; reading outside the grid gives a blank cell and
    /// writing outside is ignored. Writing over either half of a wide character blanks its
    /// other half.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let index = y * width + x
            if x > 0, cells[index].isWideContinuation, !newValue.isWideContinuation {
                cells[index - 1].character = " "  // the wide character this column belonged to
            }
            if x + 1 < width, cells[index + 1].isWideContinuation {
                cells[index + 1].character = " "  // the second half of the wide character replaced
            }
            cells[index] = newValue
        }
    }

    /// Whether `(x, y)` is inside the grid and `clip`.
    private func isWritable(x: Int, y: Int, clip: GridRect?) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        guard let clip else { return true }
        return x >= clip.x && x < clip.maxX && y >= clip.y && y < clip.maxY
    }

    /// Sets one cell if `(x, y)` is inside the grid and `clip`.
    /// - Complexity: O(1).
    public mutating func put(_ character: Unicode.Scalar, x: Int, y: Int, style: CellStyle = .normal, clip: GridRect? = nil) {
        if let clip, x < clip.x || x >= clip.maxX || y < clip.y || y >= clip.maxY { return }
        self[x, y] = Cell(character, foreground: style.foreground, background: style.background, attributes: style.attributes)
    }

    /// Writes `text` from column `x` on row `y`, each character as its glyph in as many
    /// columns as it takes (``DisplayWidth``), clipped to the grid and to `clip`; a wide
    /// character the edge would cut is drawn as a space. Control characters are drawn as `·`.
    /// Returns the column after the last written character (even when clipped), so runs can
    /// be chained.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .normal, clip: GridRect? = nil) -> Int {
        var column = x
        if text.utf8.allSatisfy({ $0 < 0x80 }) {  // ASCII: one column a scalar
            for scalar in text.unicodeScalars {
                let shown: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0x7f ? "·" : scalar
                put(shown, x: column, y: y, style: style, clip: clip)
                column += 1
            }
            return column
        }
        for character in text {
            guard let glyph = DisplayWidth.glyph(of: character) else { continue }
            guard DisplayWidth.of(scalar: glyph) == 2 else {
                put(glyph, x: column, y: y, style: style, clip: clip)
                column += 1
                continue
            }
            let first = isWritable(x: column, y: y, clip: clip), second = isWritable(x: column + 1, y: y, clip: clip)
            if first && second {
                put(glyph, x: column, y: y, style: style)
                self[column + 1, y] = .wideContinuation(style: style)
            } else if first || second {
                put(" ", x: first ? column : column + 1, y: y, style: style)
            }
            column += 2
        }
        return column
    }

    /// Writes `text` clipped to at most `maxWidth` columns, ending with `…` when cut (between
    /// characters, never inside a wide one).
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, maxWidth: Int, style: CellStyle = .normal, clip: GridRect? = nil
    ) -> Int {
        guard maxWidth > 0 else { return x }
        if DisplayWidth.of(text: text) <= maxWidth { return write(text, x: x, y: y, style: style, clip: clip) }
        let kept = DisplayWidth.prefix(Substring(text), columns: maxWidth - 1)
        return write(kept + "…", x: x, y: y, style: style, clip: clip)
    }

    /// Fills `rect` (clipped) with `cell`; wide characters cut by its left or right edge
    /// are blanked.
    public mutating func fill(_ rect: GridRect, with cell: Cell = .blank) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0 ..< y1 {
            let base = y * width
            if x0 > 0, cells[base + x0].isWideContinuation { cells[base + x0 - 1].character = " " }
            if x1 < width, cells[base + x1].isWideContinuation { cells[base + x1].character = " " }
            for x in x0 ..< x1 { cells[base + x] = cell }
        }
    }

    /// Changes the style of every cell of `rect` (clipped), keeping characters.
    public mutating func restyle(_ rect: GridRect, _ transform: (inout Cell) -> Void) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0 ..< y1 {
            for x in x0 ..< x1 { transform(&cells[y * width + x]) }
        }
    }

    /// Draws a box border around `rect` with `style`, and an optional `title` in the top edge
    /// (`┌─ title ─…┐`). The inside is left untouched.
    public mutating func box(
        _ rect: GridRect, style: BoxStyle = .unicode, role: ColorRole = .border, title: String? = nil,
        titleStyle: CellStyle = CellStyle(.title, attributes: [.bold])
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let s = CellStyle(role)
        for x in rect.x + 1 ..< rect.maxX - 1 {
            put(style.horizontal, x: x, y: rect.y, style: s)
            put(style.horizontal, x: x, y: rect.maxY - 1, style: s)
        }
        for y in rect.y + 1 ..< rect.maxY - 1 {
            put(style.vertical, x: rect.x, y: y, style: s)
            put(style.vertical, x: rect.maxX - 1, y: y, style: s)
        }
        put(style.topLeft, x: rect.x, y: rect.y, style: s)
        put(style.topRight, x: rect.maxX - 1, y: rect.y, style: s)
        put(style.bottomLeft, x: rect.x, y: rect.maxY - 1, style: s)
        put(style.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: s)
        if let title, !title.isEmpty, rect.width >= 6 {
            write(" " + title + " ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, style: titleStyle)
        }
    }

    /// Replaces every box-drawing, block and shade character with an ASCII equivalent, for
    /// terminals without Unicode; a wide character becomes `??`, keeping its two columns.
    public mutating func asciiFallback() {
        for i in cells.indices {
            cells[i].character = cells[i].isWideContinuation ? "?" : GlyphFallback.ascii(cells[i].character)
        }
    }

    /// The characters of row `y` as a string, trailing spaces trimmed; a wide character
    /// appears once (its continuation cell adds nothing), so the text is as many display
    /// columns wide as the cells it covers.
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var end = width
        while end > 0, cells[y * width + end - 1].character == " " { end -= 1 }
        var view = String.UnicodeScalarView()
        for x in 0 ..< end where !cells[y * width + x].isWideContinuation { view.append(cells[y * width + x].character) }
        return String(view)
    }

    /// The grid as text: every row trimmed of trailing spaces, rows joined by `\n`, no final
    /// newline. This is the golden-frame format.
    public var text: String {
        (0 ..< height).map(rowText).joined(separator: "\n")
    }

    /// Parses the golden-frame format back into a grid of `width` x `height` with default styles
    /// (rows padded with spaces; longer rows or extra rows are cut). Each scalar is one cell's
    /// glyph; a wide one is followed by its continuation cell.
    public init(text: String, width: Int, height: Int) {
        self.init(width: width, height: height)
        var y = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard y < height else { break }
            var x = 0
            for scalar in line.unicodeScalars {
                guard x < width else { break }
                if DisplayWidth.of(scalar: scalar) == 2 {
                    guard x + 1 < width else { break }
                    cells[y * width + x].character = scalar
                    cells[y * width + x + 1] = .wideContinuation()
                    x += 2
                } else {
                    cells[y * width + x].character = scalar
                    x += 1
                }
            }
            y += 1
        }
    }

    /// Copies `other` into this grid with its top-left corner at `(x, y)`, clipped.
    public mutating func blit(_ other: CellGrid, x: Int, y: Int) {
        for oy in 0 ..< other.height {
            for ox in 0 ..< other.width { self[x + ox, y + oy] = other.cells[oy * other.width + ox] }
        }
    }
}
