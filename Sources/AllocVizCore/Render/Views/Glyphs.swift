/// The glyphs the views draw. Each memory state has its own glyph as well as its own colour
/// role, so plain text frames and monochrome terminals still tell states apart.
public enum Glyphs {
    /// A free block or free bytes.
    public static let free: Unicode.Scalar = "░"
    /// An allocated block, used payload.
    public static let allocated: Unicode.Scalar = "█"
    /// Internal waste (granted, not requested) and alignment padding.
    public static let waste: Unicode.Scalar = "×"
    /// A split buddy node.
    public static let split: Unicode.Scalar = "─"
    /// A chunk header / boundary tag.
    public static let header: Unicode.Scalar = "▌"
    /// An aggregate cell less than half allocated.
    public static let partialLow: Unicode.Scalar = "▒"
    /// An aggregate cell at least half (but not fully) allocated.
    public static let partialHigh: Unicode.Scalar = "▓"
    /// The left edge of a block segment wide enough to show it.
    public static let edge: Unicode.Scalar = "▏"
    /// Marks a row, bin or line touched by the last step.
    public static let marker: Unicode.Scalar = "▶"
    /// Sparkline levels, lowest to highest.
    public static let sparks: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
}
