/// A token of one script line.
struct ScriptToken: Equatable, Sendable {
    /// The kinds of token.
    enum Kind: Equatable, Sendable {
        /// A run of letters, digits and `_ - . @` (names, keywords, numbers, sizes, ranges).
        case word
        /// A double-quoted string; `text` holds the unescaped contents.
        case string
        /// One of `= ( ) , %` or a comparison operator.
        case symbol
    }
    /// The kind.
    var kind: Kind
    /// The text (unescaped for strings).
    var text: String
    /// 1-based column of the first character.
    var column: Int
    /// Columns the token covers in the source.
    var length: Int
}

/// Splits one line into tokens, dropping a `#` comment.
enum ScriptLexer {
    /// The problem found while lexing, with its column and length.
    struct Failure: Error {
        var column: Int
        var length: Int
        var message: String
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "@", "+": return true
        default: return false
        }
    }

    /// The tokens of `line`.
    static func tokens(of line: String) throws(Failure) -> [ScriptToken] {
        let scalars = Array(line.unicodeScalars)
        var tokens: [ScriptToken] = []
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == " " || s == "\t" || s == "\r" { i += 1; continue }
            if s == "#" { break }
            if isWordScalar(s) {
                let start = i
                while i < scalars.count, isWordScalar(scalars[i]) { i += 1 }
                tokens.append(ScriptToken(kind: .word, text: String(String.UnicodeScalarView(scalars[start..<i])),
                                          column: start + 1, length: i - start))
                continue
            }
            if s == "\"" {
                let start = i
                i += 1
                var text = String.UnicodeScalarView()
                var closed = false
                while i < scalars.count {
                    let c = scalars[i]
                    if c == "\"" { closed = true; i += 1; break }
                    if c == "\\" {
                        guard i + 1 < scalars.count else { break }
                        switch scalars[i + 1] {
                        case "\"": text.append("\"")
                        case "\\": text.append("\\")
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        default:
                            throw Failure(column: i + 1, length: 2,
                                          message: "unknown escape '\\\(scalars[i + 1])' in a string; use \\\" \\\\ \\n or \\t")
                        }
                        i += 2
                        continue
                    }
                    if c.isControlShownAsCode && c != "\t" {
                        throw Failure(column: i + 1, length: 1,
                                      message: "control character U+\(String(c.value, radix: 16, uppercase: true)) in a string; use \\n or \\t")
                    }
                    text.append(c)
                    i += 1
                }
                guard closed else {
                    throw Failure(column: start + 1, length: scalars.count - start,
                                  message: "unterminated string: expected a closing '\"' before the end of the line")
                }
                tokens.append(ScriptToken(kind: .string, text: String(text), column: start + 1, length: i - start))
                continue
            }
            if "<>=!".unicodeScalars.contains(s) {
                let two = i + 1 < scalars.count && scalars[i + 1] == "="
                let text = String(s) + (two ? "=" : "")
                if text == "!" {
                    throw Failure(column: i + 1, length: 1, message: "unexpected '!': did you mean '!='?")
                }
                tokens.append(ScriptToken(kind: .symbol, text: text, column: i + 1, length: text.count))
                i += text.count
                continue
            }
            if "(),%".unicodeScalars.contains(s) {
                tokens.append(ScriptToken(kind: .symbol, text: String(s), column: i + 1, length: 1))
                i += 1
                continue
            }
            if !s.isASCII && (s.properties.isAlphabetic || s.properties.numericType != nil) {
                // A letter or digit from outside ASCII: most likely meant as part of a name.
                throw Failure(column: i + 1, length: 1, message: "'\(s)' cannot be part of a name: names use ASCII letters, digits, '_' and '-', starting with a letter; any other text belongs in quotes, as in note \"...\"")
            }
            let shown = s.isControlShownAsCode ? "U+" + String(s.value, radix: 16, uppercase: true) : String(s)
            throw Failure(column: i + 1, length: 1, message: "unexpected character '\(shown)'")
        }
        return tokens
    }
}
