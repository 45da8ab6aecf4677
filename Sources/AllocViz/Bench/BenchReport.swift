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

    /// One JSON object per line.
    static func jsonLines(_ rows: [BenchResult]) -> String {
        var out = ""
        for row in rows {
            var fields = ["\"suite\":\(quote(row.suite))", "\"subject\":\(quote(row.subject))",
                          "\"value\":\(row.value)", "\"unit\":\(quote(row.unit))"]
            if let ratio = row.ratioToPeer, let peer = row.peer {
                fields += ["\"ratio\":\(ratio)", "\"peer\":\(quote(peer))"]
            }
            out += "{" + fields.joined(separator: ",") + "}\n"
        }
        return out
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let whole = Int(rounded)
        let cents = Int(((rounded - Double(whole)) * 100).rounded().magnitude)
        return "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
