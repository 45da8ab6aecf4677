/// The characters used for box borders: Unicode box drawing or an ASCII fallback.
public struct BoxStyle: Hashable, Sendable {
    /// Top-left, top-right, bottom-left, bottom-right corners.
    public var topLeft, topRight, bottomLeft, bottomRight: Unicode.Scalar
    /// Horizontal and vertical edges.
    public var horizontal, vertical: Unicode.Scalar

    /// Creates a style from its six characters.
    public init(
        topLeft: Unicode.Scalar, topRight: Unicode.Scalar, bottomLeft: Unicode.Scalar, bottomRight: Unicode.Scalar,
        horizontal: Unicode.Scalar, vertical: Unicode.Scalar
    ) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
    }

    /// Light Unicode box drawing: `┌─┐│└┘`.
    public static let unicode = BoxStyle(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
    /// Rounded Unicode corners: `╭─╮│╰╯`.
    public static let rounded = BoxStyle(
        topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│")
    /// ASCII fallback: `+-+|++`.
    public static let ascii = BoxStyle(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|")
}
