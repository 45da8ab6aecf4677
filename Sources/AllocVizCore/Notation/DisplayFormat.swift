/// Compact number formatting for the views (no Foundation): byte sizes, percentages,
/// hexadecimal offsets, fixed-point decimals.
public enum DisplayFormat {
    /// A byte count in at most about five characters: `"0B"`, `"1000B"`, `"4K"`, `"2.9K"`,
    /// `"12K"`, `"1M"`, `"1.5G"`. Binary units (K = 1024). Values that are not whole in
    /// their unit show one decimal below 10 and are rounded to the nearest unit above.
    public static func bytes(_ n: Int) -> String {
        if n < 0 { return "-" + bytes(-n) }
        if n < 1024 { return "\(n)B" }
        let units: [String] = ["K", "M", "G", "T", "P"]
        var unit = 0
        var scale = 1024
        while unit + 1 < units.count, n >= scale * 1024 {
            scale *= 1024
            unit += 1
        }
        if n % scale == 0 { return "\(n / scale)\(units[unit])" }
        let tenths = (n * 10 + scale / 2) / scale
        if tenths < 100 {
            return tenths % 10 == 0 ? "\(tenths / 10)\(units[unit])" : "\(tenths / 10).\(tenths % 10)\(units[unit])"
        }
        return "\((n + scale / 2) / scale)\(units[unit])"
    }

    /// `value` (a fraction 0...1) as a percentage with `digits` decimals: `"33.3%"`.
    public static func percent(_ value: Double, digits: Int = 1) -> String {
        fixed(value * 100, digits: digits) + "%"
    }

    /// `value` rounded to `digits` decimals (half away from zero), e.g. `fixed(0.3333, 2) == "0.33"`.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0 ..< max(0, digits) { scale *= 10 }
        let negative = value < 0
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var text = "\(whole)"
        if digits > 0 {
            var fraction = "\(scaled % Int(scale))"
            while fraction.count < digits { fraction = "0" + fraction }
            text += "." + fraction
        }
        return negative && scaled != 0 ? "-" + text : text
    }

    /// A measured value for messages: integers as integers, others with at most four
    /// decimals (truncated), e.g. `0.3333`, `12`, `nan`.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let scaled = (value * 10000).rounded() / 10000
        var text = String(scaled)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 5 {
            text = String(text[..<text.index(dot, offsetBy: 5)])
        }
        return text
    }

    /// `0x`-prefixed lowercase hexadecimal: `"0x3000"`.
    public static func hex(_ n: Int) -> String {
        n < 0 ? "-0x" + String(-n, radix: 16) : "0x" + String(n, radix: 16)
    }

    /// A speed multiplier: `"x2"`, `"x0.5"`.
    public static func speed(_ s: Double) -> String {
        s == s.rounded() ? "x\(Int(s))" : "x" + fixed(s, digits: 1)
    }

    /// `value * numerator / denominator` without intermediate overflow (all non-negative,
    /// `denominator > 0`), for splitting huge address ranges into screen cells.
    public static func scale(_ value: Int, by numerator: Int, over denominator: Int) -> Int {
        let product = value.multipliedFullWidth(by: numerator)
        return denominator.dividingFullWidth((high: product.high, low: product.low)).quotient
    }

    /// `text` left-aligned in `width` columns (cut or padded with spaces).
    public static func pad(_ text: String, _ width: Int) -> String {
        let n = text.unicodeScalars.count
        if n >= width { return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width))) }
        return text + String(repeating: " ", count: width - n)
    }

    /// `text` right-aligned in `width` columns (padded on the left; never cut).
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let n = text.unicodeScalars.count
        return n >= width ? text : String(repeating: " ", count: width - n) + text
    }
}
