extension BoxStyle {
    /// Heavy Unicode lines `┏━┓┃┗┛`, used for the focused panel (visible in plain text too).
    public static let heavy = BoxStyle(
        topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃")

    /// The style of a panel border: heavy when focused.
    public static func panel(focused: Bool) -> BoxStyle { focused ? .heavy : .unicode }
}
