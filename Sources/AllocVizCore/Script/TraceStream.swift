#if canImport(Glibc)
import Glibc
#endif

/// Traces read from their file as a stream, line by line through a fixed buffer
/// (``TraceLineReader``), never held whole: `check` and `bench --trace` read a trace of any
/// length in memory that depends on its live ids, not on its length.
///
/// A streamed parse reports what ``TraceParser/parse(bytes:file:)`` reports, byte for byte:
/// the same diagnostics (file:line:col, the line, a caret), the same summary and warnings. It
/// keeps the live ids (for `a` of a live id and `f`/`r` of one that is not) and a bit per id
/// used; the line that freed an id is not kept, so when an error must name it the file is
/// parsed a second time keeping the free lines of just the ids named.
public enum TraceStream {
    /// The size of the buffer a trace is read through unless told: 64 KiB.
    public static let defaultBufferSize = 1 << 16

    /// Whether `path` is a regular file holding a trace (``TraceParser/looksLikeTrace(_:file:)``:
    /// named `*.rep`, or its first line that is neither blank nor a comment is a number). Reads
    /// the file only up to that line. Pipes and devices are not streamed (they cannot be read twice).
    public static func isStreamableTrace(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        if path.hasSuffix(".rep") { return true }
        var isTrace = false
        _ = TraceLineReader.forEachLine(path: path, bufferSize: defaultBufferSize) { _, bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: "#") else { return true }
            isTrace = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            return false
        }
        return isTrace
    }

    /// Reads the trace at `path` through the parser without keeping its operations: a script
    /// with no statements that carries the trace's ``TraceSummary`` and, as its only source
    /// line, the file's first line (lane diagnostics point at 1:1). Size its lanes with
    /// ``Script/sizingLanesFromTrace(heap:buddy:)``, then run it with ``run(_:on:bufferSize:)``.
    /// - Throws: ``ScriptErrors`` as ``TraceParser/parse(bytes:file:)`` reports them (a read
    ///   failure at 1:1).
    /// - Complexity: O(file) time; O(live ids + buffer) memory (plus a bit per id below 2^27).
    public static func scan(_ path: String, bufferSize: Int = defaultBufferSize) throws(ScriptErrors) -> Script {
        let pass = try parse(path, bufferSize: bufferSize, onOperation: nil)
        var script = Script(file: path, sourceLines: pass.firstLine.map { [$0] } ?? [])
        script.trace = pass.parser.summary
        return script
    }

    /// Plays the trace at `path` on `session`, one operation at a time as it is read, each a
    /// step with origin `.script(line:)`, as ``ScriptRunner`` plays a parsed trace. Blocks are
    /// named by automatic handles (`@1`, `@2`, ...: a trace id takes the number its slot had,
    /// numbers being reused once freed), which a session forgets once freed, so the session's
    /// memory depends on the ids live at once, not on every id the trace used; the lanes see
    /// the same requests as with the handles `t<ID>`. Returns the operations the session
    /// refused (a bug if ever non-empty; `check` reports them with the trace line).
    /// - Throws: ``ScriptErrors`` when the trace is bad (it may have changed since ``scan(_:bufferSize:)``).
    /// - Complexity: O(file) parse plus one session step an operation; memory as ``scan(_:bufferSize:)``.
    public static func run(_ path: String, on session: Session,
                           bufferSize: Int = defaultBufferSize) throws(ScriptErrors) -> [ScriptDiagnostic] {
        var refused: [ScriptDiagnostic] = []
        var handles = AutomaticHandles()
        _ = try parse(path, bufferSize: bufferSize) { operation, location, text in
            do {
                _ = try session.perform(handles.command(for: operation), origin: .script(line: location.line))
            } catch {
                refused.append(ScriptDiagnostic(file: path, location: location,
                                                message: "cannot run this statement: \(error)", sourceLine: text))
            }
        }
        return refused
    }

    /// The automatic handle number of each live trace id: a new id takes the number freed
    /// last, or the next new one.
    struct AutomaticHandles {
        var numbers: [Int: Int] = [:]
        var freed: [Int] = []
        var next = 1

        /// The session command for `operation`, its id named by its automatic handle.
        mutating func command(for operation: TraceParser.Operation) -> SessionCommand {
            switch operation {
            case .allocate(let id, let size, let alignment):
                let number: Int
                if let reused = freed.popLast() {
                    number = reused
                } else {
                    number = next
                    next += 1
                }
                numbers[id] = number
                return .allocate(handle: HandleName.automatic(number), size: size, alignment: alignment)
            case .free(let id):
                let number = numbers.removeValue(forKey: id) ?? 0
                freed.append(number)
                return .free(handle: HandleName.automatic(number), again: false)
            case .reallocate(let id, let size):
                return .reallocate(handle: HandleName.automatic(numbers[id] ?? 0), size: size)
            }
        }
    }

    /// The operations of the trace at `path` in compact form (16 bytes an operation, ids mapped
    /// to slots that are reused once freed, so there are as many slots as ids live at once),
    /// and its summary.
    /// - Throws: ``ScriptErrors`` as ``scan(_:bufferSize:)``.
    public static func operations(_ path: String,
                                  bufferSize: Int = defaultBufferSize) throws(ScriptErrors) -> (summary: TraceSummary, operations: TraceOperations) {
        var builder = TraceOperations.Builder()
        let pass = try parse(path, bufferSize: bufferSize) { operation, _, _ in builder.append(operation) }
        return (pass.parser.summary, builder.operations)
    }

    /// One pass of the parser over the file, calling `onOperation` with each valid operation,
    /// its location and its line; a second pass (without `onOperation`) when an error message
    /// needs the line that freed an id.
    static func parse(_ path: String, bufferSize: Int,
                      onOperation: ((TraceParser.Operation, SourceLocation, String) -> Void)?) throws(ScriptErrors) -> (parser: TraceParser, firstLine: String?) {
        var pass = try parseOnce(path, bufferSize: bufferSize, watched: [], onOperation: onOperation)
        if !pass.parser.pendingFreedIDs.isEmpty {
            pass = try parseOnce(path, bufferSize: bufferSize, watched: pass.parser.pendingFreedIDs, onOperation: nil)
        }
        if !pass.parser.diagnostics.isEmpty { throw ScriptErrors(Array(pass.parser.diagnostics.prefix(ScriptErrors.limit))) }
        return pass
    }

    static func parseOnce(_ path: String, bufferSize: Int, watched: Set<Int>,
                          onOperation: ((TraceParser.Operation, SourceLocation, String) -> Void)?) throws(ScriptErrors) -> (parser: TraceParser, firstLine: String?) {
        var parser = TraceParser(file: path, watched: watched)
        var firstLine: String?
        var binary: ScriptDiagnostic?
        let failure = TraceLineReader.forEachLine(path: path, bufferSize: bufferSize) { line, bytes in
            // A file that is not text gets that one diagnostic, wherever it is: the lines are
            // checked to the end even when the parser has all the errors it reports.
            if let bad = TraceLineReader.firstNonText(bytes) {
                let offset = line.offset + bad.index
                let what = bad.isNUL ? "NUL byte" : "invalid UTF-8"
                binary = TraceParser.binaryDiagnostic(file: path, (
                    SourceLocation(line: line.linefeedLine, column: offset - line.linefeedLineStart + 1),
                    "this is not a text script: \(what) at byte offset \(offset) (a binary file?)"))
                return false
            }
            if parser.isFull { return true }
            let text = String(decoding: bytes, as: UTF8.self)
            if line.number == 1 { firstLine = text }
            if let (operation, column) = parser.feed(text, number: line.number) {
                onOperation?(operation, SourceLocation(line: line.number, column: column), text)
            }
            return true
        }
        if let failure {
            throw ScriptErrors([ScriptDiagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                                                 message: failure.description.replacingPrefix(path + ": "), sourceLine: nil)])
        }
        if let binary { throw ScriptErrors([binary]) }
        parser.finish()
        return (parser, firstLine)
    }
}
