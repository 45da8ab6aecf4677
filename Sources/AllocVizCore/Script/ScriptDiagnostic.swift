/// A position in a script: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A problem with a script, located at a line and column, rendered like a compiler error:
///
/// ```
/// demo.aviz:3:9: error: expected a size such as 4096, 4KiB or 0x1000, found 'abc'
///     3 | alloc A abc
///       |         ^~~
/// ```
public struct ScriptDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name shown in the message.
    public var file: String
    /// Where the problem starts.
    public var location: SourceLocation
    /// How many columns the caret underline covers (at least 1).
    public var length: Int
    /// What went wrong and what was expected.
    public var message: String
    /// The offending source line, or `nil` when it cannot be shown (binary input).
    public var sourceLine: String?

    /// Creates a diagnostic.
    public init(file: String, location: SourceLocation, length: Int = 1, message: String, sourceLine: String?) {
        self.file = file
        self.location = location
        self.length = max(1, length)
        self.message = message
        self.sourceLine = sourceLine
    }

    /// The longest stretch of a source line shown in a message; longer lines are cut around the caret.
    public static let shownLineWidth = 100

    /// The full message: `file:line:col: error: message`, the line, and a caret under the column.
    public var description: String {
        var text = "\(file):\(location.line):\(location.column): error: \(message)"
        guard let sourceLine else { return text }
        let scalars = Array(sourceLine.unicodeScalars).map { $0 == "\t" ? " " : $0 }
        var start = 0
        var caretColumn = location.column - 1
        var prefix = ""
        var suffix = ""
        if scalars.count > Self.shownLineWidth {
            start = max(0, min(caretColumn - Self.shownLineWidth / 2, scalars.count - Self.shownLineWidth))
            if start > 0 { prefix = "..." }
            if start + Self.shownLineWidth < scalars.count { suffix = "..." }
            caretColumn = caretColumn - start + prefix.count
        }
        let end = max(start, min(scalars.count, start + Self.shownLineWidth))
        let visible = scalars[start..<end].map { $0.isControlShownAsCode ? "?" : $0 }
        let shown = prefix + String(String.UnicodeScalarView(visible)) + suffix
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        let underline = min(length, max(1, Self.shownLineWidth - (caretColumn - prefix.count)))
        text += "\n \(gutter) | \(shown)"
        text += "\n \(pad) | " + String(repeating: " ", count: max(0, caretColumn)) + "^"
            + String(repeating: "~", count: max(0, underline - 1))
        return text
    }
}

/// Every problem found in one script (parsing stops collecting after ``limit``).
public struct ScriptErrors: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in source order.
    public var diagnostics: [ScriptDiagnostic]
    /// At most this many diagnostics are collected for one file.
    public static let limit = 20

    /// Creates the error from its diagnostics.
    public init(_ diagnostics: [ScriptDiagnostic]) { self.diagnostics = diagnostics }

    /// All diagnostics, one after the other.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Unicode.Scalar {
    /// Whether scripts' messages never echo this scalar raw (it is shown as `U+XXXX`, or `?` in
    /// a quoted source line) and strings may not hold it: C0 and C1 controls (U+0085 NEL among
    /// them), DEL, the line and paragraph separators U+2028 and U+2029, and the bidirectional
    /// formatting controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which
    /// would reorder or break the text printed around them.
    var isControlShownAsCode: Bool {
        switch value {
        case 0..<32, 127...159, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
