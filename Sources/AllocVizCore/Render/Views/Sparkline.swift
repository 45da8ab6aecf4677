/// A sparkline of values in 0...1 using `▁▂▃▄▅▆▇█`.
public enum Sparkline {
    /// The glyph for `value` (clamped to 0...1): `▁` for 0, `█` for 1.
    public static func glyph(_ value: Double) -> Unicode.Scalar {
        let v = value.isFinite ? min(1, max(0, value)) : 0
        return Glyphs.sparks[min(7, Int(v * 8))]
    }

    /// The newest `width` samples of `values` as a sparkline string (oldest left).
    public static func text(_ values: [Double], width: Int) -> String {
        guard width > 0 else { return "" }
        var view = String.UnicodeScalarView()
        for v in values.suffix(width) { view.append(glyph(v)) }
        return String(view)
    }
}
