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
public enum ScriptValidator {
    /// The most steps a script may make in all (a session keeps every step in its history).
    public static let maximumSteps = 1_000_000

    /// Every handle problem of `script`, in source order (at most ``ScriptErrors/limit``).
    public static func problems(in script: Script) -> [ScriptDiagnostic] {
        var table = HandleTable()
        var allocLine: [String: Int] = [:]
        var freeLine: [String: Int] = [:]
        var problems: [ScriptDiagnostic] = []

        func report(_ message: String, _ statement: ScriptStatement, token: Int, handle: String? = nil) {
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

        func place(_ line: Int?) -> String { line.map { "on line \($0)" } ?? "by a random line" }

        func unknown(_ handle: String) -> String {
            let known = table.knownNames
            let hint = ScriptParser.closest(handle, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown handle '\(handle)': nothing named \(handle) is allocated before this line\(hint)"
        }

        var steps = 0
        for statement in script.statements {
            let line = statement.location.line
            switch statement.kind {
            case .random(let count, _): steps += count
            case .expect: break
            default: steps += 1
            }
            if steps > maximumSteps {
                report("the script makes more than \(maximumSteps) steps by this line; a session keeps every step, so that is the limit", statement, token: 0)
                break
            }
            switch statement.kind {
            case .alloc(let handle, _, _):
                if table.status(of: handle) == .live {
                    report("handle \(handle) is already allocated (\(allocLine[handle].map { "line \($0)" } ?? "by a random line")); free it first or choose another name", statement, token: 1)
                    continue
                }
                table.allocate(handle)
                allocLine[handle] = line
            case .free(let handle, let again):
                switch (table.status(of: handle), again) {
                case (.unknown, _):
                    report(unknown(handle), statement, token: 1)
                case (.freed, false) where HandleTable.automaticNumber(handle) != nil:
                    report("\(handle) was already freed \(place(freeLine[handle])); an automatic handle cannot be freed twice", statement, token: 1)
                case (.freed, false):
                    report("\(handle) was already freed \(place(freeLine[handle])); to free it again on purpose (a double free the allocators report), write 'free \(handle) again'", statement, token: 1)
                case (.live, true):
                    report("'free \(handle) again' is for a handle that was already freed, but \(handle) is live (allocated \(allocLine[handle].map { "on line \($0)" } ?? "by a random line")); write 'free \(handle)'", statement, token: 2)
                case (.live, false):
                    table.free(handle)
                    freeLine[handle] = line
                case (.freed, true) where HandleTable.automaticNumber(handle) != nil:
                    report("a deliberate double free needs a named handle: automatic handles like \(handle) forget their blocks once freed", statement, token: 1)
                case (.freed, true):
                    break
                }
            case .realloc(let handle, _):
                switch table.status(of: handle) {
                case .unknown: report(unknown(handle), statement, token: 1)
                case .freed: report("\(handle) was freed \(place(freeLine[handle])); realloc needs a live handle (write 'alloc \(handle) SIZE' to allocate it again)", statement, token: 1)
                case .live: break
                }
            case .random(let count, let workload):
                var generator = SplitMix64Generator(seed: workload.seed)
                for _ in 0..<count {
                    let command = table.command(for: workload.choose(liveCount: table.automaticPool.count, using: &generator))
                    // Lines are not kept per automatic handle (a random line may make millions).
                    switch command {
                    case .allocate(let handle, _, _): table.allocate(handle)
                    case .free(let handle):
                        table.free(handle)
                        freeLine[handle] = nil
                    default: break
                    }
                }
            case .expect(let expectation):
                let handle: String
                var needsLive = false
                switch expectation.metric {
                case .offset(let h), .blockSize(let h), .alignment(let h): handle = h; needsLive = true
                case .failed(let h), .moved(let h): handle = h
                default: continue
                }
                switch table.status(of: handle) {
                case .unknown: report(unknown(handle), statement, token: 0, handle: handle)
                case .freed where needsLive || HandleTable.automaticNumber(handle) != nil:
                    report("\(handle) was freed \(place(freeLine[handle])); this metric needs a live handle", statement, token: 0, handle: handle)
                default: break
                }
            case .note, .pause:
                break
            }
        }
        return problems
    }
}
