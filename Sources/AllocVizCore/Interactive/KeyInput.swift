/// A key press or terminal event, decoded from the terminal and independent of ncurses.
public enum KeyInput: Equatable, Sendable {
    /// A printable character (letters, digits, punctuation, space).
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, backspace, tab, backTab, escape, delete
    /// Function key F1...F12.
    case function(Int)
    /// Ctrl plus a letter, e.g. `.control("c")`.
    case control(Character)
    /// A mouse button press at a screen cell (column `x`, row `y`).
    case click(x: Int, y: Int)
    /// Mouse wheel at a screen cell: `up` true for away from the user.
    case wheel(up: Bool, x: Int, y: Int)
    /// The terminal changed size.
    case resize
}
