/// A tiny JSON parser for checking the asciicast output (objects, arrays, strings with every
/// escape, numbers, true/false/null). Throws on anything malformed, including trailing text.
enum MiniJSON: Equatable {
    case object([String: MiniJSON])
    case array([MiniJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> MiniJSON {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { throw ParseError(description: "trailing text at \(parser.index)") }
        return value
    }

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    var array: [MiniJSON]? { if case .array(let a) = self { return a } else { return nil } }
    var object: [String: MiniJSON]? { if case .object(let o) = self { return o } else { return nil } }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[index]) { index += 1 }
        }

        mutating func expect(_ s: Unicode.Scalar) throws {
            guard index < scalars.count, scalars[index] == s else { throw ParseError(description: "expected \(s) at \(index)") }
            index += 1
        }

        mutating func value() throws -> MiniJSON {
            skipSpace()
            guard index < scalars.count else { throw ParseError(description: "unexpected end") }
            switch scalars[index] {
            case "{":
                index += 1
                var result: [String: MiniJSON] = [:]
                skipSpace()
                if index < scalars.count, scalars[index] == "}" { index += 1; return .object(result) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    result[key] = try value()
                    skipSpace()
                    if index < scalars.count, scalars[index] == "," { index += 1; continue }
                    try expect("}")
                    return .object(result)
                }
            case "[":
                index += 1
                var result: [MiniJSON] = []
                skipSpace()
                if index < scalars.count, scalars[index] == "]" { index += 1; return .array(result) }
                while true {
                    result.append(try value())
                    skipSpace()
                    if index < scalars.count, scalars[index] == "," { index += 1; continue }
                    try expect("]")
                    return .array(result)
                }
            case "\"":
                return .string(try string())
            case "t": try literal("true"); return .bool(true)
            case "f": try literal("false"); return .bool(false)
            case "n": try literal("null"); return .null
            default:
                return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            for s in word.unicodeScalars { try expect(s) }
        }

        mutating func number() throws -> Double {
            let start = index
            while index < scalars.count, "-+.eE0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start ..< index])
            guard let value = Double(String(text)) else { throw ParseError(description: "bad number at \(start)") }
            return value
        }

        mutating func string() throws -> String {
            try expect("\"")
            var out = String.UnicodeScalarView()
            while true {
                guard index < scalars.count else { throw ParseError(description: "unterminated string") }
                let s = scalars[index]
                index += 1
                if s == "\"" { return String(out) }
                if s.value < 0x20 { throw ParseError(description: "raw control character \(s.value) in string") }
                guard s == "\\" else { out.append(s); continue }
                guard index < scalars.count else { throw ParseError(description: "bad escape") }
                let e = scalars[index]
                index += 1
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "u":
                    guard index + 4 <= scalars.count else { throw ParseError(description: "short \\u") }
                    var hex = String.UnicodeScalarView()
                    hex.append(contentsOf: scalars[index ..< index + 4])
                    index += 4
                    guard let code = UInt32(String(hex), radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw ParseError(description: "bad \\u escape")
                    }
                    out.append(scalar)
                default: throw ParseError(description: "unknown escape \\\(e)")
                }
            }
        }
    }
}
