/// Byte sizes as scripts write them: `4096`, `0x1000`, `4KiB`, `4K`, `1MiB`, `1.5KiB`, `64B`.
///
/// Units are binary: `K`/`KiB` = 1024, `M`/`MiB` = 1024², `G`/`GiB` = 1024³, `T`/`TiB` = 1024⁴
/// (case-insensitive). `KB`, `MB` and `GB` are rejected because they are ambiguous. A fraction
/// is allowed with a unit when the result is a whole number of bytes (`1.5KiB` = 1536, but not
/// `1.3KiB`). `_` may separate digits (`1_048_576`).
public enum SizeLiteral {
    /// Parses `text`, or returns what was expected.
    public static func parse(_ text: String) -> Result<Int, SizeLiteralError> {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") {
            let digits = lower.dropFirst(2).filter { $0 != "_" }
            guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else {
                return .failure(.malformed("'\(text)' is not a hexadecimal number"))
            }
            var value = 0
            for d in digits {
                let (m, o1) = value.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(d.hexDigitValue!)
                if o1 || o2 { return .failure(.overflow("'\(text)' is too large: sizes must fit in 63 bits")) }
                value = a
            }
            return .success(value)
        }
        var numberEnd = lower.startIndex
        while numberEnd < lower.endIndex, lower[numberEnd].isNumber || lower[numberEnd] == "." || lower[numberEnd] == "_" {
            numberEnd = lower.index(after: numberEnd)
        }
        let number = lower[..<numberEnd].filter { $0 != "_" }
        let unit = String(lower[numberEnd...])
        guard let first = number.first, first.isASCII, first.isNumber else {
            return .failure(.malformed("expected a size such as 4096, 4KiB or 0x1000, found '\(text)'"))
        }
        let multiplier: Int
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kib": multiplier = 1 << 10
        case "m", "mib": multiplier = 1 << 20
        case "g", "gib": multiplier = 1 << 30
        case "t", "tib": multiplier = 1 << 40
        case "kb", "mb", "gb", "tb":
            let binary = String(unit.prefix(1)).uppercased() + "iB"
            return .failure(.malformed("'\(text)': write \(binary) (sizes are binary, 1 KiB = 1024 bytes)"))
        default:
            return .failure(.malformed("'\(text)': unknown unit '\(text.dropFirst(number.count))'; use B, KiB, MiB, GiB or TiB"))
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return .failure(.malformed("'\(text)' is not a number"))
        }
        let digits = parts.joined()
        let fractionDigits = parts.count == 2 ? parts[1].count : 0
        if fractionDigits > 0 && multiplier == 1 {
            return .failure(.malformed("'\(text)' is not a whole number of bytes"))
        }
        var mantissa = 0
        for d in digits {
            let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d.wholeNumberValue!)
            if o1 || o2 { return .failure(.overflow("'\(text)' is too large: sizes must fit in 63 bits")) }
            mantissa = a
        }
        let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: multiplier)
        if overflow { return .failure(.overflow("'\(text)' is too large: sizes must fit in 63 bits")) }
        var divisor = 1
        for _ in 0..<fractionDigits {
            let (d, o) = divisor.multipliedReportingOverflow(by: 10)
            if o { return .failure(.malformed("'\(text)' has too many decimals")) }
            divisor = d
        }
        guard scaled % divisor == 0 else {
            return .failure(.malformed("'\(text)' is not a whole number of bytes"))
        }
        return .success(scaled / divisor)
    }

    /// `bytes` in the shortest exact form: `4KiB`, `1536`, `1MiB`.
    public static func format(_ bytes: Int) -> String {
        for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes != 0 && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return String(bytes)
    }
}

/// Why a size literal was rejected.
public enum SizeLiteralError: Error, Equatable, Sendable {
    /// Not a size at all (with the explanation).
    case malformed(String)
    /// A size too large for 64 bits.
    case overflow(String)

    /// The explanation.
    public var message: String {
        switch self {
        case .malformed(let m), .overflow(let m): return m
        }
    }
}
