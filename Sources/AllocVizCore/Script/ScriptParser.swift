/// Parses `.aviz` demo scripts. See docs/scripts.md for the grammar.
///
/// Parsing is all or nothing: either a whole ``Script`` comes back, or ``ScriptErrors`` with
/// every problem found (up to ``ScriptErrors/limit``), each with file, line, column, the line
/// and a caret. Handle checks that need the order of operations (unknown handles, double frees)
/// are made by ``ScriptValidator`` before anything runs.
public struct ScriptParser {
    /// The longest line accepted, in Unicode scalars.
    public static let maximumLineLength = 4096
    /// The most operations one `random` line may generate.
    public static let maximumRandomCount = 1_000_000

    let file: String
    var lines: [String] = []
    var diagnostics: [ScriptDiagnostic] = []
    var script: Script
    var laneLocations: [String: SourceLocation] = [:]
    var titleLine: Int?
    var firstOperationLine: Int?
    /// What the lines with syntax errors most likely did to handles (an `alloc A …` that failed
    /// to parse still names A), so the handle problems of the rest of the file can be checked.
    var recoveredStatements: [ScriptStatement] = []
    /// The first broken line whose effect on handles cannot be guessed (a broken `random` or
    /// an unknown statement): handle problems from there on are not reported.
    var recoveryCutoff: Int?

    init(file: String) {
        self.file = file
        self.script = Script(file: file)
    }

    /// Parses a script held in memory as text.
    public static func parse(_ text: String, file: String = "<script>") throws(ScriptErrors) -> Script {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses a script from its raw bytes (binary input is rejected with a clear message).
    public static func parse(bytes: [UInt8], file: String) throws(ScriptErrors) -> Script {
        var parser = ScriptParser(file: file)
        parser.run(bytes)
        if !parser.diagnostics.isEmpty {
            // Report the handle problems together with the syntax errors: the broken lines
            // count with their most likely effect on handles, and nothing is reported past a
            // broken line whose effect cannot be guessed, nor on the broken lines themselves.
            var recovered = parser.script
            recovered.statements = (recovered.statements + parser.recoveredStatements).sorted { $0.location.line < $1.location.line }
            let broken = Set(parser.diagnostics.map(\.location.line))
            let cutoff = parser.recoveryCutoff ?? .max
            let handleProblems = ScriptValidator.problems(in: recovered).filter {
                $0.location.line < cutoff && !broken.contains($0.location.line)
            }
            let all = (handleProblems + parser.diagnostics).sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
            throw ScriptErrors(Array(all.prefix(ScriptErrors.limit)))
        }
        return parser.script
    }

    mutating func run(_ bytes: [UInt8]) {
        if let binary = Self.binaryProblem(bytes) {
            diagnostics.append(ScriptDiagnostic(file: file, location: binary.location,
                                                message: binary.message, sourceLine: nil))
            return
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        lines = Self.splitLines(body)
        if lines.last == "" { lines.removeLast() }
        script.sourceLines = lines
        for (index, line) in lines.enumerated() {
            if diagnostics.count >= ScriptErrors.limit { break }
            parseLine(line, number: index + 1)
        }
        if diagnostics.isEmpty && script.statements.isEmpty && script.lanes.isEmpty && script.title == nil {
            let what = bytes.isEmpty ? "the file is empty" : "the file has only comments and blank lines"
            diagnostics.append(ScriptDiagnostic(
                file: file, location: SourceLocation(line: 1, column: 1),
                message: "empty script: \(what); expected statements such as 'alloc A 4KiB'", sourceLine: nil))
        }
        script.laneLocations = script.lanes.map { laneLocations[$0.name]! }
    }

    /// The lines of `body`, ended by LF, CRLF or a lone CR (old Mac files), without their endings;
    /// text after the last ending is a last line, so a file ending in a newline gives a last "".
    static func splitLines(_ body: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var start = body.startIndex
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            lines.append(String(decoding: body[start..<index], as: UTF8.self))
            index += byte == 0x0D && index + 1 < body.endIndex && body[index + 1] == 0x0A ? 2 : 1
            start = index
        }
        lines.append(String(decoding: body[start..<body.endIndex], as: UTF8.self))
        return lines
    }

    /// Why `bytes` is not a text script (NUL bytes or invalid UTF-8), with where it starts.
    static func binaryProblem(_ bytes: [UInt8]) -> (location: SourceLocation, message: String)? {
        bytes.withUnsafeBufferPointer { bytes in
            var line = 1
            var lineStart = 0
            var index = 0
            while index < bytes.count {
                let b = bytes[index]
                if b == 0x0A { line += 1; lineStart = index + 1; index += 1; continue }
                if b == 0 {
                    return (SourceLocation(line: line, column: index - lineStart + 1),
                            "this is not a text script: NUL byte at byte offset \(index) (a binary file?)")
                }
                guard let length = UTF8Sequence.length(in: bytes, at: index) else {
                    return (SourceLocation(line: line, column: index - lineStart + 1),
                            "this is not a text script: invalid UTF-8 at byte offset \(index) (a binary file?)")
                }
                index += length
            }
            return nil
        }
    }

    mutating func error(_ message: String, line: Int, column: Int, length: Int = 1) {
        guard diagnostics.count < ScriptErrors.limit else { return }
        diagnostics.append(ScriptDiagnostic(file: file, location: SourceLocation(line: line, column: column),
                                            length: length, message: message, sourceLine: lines[line - 1]))
    }

    mutating func parseLine(_ line: String, number: Int) {
        let length = line.unicodeScalars.count
        if length > Self.maximumLineLength {
            error("line is \(length) characters long; the limit is \(Self.maximumLineLength)",
                  line: number, column: Self.maximumLineLength + 1)
            recoveryCutoff = recoveryCutoff ?? number
            return
        }
        let tokens: [ScriptToken]
        do {
            tokens = try ScriptLexer.tokens(of: line)
        } catch {
            self.error(error.message, line: number, column: error.column, length: error.length)
            recoveryCutoff = recoveryCutoff ?? number
            return
        }
        guard !tokens.isEmpty else { return }
        var cursor = TokenCursor(tokens: tokens, line: number, lineLength: length)
        do {
            try parseStatement(&cursor)
        } catch {
            self.error(error.message, line: number, column: error.column, length: error.length)
            recover(tokens, line: number)
        }
    }

    /// Guesses what a line that failed to parse did to handles (see ``recoveredStatements``).
    mutating func recover(_ tokens: [ScriptToken], line: Int) {
        let location = SourceLocation(line: line, column: tokens[0].column)
        let handle = tokens.count >= 2 && HandleName.isValid(tokens[1].text) ? tokens[1].text : nil
        switch (tokens[0].text, handle) {
        case ("alloc", let handle?):
            recoveredStatements.append(ScriptStatement(.alloc(handle: handle, size: 1, alignment: nil), at: location))
        case ("free", let handle?):
            let again = tokens.count >= 3 && tokens[2].text == "again"
            recoveredStatements.append(ScriptStatement(.free(handle: handle, again: again), at: location))
        case ("realloc", _), ("title", _), ("buddy", _), ("heap", _), ("note", _), ("pause", _), ("expect", _):
            break  // no effect on which handles are live
        default:
            recoveryCutoff = recoveryCutoff ?? line
        }
    }
}

/// A problem at a column of the current line.
struct LineFailure: Error {
    var column: Int
    var length: Int
    var message: String

