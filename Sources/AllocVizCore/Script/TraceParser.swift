/// Parses allocation traces in the CS:APP malloc-lab format (`.rep`), extended compatibly, into
/// a ``Script`` whose statements are `alloc`, `free` and `realloc` of handles `t<ID>`. See
/// docs/traces.md for the format.
///
/// A trace is a header of numbers, one a line: four (suggested heap size, which is ignored;
/// number of ids; number of operations; weight) or two (number of ids; number of operations),
/// then one operation a line:
/// - `a ID SIZE`: `ID = malloc(SIZE)`;
/// - `f ID`: `free(ID)`;
/// - `r ID SIZE`: `ID = realloc(ID, SIZE)`;
/// - `m ID SIZE ALIGN`: an aligned allocation (`posix_memalign`, `aligned_alloc`, `memalign`,
///   `valloc`), ALIGN a power of two;
/// - `c ID SIZE`: `calloc` of SIZE bytes in all (played as `a`).
///
/// Lines whose first non-blank character is `#` are comments, anywhere. A size of 0 is played
/// as 1 byte (`malloc(0)` returns a unique block). Errors are reported like a script's: the
/// file, line and column, the line and a caret. Header counts that disagree with the body are
/// warnings (``TraceSummary/warnings``), not errors, so a trace cut short still plays.
public struct TraceParser {
    /// The largest size or alignment a trace line may give (256 TiB).
    public static let maximumSize = 1 << 48
    /// The largest id a trace line may give.
    public static let maximumID = 999_999_999_999_999

    /// The handle a trace id is played as: `t<ID>`, e.g. `t12`.
    public static func handle(forID id: Int) -> String { "t\(id)" }

    let file: String
    var diagnostics: [ScriptDiagnostic] = []
    var summary = TraceSummary()
    /// The live ids: the line of each one's allocation and what it holds. O(live ids).
    var live: [Int: LiveID] = [:]
    /// Every id used so far (for the distinct count).
    var seen = TraceIDSet()
    /// The ids whose last free line is kept (nil: every id). A streamed parse keeps none, and
    /// parses again keeping the few that an error message needs (``pendingFreedIDs``).
    let watched: Set<Int>?
    /// The line of the last free of each watched id that is not live.
    var freedLines: [Int: Int] = [:]
    /// Ids freed before, not watched, named by an error: the message needs the line that freed
    /// them, found by parsing again with them watched.
    var pendingFreedIDs: Set<Int> = []
    /// The live bytes now, requested and as buddy blocks for each candidate minimum block.
    var liveBytes = 0
    var liveBuddyBytes = [Int](repeating: 0, count: TraceSummary.buddyMinimumBlocks.count)
    /// The first four header numbers, the number of header lines, and the last one and its text.
    var header: [String] = []
    var headerCount = 0
    var lastHeaderLine = 0
    var lastHeaderText = ""
    /// Whether a header line was not a number (its count is then not reported as well).
    var headerBroken = false
    /// Whether the lines so far were all header (or comments and blank lines).
    var inHeader = true
    /// The operations accepted so far.
    var acceptedOperations = 0
    /// The text of the line being parsed (for diagnostics).
    var currentText = ""

    /// What the trace has done to one live id.
    struct LiveID {
        /// The line of its allocation.
        var line: Int
        /// The bytes it requested.
        var size: Int
        /// What it needs of a buddy region: the larger of its size and alignment.
        var footprint: Int
    }

    /// One accepted operation of a trace line, the id as written.
    enum Operation: Equatable {
        /// `a`, `c`, `m`: `size` is at least 1.
        case allocate(id: Int, size: Int, alignment: Int?)
        case free(id: Int)
        case reallocate(id: Int, size: Int)

        /// The script statement it is played as.
        func statement(at location: SourceLocation) -> ScriptStatement {
            switch self {
            case .allocate(let id, let size, let alignment):
                ScriptStatement(.alloc(handle: TraceParser.handle(forID: id), size: size, alignment: alignment), at: location)
            case .free(let id): ScriptStatement(.free(handle: TraceParser.handle(forID: id), again: false), at: location)
            case .reallocate(let id, let size): ScriptStatement(.realloc(handle: TraceParser.handle(forID: id), size: size), at: location)
            }
        }

        /// The session command it is played as.
        var command: SessionCommand {
            switch self {
            case .allocate(let id, let size, let alignment): .allocate(handle: TraceParser.handle(forID: id), size: size, alignment: alignment)
            case .free(let id): .free(handle: TraceParser.handle(forID: id), again: false)
            case .reallocate(let id, let size): .reallocate(handle: TraceParser.handle(forID: id), size: size)
            }
        }
    }

