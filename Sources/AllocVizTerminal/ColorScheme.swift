import AllocVizCore
import CNcurses

/// How colour roles become ncurses colour pairs and attributes.
///
/// In colour mode every ``ColorRole`` pair (foreground, background) that the
/// views use gets its own ncurses pair, allocated on first use. In monochrome
/// (no colour support, `NO_COLOR`, `--no-color`) roles map to attributes
/// (reverse, bold, dim) and the glyphs carry the rest.
struct ColorScheme {
    /// Whether colours are used.
    let usesColor: Bool
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1
    private let maxPairs: Int

    init(usesColor: Bool, maxPairs: Int) {
        self.usesColor = usesColor
        self.maxPairs = maxPairs
    }

    /// The ncurses attributes and pair for a cell.
    mutating func rendition(for cell: Cell) -> (attributes: attr_t, pair: Int16) {
        var attributes = Self.attributes(cell.attributes)
        guard usesColor else {
            attributes |= Self.attributes(cell.foreground.monochromeAttributes)
            attributes |= Self.attributes(cell.background.monochromeAttributes)
            return (attributes, 0)
        }
        if cell.foreground == .title || cell.foreground == .focusBorder { attributes |= av_a_bold() }
        return (attributes, pair(foreground: cell.foreground, background: cell.background))
    }

    private mutating func pair(foreground: ColorRole, background: ColorRole) -> Int16 {
        if foreground == .normal && background == .normal { return 0 }
        let key = UInt16(foreground.rawValue) << 8 | UInt16(background.rawValue)
        if let existing = pairs[key] { return existing }
        guard Int(nextPair) < maxPairs else { return 0 }
        let number = nextPair
        nextPair += 1
        init_pair(number, Self.foregroundColor(foreground), Self.backgroundColor(background))
        pairs[key] = number
        return number
    }

    private static func attributes(_ attributes: CellAttributes) -> attr_t {
        var result = av_a_normal()
        if attributes.contains(.bold) { result |= av_a_bold() }
        if attributes.contains(.reverse) { result |= av_a_reverse() }
        if attributes.contains(.dim) { result |= av_a_dim() }
        if attributes.contains(.underline) { result |= av_a_underline() }
        return result
    }

    /// The terminal colour (or -1, the default) drawn for a role used as text colour.
    static func foregroundColor(_ role: ColorRole) -> Int16 {
        switch role {
        case .normal: return -1
        case .free: return Int16(COLOR_GREEN)
        case .allocated: return Int16(COLOR_RED)
        case .split: return Int16(COLOR_BLUE)
        case .partial: return Int16(COLOR_YELLOW)
        case .waste: return Int16(COLOR_MAGENTA)
        case .header: return Int16(COLOR_CYAN)
        case .highlight: return Int16(COLOR_YELLOW)
        case .selected: return Int16(COLOR_WHITE)
        case .dim: return Int16(COLOR_BLUE)
        case .border: return Int16(COLOR_BLUE)
        case .focusBorder: return Int16(COLOR_CYAN)
        case .title: return Int16(COLOR_CYAN)
        case .status: return Int16(COLOR_BLACK)
        case .warning: return Int16(COLOR_RED)
        case .bar: return Int16(COLOR_GREEN)
        }
    }

    /// The terminal colour (or -1, the default) drawn for a role used as background.
    static func backgroundColor(_ role: ColorRole) -> Int16 {
        switch role {
        case .normal: return -1
        case .status: return Int16(COLOR_CYAN)
        case .selected: return Int16(COLOR_BLUE)
        case .highlight: return Int16(COLOR_YELLOW)
        default: return foregroundColor(role)
        }
    }
}
