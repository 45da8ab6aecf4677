/// Text attributes of a cell, independent of its colour role.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public var rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold / bright.
    public static let bold = CellAttributes(rawValue: 1 << 0)
    /// Reverse video.
    public static let reverse = CellAttributes(rawValue: 1 << 1)
    /// Dim / faint.
    public static let dim = CellAttributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = CellAttributes(rawValue: 1 << 3)
}
