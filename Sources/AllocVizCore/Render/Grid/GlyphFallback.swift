/// ASCII stand-ins for the box-drawing, block and shade glyphs the views use.
public enum GlyphFallback {
    /// The ASCII stand-in for `scalar`, or `scalar` itself when it is ASCII or unknown.
    public static func ascii(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return scalar }
        switch scalar {
        case "┌", "┐", "└", "┘", "╭", "╮", "╰", "╯", "┬", "┴", "├", "┤", "┼", "┏", "┓", "┗", "┛": return "+"
        case "─", "━", "╌": return "-"
        case "│", "┃", "╎", "▏", "▕": return "|"
        case "█": return "#"
        case "▌", "▐": return "h"
        case "▓": return "%"
        case "▒": return "+"
        case "░": return "."
        case "▁", "▂", "▃": return "_"
        case "▄", "▅", "▆": return "="
        case "▇": return "#"
        case "·", "•": return "."
        case "…": return "~"
        case "■", "▪": return "="
        case "↑", "▲", "▴": return "^"
        case "↓", "▼", "▾": return "v"
        case "◀", "◂": return "<"
        case "▶", "▸": return ">"
        case "×": return "x"
        case "→": return ">"
        case "←": return "<"
        default: return "?"
        }
    }
}
