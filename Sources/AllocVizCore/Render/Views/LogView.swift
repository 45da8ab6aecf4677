/// The log panel: the operations and their events, newest last, scrolled back by the
/// model's `scrollOffset` lines. Long lines wrap (never cut); an entry with more events than
/// fit the panel shows its first ones and a count of the rest until it is expanded
/// (``LogViewModel/expandedSteps``), and scrolling reaches every line. Failed operations use
/// the warning role and a `!` mark; the selected entry's heading is in reverse video.
public enum LogView {
    /// One painted line of the log.
    struct Line: Equatable {
        /// The text (at most the panel's width).
        var text: String
        /// How it is drawn.
        var style: CellStyle
        /// The step of the entry it belongs to.
        var step: Int
        /// Whether it is the first line of its entry's heading.
        var isHeading: Bool
    }

    /// Columns before an event line's text, and before the continuation of a wrapped line.
    static let eventIndent = 7
    static let continuationIndent = 9

    /// The lines of `entry` in a panel `height` lines high and `width` columns wide.
    static func lines(of entry: LogEntryViewModel, isNewest: Bool, log: LogViewModel, height: Int, width: Int) -> [Line] {
        var headingStyle = entry.failed
            ? CellStyle(.warning, attributes: [.bold])
            : CellStyle(.normal, attributes: isNewest ? [.bold] : [])
        if log.selectedStep == entry.step { headingStyle.attributes.insert(.reverse) }
        let mark = entry.failed ? "!" : " "
        var result: [Line] = []
        let heading = DisplayFormat.padLeft("\(entry.step)", 5) + mark + " " + entry.operation
        for (i, text) in wrap(heading, width: width, indent: eventIndent).enumerated() {
            result.append(Line(text: text, style: headingStyle, step: entry.step, isHeading: i == 0))
        }
        let eventLines = entry.events.map { event in
            wrap(String(repeating: " ", count: eventIndent) + event, width: width, indent: continuationIndent)
        }
        let total = eventLines.reduce(0) { $0 + $1.count }
        var shown = eventLines.count
        var hint: [String] = []
        if !log.expandedSteps.contains(entry.step) && result.count + total > height {
            // A collapsed entry never takes more than the panel: the events that fit, then a
            // count of the rest.
            let hintText = { (hidden: Int) in
                String(repeating: " ", count: eventIndent) + "… \(hidden) more event\(hidden == 1 ? "" : "s") (log: Enter)"
            }
            let hintCount = wrap(hintText(entry.events.count), width: width, indent: continuationIndent).count
            var budget = height - result.count - hintCount
            shown = 0
            while shown < eventLines.count && eventLines[shown].count <= budget {
                budget -= eventLines[shown].count
                shown += 1
            }
            if shown == eventLines.count - 1 && eventLines[shown].count <= budget + hintCount {
                shown += 1  // the one hidden event takes no more room than its count would
            } else {
                hint = wrap(hintText(entry.events.count - shown), width: width, indent: continuationIndent)
            }
        }
        for text in eventLines.prefix(shown).joined() + hint {
            result.append(Line(text: text, style: CellStyle(.dim), step: entry.step, isHeading: false))
        }
        return result
    }

    /// Every line of the log, oldest first.
    /// - Complexity: O(total characters of the entries).
    static func allLines(_ log: LogViewModel, height: Int, width: Int) -> [Line] {
        log.entries.indices.flatMap { index in
            lines(of: log.entries[index], isNewest: index == log.entries.count - 1, log: log, height: height, width: width)
        }
    }

    /// The lines shown in a panel `height` lines high and `width` wide: the newest lines,
    /// scrolled back by the model's offset (clamped so the panel stays full).
    static func visibleLines(_ log: LogViewModel, height: Int, width: Int) -> [Line] {
        window(log, height: height, width: width).lines
    }

