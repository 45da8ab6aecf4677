/// Semantic colour of a cell. The views pick roles; a front end maps each role to a colour
/// pair, or, in monochrome, to attributes (see ``ColorRole/monochromeAttributes``). Glyphs
/// already tell states apart, so text frames stay readable without any colour.
public enum ColorRole: UInt8, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case normal
    /// Free memory (free blocks, free chunks).
    case free
    /// Allocated memory (live blocks, used chunk payload).
    case allocated
    /// A split buddy node (its halves hold the blocks).
    case split
    /// An aggregate cell that is partly allocated.
    case partial
    /// Internal waste: granted but not requested bytes, alignment padding.
    case waste
    /// Chunk headers and boundary tags.
    case header
    /// Items touched by the last step (animation highlight).
    case highlight
    /// The selected item.
    case selected
    /// Secondary text: labels, units, hints.
    case dim
    /// Panel borders.
    case border
    /// The border of the focused panel.
    case focusBorder
    /// Panel and screen titles.
    case title
    /// The status bar.
    case status
    /// Failures and warnings.
    case warning
    /// Bars and gauges (bins, sparkline).
    case bar

    /// Attributes that stand in for this role on a monochrome terminal.
    public var monochromeAttributes: CellAttributes {
        switch self {
        case .normal, .free, .dim, .border, .allocated, .split, .partial, .bar: return []
        case .waste, .header: return [.dim]
        case .highlight, .selected, .status: return [.reverse]
        case .focusBorder, .title, .warning: return [.bold]
        }
    }
}
