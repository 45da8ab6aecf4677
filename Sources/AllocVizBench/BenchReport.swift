import AllocVizCore

/// Formats benchmark rows as a table or JSON lines.
public enum BenchReport {
    /// A plain-text table, one row per result: suite, subject, the value with two decimals,
    /// its unit, and the ratio to the peer when there is one (`0.85x glibc`).
    public static func table(_ rows: [BenchResult]) -> String {
        let suiteWidth = max(6, rows.map(\.suite.count).max() ?? 0) + 2
        let subjectWidth = max(8, rows.map(\.subject.count).max() ?? 0) + 2
        let unitWidth = max(5, rows.map(\.unit.count).max() ?? 0) + 2
        var out = DisplayFormat.pad("suite", suiteWidth) + DisplayFormat.pad("subject", subjectWidth)
        out += DisplayFormat.padLeft("value", 12) + "  " + DisplayFormat.pad("unit", unitWidth) + "vs peer\n"
        for row in rows {
            var line = DisplayFormat.pad(row.suite, suiteWidth) + DisplayFormat.pad(row.subject, subjectWidth)
            line += DisplayFormat.padLeft(format(row.value), 12) + "  " + DisplayFormat.pad(row.unit, unitWidth)
            if let ratio = row.ratioToPeer, let peer = row.peer { line += "\(format(ratio))x \(peer)" }
            out += line + "\n"
        }
        return out
    }

    /// One JSON object per line: `{"suite":…,"subject":…,"value":…,"unit":…[,"ratio":…,"peer":…]}`.
    public static func jsonLines(_ rows: [BenchResult]) -> String {
        var out = ""
        for row in rows {
            var fields: [(String, JSONValue)] = [
                ("suite", .string(row.suite)), ("subject", .string(row.subject)),
                ("value", .double(row.value)), ("unit", .string(row.unit)),
            ]
            if let ratio = row.ratioToPeer, let peer = row.peer {
                fields += [("ratio", .double(ratio)), ("peer", .string(peer))]
            }
            out += JSONValue.object(fields).text + "\n"
        }
        return out
    }

    /// `value` with two decimals (`7.16`, `-0.50`, `105003.91`).
    static func format(_ value: Double) -> String { DisplayFormat.fixed(value, digits: 2) }
}
