/// The buddy panels' focus and selection. Auto-focus shows the subtree around the blocks the
/// last operation touched when they are too small to draw at the whole tree's scale; a zoom
/// by hand (Enter) takes precedence over it until Backspace zooms back out. The selected block
/// is always on screen: moving it by hand makes the focus follow it (until the next step
/// brings the focus back to the activity), and a selection the panel no longer shows moves to
/// the top of what it shows, so `f` never acts on a block out of sight.
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

    /// The buddy lanes whose focus follows the selection: it was moved by hand since the
    /// session last moved.
    var buddyLanesFollowingSelection: Set<Int> {
        Set(buddySelectionMovedByHand.indices.filter { buddySelectionMovedByHand[$0] })
    }

    /// Notes that the user moved lane `lane`'s buddy selection by hand: the focus follows it.
    func buddySelectionMoved(lane: Int) {
        buddySelectionMovedByHand[lane] = true
    }

    /// Keeps every buddy selection on screen, as the panels would be painted at ``lastSize``:
    /// when the session moved since the last look (a step, undo, redo, seek), the focus goes
    /// back to the blocks the step touched; then a selection outside the subtree a panel shows
    /// moves to that subtree's root (drawn as the panel's top row).
    /// Returns the frame model it looked at when no selection moved (so painting needs no
    /// second one), nil otherwise.
    /// - Complexity: builds one frame model and, per buddy lane, one auto-focus root.
    @discardableResult
    func keepBuddySelectionsOnScreen() -> FrameViewModel? {
        let now = (position: session.position, stepCount: session.stepCount)
        if now != buddySelectionSession {
            buddySelectionSession = now
            buddySelectionMovedByHand = buddySelectionMovedByHand.map { _ in false }
        }
        guard selections.contains(where: { if case .buddyNode = $0 { true } else { false } }) else { return nil }
        let model = frameModel()
        var moved = false
        let rects = FrameLayout(size: lastSize, laneCount: model.lanes.count).lanes
        for (index, lane) in model.lanes.enumerated() where index < rects.count {
            guard case .buddy(let buddy) = lane.content, case .buddyNode(let node) = selections[index] else { continue }
            let shown = BuddyPanelView.shownRoot(buddy, rect: rects[index])
            if !shown.contains(node) {
                selections[index] = .buddyNode(shown)
                moved = true
            }
        }
        return moved ? nil : model
    }
}
