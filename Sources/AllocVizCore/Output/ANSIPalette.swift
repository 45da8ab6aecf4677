/// How colour roles become SGR parameters in ANSI output.
public struct ANSIPalette: Sendable {
    /// `true` for a palette without colours (attributes only).
    public var monochrome: Bool

    /// Creates a palette.
    public init(monochrome: Bool) { self.monochrome = monochrome }

    /// 16-colour palette, matching the live terminal's scheme: green free, red allocated, blue
    /// split, yellow partial, magenta waste, cyan headers, bright yellow highlight, ...
    public static let color = ANSIPalette(monochrome: false)
    /// No colours: reverse video, bold and dim stand in for the roles (glyphs already differ).
    public static let monochrome = ANSIPalette(monochrome: true)

    /// Foreground SGR colour code of `role` (30-37, 90-97), or nil for the terminal default.
    public static func foregroundCode(_ role: ColorRole) -> Int? {
        switch role {
        case .normal: return nil
        case .free: return 32
        case .allocated: return 31
        case .split: return 34
        case .partial: return 33
        case .waste: return 35
        case .header: return 36
        case .highlight: return 93
        case .selected: return 97
        case .dim: return 90
        case .border: return 34
        case .focusBorder: return 96
        case .title: return 36
        case .status: return 36
        case .warning: return 91
        case .bar: return 32
        }
    }

    /// The SGR parameters (after a reset) that draw a cell's style, e.g. `[1, 32]`.
    public func parameters(_ cell: Cell) -> [Int] {
        var attributes = cell.attributes
        var result: [Int] = []
        if monochrome {
            attributes.formUnion(cell.foreground.monochromeAttributes)
            if cell.background != .normal { attributes.insert(.reverse) }
        }
        if attributes.contains(.bold) { result.append(1) }
        if attributes.contains(.dim) { result.append(2) }
        if attributes.contains(.underline) { result.append(4) }
        if attributes.contains(.reverse) { result.append(7) }
        if !monochrome {
            if let fg = Self.foregroundCode(cell.foreground) { result.append(fg) }
            if cell.background != .normal, let bg = Self.foregroundCode(cell.background) { result.append(bg + 10) }
        }
        return result
    }
}
