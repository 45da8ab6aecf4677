/// One character cell of the screen: a character (one column wide), a foreground role,
/// a background role and attributes.
public struct Cell: Hashable, Sendable {
    /// The character drawn (a single column-wide Unicode scalar).
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
