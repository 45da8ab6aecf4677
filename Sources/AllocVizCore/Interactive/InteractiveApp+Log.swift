/// The log panel: scrolling by line, selecting an entry, expanding its events.
extension InteractiveApp {
    /// The log as painted now, every line of it (oldest first), and the panel's text height.
    func logLines() -> (lines: [LogView.Line], height: Int) {
        let rect = FrameLayout(size: lastSize, laneCount: session.configurations.count).log
        let area = LogView.textArea(of: rect)
        var log = SessionFrameBuilder.log(session)
        log.expandedSteps = expandedLogSteps
        return (LogView.allLines(log, height: area.height, width: area.width), area.height)
    }

    /// Scrolls the log by `delta` lines (positive: back in time), as far as its oldest line.
    func scrollLog(by delta: Int) {
        let (lines, height) = logLines()
        let limit = max(0, lines.count - height)
        logScroll = max(0, min(limit, logScroll + delta))
    }

    /// Moves the log's selection `delta` entries (negative: older) and scrolls it into view.
    func selectLogEntry(by delta: Int) {
        let steps = SessionFrameBuilder.log(session).entries.map(\.step)
        guard !steps.isEmpty else { return }
        let current = logSelection.flatMap { steps.firstIndex(of: $0) } ?? steps.count - 1
        logSelection = steps[min(max(0, current + delta), steps.count - 1)]
        revealLogSelection()
    }

    /// Shows or hides all the events of the selected log entry (the newest when none is selected).
    func toggleLogEntry() {
        guard let step = logSelection ?? SessionFrameBuilder.log(session).entries.last?.step else {
            message = "the log is empty"
            return
        }
        logSelection = step
        if expandedLogSteps.remove(step) == nil {
            expandedLogSteps.insert(step)
            message = "step \(step): all events shown; Enter folds them, PgUp/PgDn scroll"
        } else {
            message = "step \(step): folded"
        }
        revealLogSelection(withEvents: expandedLogSteps.contains(step))
    }

    /// Scrolls the log so the selected entry's heading is on screen; `withEvents` also brings
    /// as many of its lines after the heading into view as the panel holds (the heading stays).
    func revealLogSelection(withEvents: Bool = false) {
        let (lines, height) = logLines()
        guard let step = logSelection, height > 0,
              let heading = lines.firstIndex(where: { $0.step == step && $0.isHeading }) else { return }
        let total = lines.count
        var offset = min(logScroll, max(0, total - height))
        if withEvents {
            // The window ends at the entry's last line, or where the heading would leave it.
            let entryEnd = (lines[heading...].firstIndex { $0.step != step }) ?? total
            let wantedEnd = min(entryEnd, heading + height)
            if total - offset < wantedEnd { offset = total - wantedEnd }
        }
        let firstShown = total - offset - height
        if heading < firstShown { offset = total - height - heading }
        if heading >= total - offset { offset = total - heading - 1 }
        logScroll = max(0, min(offset, max(0, total - height)))
    }
}
