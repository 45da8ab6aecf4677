/// Checks a parsed script's handles before anything runs, by playing its statements against a
/// ``HandleTable`` alone (the table evolves the same way whatever the lanes do, random lines
/// included). Errors in the script, each with file:line:col and a caret:
/// - `alloc A` while A is live;
/// - `free X`, `realloc X` or `offset(lane, X)` of a name never allocated;
/// - `free A` of a freed A (a deliberate double free is written `free A again`), and
///   `free A again` of a live A;
/// - `realloc A`, `offset(lane, A)` or `size(lane, A)` of a freed A;
/// - `free @N again` and any metric of a freed automatic handle (automatic handles forget
///   their blocks once freed, which keeps long random sessions small).
///
/// Legal operations whose failure the visualizer shows instead (logged, nothing corrupted):
/// allocations that do not fit, `free A again` (the allocator reports the double free, or frees
/// whatever block now sits at that offset, which the log names), freeing or reallocating a
/// handle whose allocation failed in a lane (like `free(NULL)` and `realloc(NULL, n)`).
public struct ScriptValidator {
    /// The most steps a script may make in all (a session keeps every step in its history).
    public static let maximumSteps = 1_000_000

    /// Every handle problem of `script`, in source order (at most ``ScriptErrors/limit``).
    public static func problems(in script: Script) -> [ScriptDiagnostic] {
        var validator = ScriptValidator(script: script)
        for statement in script.statements {
            guard validator.countSteps(of: statement) else { break }
            validator.check(statement)
        }
        return validator.problems
    }

    private let script: Script
    /// The handles as the statements so far leave them.
    private var table = HandleTable()
    /// The line of each named handle's last `alloc` and `free` (random lines are not tracked).
    private var allocLine: [String: Int] = [:]
    private var freeLine: [String: Int] = [:]
    private var problems: [ScriptDiagnostic] = []
    private var steps = 0

    private init(script: Script) { self.script = script }

    /// Adds the statement's steps to the total; false (with a problem) once it passes the limit.
    private mutating func countSteps(of statement: ScriptStatement) -> Bool {
        switch statement.kind {
        case .random(let count, _): steps += count
        case .expect: break
        default: steps += 1
        }
        guard steps <= Self.maximumSteps else {
            report("the script makes more than \(Self.maximumSteps) steps by this line; a session keeps every step, so that is the limit", statement, token: 0)
            return false
        }
        return true
    }

    private mutating func check(_ statement: ScriptStatement) {
        switch statement.kind {
        case .alloc(let handle, let size, let alignment):
            apply(.allocate(handle: handle, size: size, alignment: alignment), statement)
        case .free(let handle, let again):
            apply(.free(handle: handle, again: again), statement)
        case .realloc(let handle, let size):
            apply(.reallocate(handle: handle, size: size), statement)
        case .random(let count, let workload):
            var generator = SplitMix64Generator(seed: workload.seed)
            for _ in 0..<count {
                let command = table.command(for: workload.choose(liveCount: table.automaticPool.count, using: &generator))
                table.apply(command)
                // Lines are not kept per automatic handle (a random line may make millions).
                if case .free(let handle, _) = command { freeLine[handle] = nil }
            }
        case .expect(let expectation):
            checkHandle(of: expectation, statement)
        case .note, .pause:
            break
        }
    }

    /// Checks a command against the handle rules and applies it to the table when it fits.
    private mutating func apply(_ command: SessionCommand, _ statement: ScriptStatement) {
        if let violation = table.violation(of: command) {
            let handle = violation.handle
            let message = violation.message(allocated: place(allocLine[handle]), freed: place(freeLine[handle]))
            let token: Int
            if case .againButLive = violation { token = 2 } else { token = 1 }
            report(message, statement, token: token)
            return
        }
        table.apply(command)
        switch command {
        case .allocate(let handle, _, _): allocLine[handle] = statement.location.line
        case .free(let handle, false): freeLine[handle] = statement.location.line
        default: break
        }
    }

    /// A metric of a handle needs a handle that was allocated (and, for block metrics, is live).
    private mutating func checkHandle(of expectation: Expectation, _ statement: ScriptStatement) {
        let handle: String
        var needsLive = false
        switch expectation.metric {
        case .offset(let h), .blockSize(let h), .alignment(let h): handle = h; needsLive = true
        case .failed(let h), .moved(let h): handle = h
        default: return
        }
        switch table.status(of: handle) {
        case .unknown:
            report(table.unknown(handle).message(), statement, token: 0, handle: handle)
        case .freed where needsLive || HandleName.automaticNumber(handle) != nil:
            report("\(handle) was freed \(place(freeLine[handle])); this metric needs a live handle", statement, token: 0, handle: handle)
        default:
            break
        }
    }

    /// `on line N`, or `by a random line` (random lines do not keep lines per handle).
    private func place(_ line: Int?) -> String { line.map { "on line \($0)" } ?? "by a random line" }

    /// Records a problem at token `token` of the statement's line (or at `handle`'s token).
    private mutating func report(_ message: String, _ statement: ScriptStatement, token: Int, handle: String? = nil) {
        guard problems.count < ScriptErrors.limit else { return }
        let line = script.sourceLines.indices.contains(statement.location.line - 1) ? script.sourceLines[statement.location.line - 1] : nil
        var column = statement.location.column
        var length = 1
        if let line, let tokens = try? ScriptLexer.tokens(of: line) {
            if let handle, let match = tokens.first(where: { $0.kind == .word && $0.text == handle && $0.column > statement.location.column }) {
                column = match.column
                length = match.length
            } else if tokens.indices.contains(token) {
                column = tokens[token].column
                length = tokens[token].length
            }
        }
        problems.append(ScriptDiagnostic(file: script.file, location: SourceLocation(line: statement.location.line, column: column),
                                         length: length, message: message, sourceLine: line))
    }
}
