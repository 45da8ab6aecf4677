/// A small JSON parser for tests (RFC 8259 values), to check the `--json` output parses and
/// to read it back. Throws on any syntax error, including trailing garbage.
enum ParsedJSON: Equatable {
    case null, bool(Bool), number(Double), string(String), array([ParsedJSON]), object([String: ParsedJSON], keys: [String])

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> ParsedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw Failure(description: "trailing characters at \(parser.index)") }
        return value
    }

    subscript(key: String) -> ParsedJSON? {
        if case .object(let members, _) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> ParsedJSON? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var array: [ParsedJSON] { if case .array(let items) = self { return items }; return [] }
    var int: Int? { if case .number(let value) = self { return Int(exactly: value) }; return nil }
    var double: Double? { if case .number(let value) = self { return value }; return nil }
    var string: String? { if case .string(let value) = self { return value }; return nil }
    var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    var keys: [String] { if case .object(_, let keys) = self { return keys }; return [] }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let lit = Array(literal.utf8)
            guard index + lit.count <= bytes.count, Array(bytes[index..<index + lit.count]) == lit else {
                throw Failure(description: "expected \(literal) at \(index)")
            }
            index += lit.count
        }

        mutating func value() throws -> ParsedJSON {
            guard index < bytes.count else { throw Failure(description: "unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [ParsedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    guard index < bytes.count else { throw Failure(description: "unterminated array") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    throw Failure(description: "expected , or ] at \(index)")
                }
            case UInt8(ascii: "{"):
                index += 1
                var members: [String: ParsedJSON] = [:]
                var keys: [String] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, keys: keys) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure(description: "expected a key at \(index)") }
                    let key = try string()
                    guard members[key] == nil else { throw Failure(description: "duplicate key \(key)") }
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    members[key] = try value()
                    keys.append(key)
                    skipSpace()
                    guard index < bytes.count else { throw Failure(description: "unterminated object") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, keys: keys) }
                    throw Failure(description: "expected , or } at \(index)")
                }
            default: return .number(try number())
            }
        }

        mutating func number() throws -> Double {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw Failure(description: "bad number at \(start)") }
            if bytes[index] == 0x30, index + 1 < bytes.count, (0x30...0x39).contains(bytes[index + 1]) {
                throw Failure(description: "leading zero at \(start)")
            }
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw Failure(description: "bad fraction at \(start)") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { throw Failure(description: "bad exponent at \(start)") }
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self))!
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw = [] }
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") { index += 1; flush(); return String(scalars) }
                if b < 0x20 { throw Failure(description: "control character in string at \(index)") }
                if b == UInt8(ascii: "\\") {
                    flush()
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count, let code = UInt32(String(decoding: bytes[index + 1...index + 4], as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(code) else { throw Failure(description: "bad \\u escape at \(index)") }
                        scalars.append(scalar)
                        index += 4
                    default: throw Failure(description: "bad escape at \(index)")
                    }
                    index += 1
                    continue
                }
                raw.append(b)
                index += 1
            }
            throw Failure(description: "unterminated string")
        }
    }
}
