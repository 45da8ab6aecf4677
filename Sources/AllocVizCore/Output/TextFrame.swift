/// Plain-text rendering of a ``CellGrid``: the golden-frame format (rows trimmed of trailing
/// spaces, joined by newlines), optionally with ASCII stand-ins for every non-ASCII glyph.
public enum TextFrame {
    /// The grid's text; with `ascii`, box-drawing, block and shade glyphs become ASCII.
    public static func render(_ grid: CellGrid, ascii: Bool = false) -> String {
        guard ascii else { return grid.text }
        var copy = grid
        copy.asciiFallback()
        return copy.text
    }

    /// Several frames separated by a rule line naming each one (`--frames` output):
    /// `── step 3 ──` then the frame.
    public static func render(frames: [(label: String, grid: CellGrid)], ascii: Bool = false) -> String {
        frames.map { "── \($0.label) ──\n" + render($0.grid, ascii: ascii) }.joined(separator: "\n")
    }
}
