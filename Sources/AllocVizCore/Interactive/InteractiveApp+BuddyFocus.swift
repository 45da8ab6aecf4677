/// Turning the buddy panels' auto-focus off and on (`z`). Auto-focus shows the subtree around
/// the blocks the last operation touched when they are too small to draw at the whole tree's
/// scale; a zoom by hand (Enter) takes precedence over it until Backspace zooms back out.
extension InteractiveApp {
    /// Flips ``buddyAutoFocus`` and says what the buddy panels now show.
    func toggleBuddyAutoFocus() {
        buddyAutoFocus.toggle()
        let zoomed = zoomRoots.contains { $0 != nil }
        if buddyAutoFocus {
            message = "auto-focus on: small blocks the last step touched are shown close up (z turns it off)"
                + (zoomed ? "; Backspace leaves the zoom first" : "")
        } else {
            message = "auto-focus off: the whole tree (z turns it back on)"
        }
    }
}
