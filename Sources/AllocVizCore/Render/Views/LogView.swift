/// The log panel: the last operations and their events, newest last, scrolled back by the
/// model's `scrollOffset` lines. Failed operations use the warning role and a `!` mark.
public enum LogView {
    /// The lines the log would show, newest last: the last `count + scrollOffset` lines are
    /// gathered walking back from the newest entry, then the window is cut.
    static func lines(_ log: LogViewModel, count: Int) -> [(String, CellStyle)] {
        guard count > 0 else { return [] }
        let wanted = count + max(0, log.scrollOffset)
        var reversed: [(String, CellStyle)] = []
        var index = log.entries.count - 1
        while index >= 0 && reversed.count < wanted {
            let entry = log.entries[index]
            // An entry never takes more than the panel: its first events, then a count of the rest.
            var events = entry.events
            if events.count > count - 1 {
                let kept = max(0, count - 2)
                let hidden = events.count - kept
                events = Array(events.prefix(kept)) + ["… \(hidden) more event\(hidden == 1 ? "" : "s")"]
            }
            for event in events.reversed() {
                reversed.append(("       " + event, CellStyle(.dim)))
            }
            let mark = entry.failed ? "!" : " "
            let style = entry.failed
                ? CellStyle(.warning, attributes: [.bold])
                : CellStyle(.normal, attributes: index == log.entries.count - 1 ? [.bold] : [])
            reversed.append((DisplayFormat.padLeft("\(entry.step)", 5) + mark + " " + entry.operation, style))
            index -= 1
        }
        let all = Array(reversed.reversed())
        let end = max(0, all.count - max(0, log.scrollOffset))
        let start = max(0, end - count)
        return Array(all[start ..< end])
    }

    /// Paints the panel (border included) into `rect`.
    public static func paint(_ log: LogViewModel, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false) {
        let title = log.scrollOffset > 0 ? "log ↑\(log.scrollOffset)" : "log"
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: title)
        let inner = rect.inset(by: 1)
        guard inner.height > 0, inner.width > 0 else { return }
        if log.entries.isEmpty {
            grid.write("no operations yet", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: CellStyle(.dim))
            return
        }
        for (i, (text, style)) in lines(log, count: inner.height).enumerated() {
            grid.write(text, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: style, clip: inner)
        }
    }
}