    init(file: String, watched: Set<Int>? = nil) {
        self.file = file
        self.watched = watched
    }

    /// Whether the parser has collected ``ScriptErrors/limit`` diagnostics and reads no further.
    var isFull: Bool { diagnostics.count >= ScriptErrors.limit }

    /// Whether `bytes` look like a trace: the first line that is neither blank nor a comment
    /// is a number (no script statement starts with a digit). A file named `*.rep` is a trace
    /// whatever it holds, so its problems are reported as a trace's.
    public static func looksLikeTrace(_ bytes: [UInt8], file: String) -> Bool {
        if file.hasSuffix(".rep") { return true }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return false
            }
        }
        return false
    }

    /// Parses a trace held in memory as text.
    public static func parse(_ text: String, file: String = "<trace>") throws(ScriptErrors) -> Script {
        try parse(bytes: Array(text.utf8), file: file)
    }

    /// Parses a trace from its raw bytes. The script has no lanes (see ``TraceLanes``) and
    /// carries the trace's ``TraceSummary``.
    /// - Throws: ``ScriptErrors`` with every problem found (up to ``ScriptErrors/limit``).
    public static func parse(bytes: [UInt8], file: String) throws(ScriptErrors) -> Script {
        if let binary = ScriptParser.binaryProblem(bytes) {
            throw ScriptErrors([binaryDiagnostic(file: file, binary)])
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        var lines = ScriptParser.splitLines(body)
        if lines.last == "" { lines.removeLast() }
        var parser = TraceParser(file: file)
        var statements: [ScriptStatement] = []
        for (index, line) in lines.enumerated() {
            if parser.isFull { break }
            if let (operation, column) = parser.feed(line, number: index + 1) {
                statements.append(operation.statement(at: SourceLocation(line: index + 1, column: column)))
            }
        }
        parser.finish()
        if !parser.diagnostics.isEmpty { throw ScriptErrors(Array(parser.diagnostics.prefix(ScriptErrors.limit))) }
        var script = Script(file: file, statements: statements, sourceLines: lines)
        script.trace = parser.summary
        return script
    }

    /// The diagnostic for a file that is not text (``ScriptParser/binaryProblem(_:)``).
    static func binaryDiagnostic(file: String, _ binary: (location: SourceLocation, message: String)) -> ScriptDiagnostic {
        ScriptDiagnostic(file: file, location: binary.location,
                         message: binary.message.replacing("text script", with: "text trace"), sourceLine: nil)
    }

    /// Parses line `number` (`text`, without its line ending); returns the operation it holds,
    /// with the column of its letter, when it is a valid operation. Reports problems in
    /// ``diagnostics``. Lines are fed in order, from line 1.
    /// - Complexity: O(length of the line), amortised.
    mutating func feed(_ text: String, number: Int) -> (Operation, Int)? {
        if isFull { return nil }
        currentText = text
        let words = Self.words(of: text)
        guard let first = words.first, !first.text.hasPrefix("#") else { return nil }
        if inHeader {
            if first.text.first?.isASCII == true && first.text.first!.isNumber {
                if let problem = Self.headerNumberProblem(words) {
                    error(problem.message, line: number, word: problem.word, words)
                    headerBroken = true
                }
                if header.count < 4 { header.append(first.text) }
                headerCount += 1
                lastHeaderLine = number
                lastHeaderText = text
                return nil
            }
            inHeader = false
            checkHeader(before: number, words)
        }
        guard let operation = parseOperation(words, line: number) else { return nil }
        return (operation, words[0].column)
    }

    /// Ends the parse: an empty trace or a header without a body is reported, and the summary
    /// is completed (header count warnings, distinct ids).
    mutating func finish() {
        if isFull { return }
        if headerCount == 0 && acceptedOperations == 0 && diagnostics.isEmpty {
            diagnostics.append(ScriptDiagnostic(
                file: file, location: SourceLocation(line: 1, column: 1),
                message: "empty trace: expected a header (ids, operations) and lines such as 'a 0 16'", sourceLine: nil))
        } else if inHeader && diagnostics.isEmpty {
            checkHeader(before: nil, [])
        }
        finishSummary()
    }

    /// Reports a header that is not 2 or 4 numbers, and reads its counts.
    mutating func checkHeader(before line: Int?, _ words: [Word]) {
        let counts: (ids: String, operations: String)?
        switch headerCount {
        case 2: counts = (header[0], header[1])
        case 4: counts = (header[1], header[2])
        default: counts = nil
        }
        guard let counts else {
            if headerBroken { return }
            let message = "expected a trace header of 2 numbers (ids, operations) or 4 (suggested heap size, ids, operations, weight), one a line; found \(headerCount)"
            if let line { error(message, line: line, word: 0, words) } else {
                currentText = lastHeaderText
                error(message, line: max(1, lastHeaderLine), word: 0, Self.words(of: lastHeaderText))
            }
            return
        }
        summary.headerIDCount = Int(counts.ids)
        summary.headerOperationCount = Int(counts.operations)
        summary.headerLine = headerCount > 0 ? lastHeaderLine : nil
    }

    /// Why a header line is not one number: a count is a whole number, the weight may have a fraction.
    static func headerNumberProblem(_ words: [Word]) -> (message: String, word: Int)? {
        if words.count > 1 { return ("unexpected '\(words[1].text)' after the header number (one number a line)", 1) }
        let text = words[0].text
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts[0].count <= 18 else {
            return ("expected a header number such as 20000, found '\(text)'", 0)
        }
        return nil
    }

    mutating func parseOperation(_ words: [Word], line: Int) -> Operation? {
        let op = words[0]
        let arity: Int
        switch op.text {
        case "a", "r", "c": arity = 3
        case "f": arity = 2
        case "m": arity = 4
        default:
            error("unknown trace operation '\(op.text)'; expected a (malloc), f (free), r (realloc), m (aligned allocation) or c (calloc)",
                  line: line, word: 0, words)
            return nil
        }
        // A broken allocating line still makes its id live (as a broken `alloc` does in a
        // script), so the id's later lines do not add errors of their own.
        func broken() -> Operation? {
            if ["a", "c", "m"].contains(op.text), words.count > 1, let id = Int(words[1].text), id >= 0, live[id] == nil {
                live[id] = LiveID(line: line, size: 0, footprint: 0)
                seen.insert(id)
            }
            return nil
        }
        let names = ["the operation", "the id", "the size", "the alignment"]
        if words.count > arity {
            error("unexpected '\(words[arity].text)' after \(names[arity - 1]); '\(op.text)' takes \(Self.operands(op.text))",
                  line: line, word: arity, words)
            return broken()
        }
        if words.count < arity {
            let missing = ["", "an id", "a size in bytes", "an alignment (a power of two)"][words.count]
            let column = words.last.map { $0.column + $0.length } ?? 1
            diagnose("expected \(missing) before the end of the line; '\(op.text)' takes \(Self.operands(op.text))",
                     line: line, column: column, length: 1)
            return broken()
        }
        guard let id = number(words, 1, line: line, what: "an id (a whole number from 0)", limit: Self.maximumID) else { return broken() }
        var size = 0
        if arity >= 3 {
            guard let value = number(words, 2, line: line, what: "a size in bytes (a whole number)", limit: Self.maximumSize) else { return broken() }
            size = value
        }
        var alignment: Int?
        if arity == 4 {
            guard let value = number(words, 3, line: line, what: "an alignment (a power of two)", limit: Self.maximumSize) else { return broken() }
            guard value > 0, value & (value - 1) == 0 else {
                error("the alignment must be a power of two, found \(value)", line: line, word: 3, words)
                return broken()
            }
            alignment = value
        }
        let played = max(1, size)
        summary.operationCount += 1
        switch op.text {
        case "a", "c", "m":
            if let state = live[id] {
                error("id \(id) is already live (allocated on line \(state.line)); free it first ('f \(id)') or use another id",
                      line: line, word: 1, words)
                return nil
            }
            allocate(id, size: played, alignment: alignment, line: line)
            acceptedOperations += 1
            return .allocate(id: id, size: played, alignment: alignment)
        case "f":
            guard let state = live.removeValue(forKey: id) else {
                error(notLive(id, operation: "free"), line: line, word: 1, words)
                return nil
            }
            release(state)
            if watched?.contains(id) ?? true { freedLines[id] = line }
            acceptedOperations += 1
            return .free(id: id)
        default:  // "r"
            guard let state = live[id] else {
                error(notLive(id, operation: "realloc") + (seen.contains(id) ? "" : " (a realloc of NULL is written 'a \(id) SIZE')"), line: line, word: 1, words)
                return nil
            }
            release(state)
            allocate(id, size: played, alignment: nil, line: state.line)
            acceptedOperations += 1
            return .reallocate(id: id, size: played)
        }
    }

    /// `f of id 3, which was freed on line 9` / `…, which was never allocated`. When the free
    /// line of a freed id is not kept, the id is noted in ``pendingFreedIDs`` (the message is
    /// then made again by a parse that keeps it).
    mutating func notLive(_ id: Int, operation: String) -> String {
        guard seen.contains(id) else { return "\(operation) of id \(id), which was never allocated" }
        guard let line = freedLines[id] else {
            pendingFreedIDs.insert(id)
            return "\(operation) of id \(id), which was already freed (line not kept)"
        }
        return "\(operation) of id \(id), which was already freed on line \(line)"
    }

    mutating func allocate(_ id: Int, size: Int, alignment: Int?, line: Int) {
        let footprint = max(size, alignment ?? 1)
        live[id] = LiveID(line: line, size: size, footprint: footprint)
        seen.insert(id)
        summary.largestRequest = max(summary.largestRequest, footprint)
        summary.smallestRequest = min(summary.smallestRequest, size)
        liveBytes += size
        summary.peakLiveBytes = max(summary.peakLiveBytes, liveBytes)
        for index in TraceSummary.buddyMinimumBlocks.indices {
            liveBuddyBytes[index] += TraceSummary.buddyBlock(footprint, minimum: TraceSummary.buddyMinimumBlocks[index])
            summary.peakBuddyBytes[index] = max(summary.peakBuddyBytes[index], liveBuddyBytes[index])
        }
    }

    mutating func release(_ state: LiveID) {
        liveBytes -= state.size
        for index in TraceSummary.buddyMinimumBlocks.indices {
            liveBuddyBytes[index] -= TraceSummary.buddyBlock(state.footprint, minimum: TraceSummary.buddyMinimumBlocks[index])
        }
    }

    /// Counts ids and compares the body with the header's counts (warnings, not errors).
    mutating func finishSummary() {
        summary.idCount = seen.count
        if summary.smallestRequest == .max { summary.smallestRequest = 0 }
        let place = "\(file):\(summary.headerLine ?? 1)"
        if let declared = summary.headerOperationCount, declared != summary.operationCount {
            summary.warnings.append("\(place): warning: the header says \(declared) operations; the trace has \(summary.operationCount)")
        }
        if let declared = summary.headerIDCount, summary.idCount > declared {
            summary.warnings.append("\(place): warning: the header says \(declared) ids; the trace uses \(summary.idCount)")
        }
    }

    /// The operands of an operation, for messages.
    static func operands(_ op: String) -> String {
        switch op {
        case "f": "an id: 'f ID'"
        case "m": "an id, a size and an alignment: 'm ID SIZE ALIGN'"
        default: "an id and a size: '\(op) ID SIZE'"
        }
    }

    /// Word `index` as a whole number up to `limit`, or nil after reporting why it is not.
    mutating func number(_ words: [Word], _ index: Int, line: Int, what: String, limit: Int) -> Int? {
        let text = words[index].text
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                error("\(text) is too large (at most \(limit))", line: line, word: index, words)
            } else {
                error("expected \(what), found '\(text)'", line: line, word: index, words)
            }
            return nil
        }
        guard value <= limit else {
            error("\(text) is too large (at most \(limit))", line: line, word: index, words)
            return nil
        }
        return value
    }

    mutating func error(_ message: String, line: Int, word: Int, _ words: [Word]) {
        let target = words.indices.contains(word) ? words[word] : Word(text: "", column: 1, length: 1)
        diagnose(message, line: line, column: target.column, length: target.length)
    }

    mutating func diagnose(_ message: String, line: Int, column: Int, length: Int) {
        guard diagnostics.count < ScriptErrors.limit else { return }
        diagnostics.append(ScriptDiagnostic(file: file, location: SourceLocation(line: line, column: column),
                                            length: length, message: message, sourceLine: currentText))
    }

    /// A blank-separated word of a line and its 1-based column (in Unicode scalars).
    struct Word {
        var text: String
        var column: Int
        var length: Int
    }

    /// The words of `line`, split at spaces and tabs.
    static func words(of line: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var start = 0
        for (offset, scalar) in line.unicodeScalars.enumerated() {
            if scalar == " " || scalar == "\t" {
                if !current.isEmpty { words.append(Word(text: String(current), column: start + 1, length: current.count)) }
                current = String.UnicodeScalarView()
            } else {
                if current.isEmpty { start = offset }
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(Word(text: String(current), column: start + 1, length: current.count)) }
        return words
    }
}
