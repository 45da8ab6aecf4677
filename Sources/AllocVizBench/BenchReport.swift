import AllocVizCore

/// Formats benchmark rows as a table or JSON lines.
public enum BenchReport {
    /// A plain-text table, one row per result: suite, subject, the value with two decimals,
    /// its unit, the ratio to the peer when there is one (`0.85x glibc`), and the nanoseconds
    /// per operation above the suite's bump ceiling when it has one (`+41.20 ns/op`). A row
    /// without a figure shows `-` as its value and its note in place of the last columns.
    public static func table(_ rows: [BenchResult]) -> String {
        let suiteWidth = max(6, rows.map(\.suite.count).max() ?? 0) + 2
        let subjectWidth = max(8, rows.map(\.subject.count).max() ?? 0) + 2
        let unitWidth = max(5, rows.map(\.unit.count).max() ?? 0) + 2
        let peerWidth = max(8, rows.map { peerColumn($0).count }.max() ?? 0) + 2
        let anyCeiling = rows.contains { $0.nanosecondsAboveCeiling != nil }
        var out = DisplayFormat.pad("suite", suiteWidth) + DisplayFormat.pad("subject", subjectWidth)
        out += DisplayFormat.padLeft("value", 12) + "  " + DisplayFormat.pad("unit", unitWidth)
        out += (anyCeiling ? DisplayFormat.pad("vs peer", peerWidth) + "above bump" : "vs peer") + "\n"
        for row in rows {
            var line = DisplayFormat.pad(row.suite, suiteWidth) + DisplayFormat.pad(row.subject, subjectWidth)
            line += DisplayFormat.padLeft(row.hasFigure ? format(row.value) : "-", 12) + "  " + DisplayFormat.pad(row.unit, unitWidth)
            if let note = row.note, !row.hasFigure {
                line += note
            } else if let above = row.nanosecondsAboveCeiling {
                line += DisplayFormat.pad(peerColumn(row), peerWidth) + (above >= 0 ? "+" : "") + format(above) + " ns/op"
                if let note = row.note { line += "  " + note }
            } else {
                line += peerColumn(row)
            }
            out += line.trailingSpacesRemoved + "\n"
        }
        return out
    }

    /// `0.85x glibc`, or empty without a peer.
    static func peerColumn(_ row: BenchResult) -> String {
        guard let ratio = row.ratioToPeer, let peer = row.peer else { return "" }
        return "\(format(ratio))x \(peer)"
    }

    /// One JSON object per line:
    /// `{"suite":…,"subject":…,"value":…,"unit":…[,"ratio":…,"peer":…][,"aboveCeiling":…][,"note":…]}`
    /// (`aboveCeiling` in ns/op above the bump subject). `value` is `null` in a row without a
    /// figure (unit `absent` or `n/a`, the reason in `note`), never a made-up 0.
    public static func jsonLines(_ rows: [BenchResult]) -> String {
        var out = ""
        for row in rows {
            var fields: [(String, JSONValue)] = [
                ("suite", .string(row.suite)), ("subject", .string(row.subject)),
                ("value", row.figure.map(JSONValue.double) ?? .null), ("unit", .string(row.unit)),
            ]
            if let ratio = row.ratioToPeer, let peer = row.peer {
                fields += [("ratio", .double(ratio)), ("peer", .string(peer))]
            }
            if let above = row.nanosecondsAboveCeiling { fields.append(("aboveCeiling", .double(above))) }
            if let note = row.note { fields.append(("note", .string(note))) }
            out += JSONValue.object(fields).text + "\n"
        }
        return out
    }

    /// `value` with two decimals (`7.16`, `-0.50`, `105003.91`).
    static func format(_ value: Double) -> String { DisplayFormat.fixed(value, digits: 2) }
}

extension String {
    /// The string without trailing spaces.
    var trailingSpacesRemoved: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
