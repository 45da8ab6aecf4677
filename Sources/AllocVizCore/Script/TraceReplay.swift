#if canImport(Glibc)
import Glibc
#endif

extension ScriptParser {
    /// `replay "FILE"`: the operations of the trace FILE (docs/traces.md), resolved relative to
    /// the script's directory, become this script's statements here, at the replay line, with
    /// handles `t<ID>`. The script's lanes stay the script's. Only regular files are read.
    mutating func replay(_ path: ScriptToken, at location: SourceLocation) throws(LineFailure) {
        let resolved = Self.resolve(path.text, relativeTo: file)
        let trace: Script
        do {
            trace = try TraceParser.parse(bytes: try TraceFile.readRegularFile(resolved), file: resolved)
        } catch let error as TraceFile.ReadError {
            throw LineFailure("cannot replay \"\(path.text)\": \(error.message)", at: path)
        } catch let errors as ScriptErrors {
            for diagnostic in errors.diagnostics where diagnostics.count < ScriptErrors.limit { diagnostics.append(diagnostic) }
            let count = errors.diagnostics.count
            throw LineFailure("cannot replay \"\(path.text)\": the trace has \(count == 1 ? "an error" : "\(count) errors")", at: path)
        } catch {
            throw LineFailure("cannot replay \"\(path.text)\": \(error)", at: path)
        }
        for statement in trace.statements { add(statement.kind, at: location) }
    }

    /// `path` as given when absolute, else beside `script` (in its directory).
    static func resolve(_ path: String, relativeTo script: String) -> String {
        guard !path.hasPrefix("/"), let slash = script.lastIndex(of: "/") else { return path }
        return String(script[...slash]) + path
    }
}

/// Reading trace files for `replay`.
enum TraceFile {
    /// Why a trace file cannot be read.
    struct ReadError: Error {
        var message: String
    }

    /// The bytes of the regular file at `path` (devices, pipes and directories are refused, so
    /// a script cannot make `check` block or read without end).
    static func readRegularFile(_ path: String) throws -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw ReadError(message: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw ReadError(message: "not a regular file") }
        switch ScriptFile.read(path) {
        case .success(let bytes): return bytes
        case .failure(let error): throw ReadError(message: error.description.replacingPrefix(path + ": "))
        }
    }
}
