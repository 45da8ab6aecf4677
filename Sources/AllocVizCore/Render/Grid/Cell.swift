/// One character cell of the screen: a character, a foreground role, a background role and
/// attributes. A wide character (two columns, ``DisplayWidth``) takes its cell and the next
/// one, a ``wideContinuation`` cell that shows nothing of its own.
public struct Cell: Hashable, Sendable {
    /// The character drawn (a single Unicode scalar, one column wide or, followed by a
    /// continuation cell, two).
    public var character: Unicode.Scalar
    /// Foreground colour role.
    public var foreground: ColorRole
    /// Background colour role (`.normal` = the terminal's default background).
    public var background: ColorRole
    /// Attributes.
    public var attributes: CellAttributes

    /// Creates a cell.
    public init(
        _ character: Unicode.Scalar = " ", foreground: ColorRole = .normal, background: ColorRole = .normal,
        attributes: CellAttributes = []
    ) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// A blank cell with default colours.
    public static let blank = Cell()

    /// The scalar of a continuation cell (NUL: text written to a grid never holds it, as
    /// control characters are drawn as `·`).
    static let continuationScalar: Unicode.Scalar = "\u{0}"

    /// The second column of the wide character in the cell before it, styled like it:
    /// outputs draw nothing for it (the wide character already covers its column).
    public static func wideContinuation(style: CellStyle = .normal) -> Cell {
        Cell(continuationScalar, foreground: style.foreground, background: style.background, attributes: style.attributes)
    }

    /// Whether this cell is the second column of the wide character before it.
    public var isWideContinuation: Bool { character == Self.continuationScalar }
}

/// The style part of a cell (everything but the character), for writing runs of text.
public struct CellStyle: Hashable, Sendable {
    /// Foreground colour role.
    public var foreground: ColorRole
    /// Background colour role.
    public var background: ColorRole
    /// Attributes.
    public var attributes: CellAttributes

    /// Creates a style.
    public init(_ foreground: ColorRole = .normal, background: ColorRole = .normal, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Default text.
    public static let normal = CellStyle()
}