    init(_ message: String, at token: ScriptToken) {
        self.message = message
        self.column = token.column
        self.length = token.length
    }

    init(_ message: String, column: Int, length: Int = 1) {
        self.message = message
        self.column = column
        self.length = length
    }
}

/// Reads the tokens of one line in order.
struct TokenCursor {
    let tokens: [ScriptToken]
    let line: Int
    let lineLength: Int
    var index = 0

    var atEnd: Bool { index >= tokens.count }
    var peek: ScriptToken? { atEnd ? nil : tokens[index] }
    /// The column just after the last token (where a missing token would go).
    var endColumn: Int { (tokens.last.map { $0.column + $0.length }) ?? lineLength + 1 }

    mutating func next(_ expected: String) throws(LineFailure) -> ScriptToken {
        guard let token = peek else { throw LineFailure("expected \(expected) before the end of the line", column: endColumn) }
        index += 1
        return token
    }

    mutating func word(_ expected: String) throws(LineFailure) -> ScriptToken {
        let token = try next(expected)
        guard token.kind == .word else { throw LineFailure("expected \(expected), found '\(token.text)'", at: token) }
        return token
    }

    mutating func symbol(_ text: String, _ expected: String) throws(LineFailure) -> ScriptToken {
        let token = try next(expected)
        guard token.kind == .symbol, token.text == text else {
            throw LineFailure("expected \(expected), found '\(token.text)'", at: token)
        }
        return token
    }

    mutating func take(symbol text: String) -> Bool {
        if let token = peek, token.kind == .symbol, token.text == text { index += 1; return true }
        return false
    }

    func expectEnd(_ what: String) throws(LineFailure) {
        if let token = peek {
            throw LineFailure("unexpected '\(token.kind == .string ? "\"" + token.text + "\"" : token.text)' after \(what)", at: token)
        }
    }

    /// `key=value` options, in any order, each at most once.
    mutating func options(allowed: [String], statement: String) throws(LineFailure) -> [String: (ScriptToken, ScriptToken)] {
        var result: [String: (ScriptToken, ScriptToken)] = [:]
        while let key = peek {
            guard key.kind == .word, allowed.contains(key.text) else {
                let list = allowed.map { "\($0)=" }.joined(separator: ", ")
                throw LineFailure("unexpected '\(key.text)' in \(statement); expected one of \(list) or the end of the line", at: key)
            }
            index += 1
            _ = try symbol("=", "'=' after '\(key.text)'")
            let value = try word("a value for \(key.text)=")
            if result[key.text] != nil { throw LineFailure("\(key.text)= is given twice", at: key) }
            result[key.text] = (key, value)
            if take(symbol: "%") {
                result[key.text] = (key, ScriptToken(kind: .word, text: value.text + "%", column: value.column, length: value.length + 1))
            }
        }
        return result
    }
}

extension ScriptParser {
    /// Parses one line as a single statement, as a script line would be (the interactive
    /// prompts go through this, so they share the script's grammar and its messages).
    /// - Returns: the statement, or the message of the first problem.
    public static func parseStatement(_ line: String) -> Result<ScriptStatement.Kind, SessionError> {
        var parser = ScriptParser(file: "<prompt>")
        parser.lines = [line]
        parser.parseLine(line, number: 1)
        if let diagnostic = parser.diagnostics.first { return .failure(SessionError(diagnostic.message)) }
        guard let statement = parser.script.statements.first else { return .failure(SessionError("nothing typed")) }
        return .success(statement.kind)
    }
}
