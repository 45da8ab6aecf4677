import AllocVizCore

/// Formats benchmark rows as a table or JSON lines.
enum BenchReport {
    /// A plain-text table, one row per result.
    static func table(_ rows: [BenchResult]) -> String {
        let suiteWidth = max(6, rows.map(\.suite.count).max() ?? 0) + 2
        let subjectWidth = max(8, rows.map(\.subject.count).max() ?? 0) + 2
        let unitWidth = max(5, rows.map(\.unit.count).max() ?? 0) + 2
        var out = "suite".padding(suiteWidth) + "subject".padding(subjectWidth) + "value".leftPadded(12)
        out += "  " + "unit".padding(unitWidth) + "vs peer\n"
        for row in rows {
            var line = row.suite.padding(suiteWidth) + row.subject.padding(subjectWidth)
            line += format(row.value).leftPadded(12) + "  " + row.unit.padding(unitWidth)
            if let ratio = row.ratioToPeer, let peer = row.peer { line += "\(format(ratio))x \(peer)" }
            out += line + "\n"
        }
        return out
    }

    /// One JSON object per line: `{"suite":…,"subject":…,"value":…,"unit":…[,"ratio":…,"peer":…]}`.
    static func jsonLines(_ rows: [BenchResult]) -> String {
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
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let magnitude = hundredths.magnitude
        let cents = magnitude % 100
        return "\(hundredths < 0 ? "-" : "")\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