    /// The lines shown (as ``visibleLines(_:height:width:)``), and how many lines of the log
    /// are hidden above and below them. `hiddenAbove` counts every older line only when the log
    /// is scrolled back (the only time the title shows it); following the tail it is just
    /// non-zero when there are older lines.
    static func window(_ log: LogViewModel, height: Int, width: Int) -> (lines: [Line], hiddenAbove: Int, hiddenBelow: Int) {
        guard height > 0 else { return ([], 0, 0) }
        // Only the lines the window can reach are built (walking back from the newest entry),
        // unless the log is scrolled: then all of them, to count the lines hidden above.
        let wanted = log.scrollOffset > 0 ? Int.max : height
        var gathered: [[Line]] = []
        var count = 0
        var index = log.entries.count - 1
        while index >= 0 && count < wanted {
            let entryLines = lines(of: log.entries[index], isNewest: index == log.entries.count - 1, log: log, height: height, width: width)
            gathered.append(entryLines)
            count += entryLines.count
            index -= 1
        }
        let all = Array(gathered.reversed().joined())
        let offset = min(max(0, log.scrollOffset), max(0, all.count - height))
        let end = all.count - offset
        let start = max(0, end - height)
        let unbuilt = index >= 0 ? 1 : 0  // older entries left unbuilt (only when not scrolled)
        return (Array(all[start ..< end]), start + unbuilt, offset)
    }

    /// `text` cut into lines of at most `width` columns, breaking after spaces where it can;
    /// continuation lines start with `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        guard width > 0 else { return [] }
        var scalars = Array(text.unicodeScalars)
        var lines: [String] = []
        let pad = Array(String(repeating: " ", count: min(indent, max(0, width - 8))).unicodeScalars)
        while scalars.count > width {
            var cut = width
            // Break after the last space in the line, unless that leaves it too short.
            if let space = scalars[pad.count ..< width].lastIndex(of: " "), space > width / 2 { cut = space + 1 }
            var line = String(String.UnicodeScalarView(scalars[0 ..< cut]))
            while line.last == " " { line.removeLast() }
            lines.append(line)
            scalars = pad + scalars[cut...].drop { $0 == " " }
        }
        if lines.isEmpty || scalars.count > pad.count { lines.append(String(String.UnicodeScalarView(scalars))) }
        return lines
    }

    /// The size of the text area inside a log panel of `rect`.
    static func textArea(of rect: GridRect) -> (height: Int, width: Int) {
        let inner = rect.inset(by: 1)
        return (max(0, inner.height), max(0, inner.width))
    }

    /// Paints the panel (border included) into `rect`.
    public static func paint(_ log: LogViewModel, in rect: GridRect, into grid: inout CellGrid, focused: Bool = false) {
        let inner = rect.inset(by: 1)
        let shown = window(log, height: inner.height, width: inner.width)
        // Scrolled back, the title counts the lines hidden above and below the view.
        var title = "log"
        if shown.hiddenBelow > 0 {
            if shown.hiddenAbove > 0 { title += " ↑\(shown.hiddenAbove)" }
            title += " ↓\(shown.hiddenBelow)"
        }
        grid.box(rect, style: .panel(focused: focused), role: focused ? .focusBorder : .border, title: title)
        guard inner.height > 0, inner.width > 0 else { return }
        if log.entries.isEmpty {
            let later = log.laterSteps == 1 ? "1 later step" : "\(log.laterSteps) later steps"
            let keys = log.showsKeyHints ? " (] or End to go forward)" : ""
            let text = log.laterSteps > 0 ? "at step 0: \(later)\(keys)" : "no operations yet"
            for (i, line) in wrap(text, width: inner.width - 1, indent: 0).prefix(inner.height).enumerated() {
                grid.write(line, x: inner.x + 1, y: inner.y + i, maxWidth: inner.width - 1, style: CellStyle(.dim))
            }
            return
        }
        for (i, line) in shown.lines.enumerated() {
            grid.write(line.text, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: line.style, clip: inner)
        }
    }
}
