#if canImport(Glibc)
import Glibc
#endif

/// Reading scripts from disk (without Foundation).
public enum ScriptFile {
    /// The largest script file read (bigger files are refused, not truncated).
    public static let maximumBytes = 64 << 20

    /// The bytes of the file at `path`, or a message saying why it cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], SessionError> {
        guard let file = fopen(path, "rb") else {
            return .failure(SessionError("\(path): cannot open: \(String(cString: strerror(errno)))"))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes += buffer[0..<count] }
            if bytes.count > maximumBytes {
                return .failure(SessionError("\(path): the file is larger than \(maximumBytes >> 20) MiB; is it really a script?"))
            }
            if count < buffer.count {
                if ferror(file) != 0 { return .failure(SessionError("\(path): cannot read: \(String(cString: strerror(errno)))")) }
                break
            }
        }
        return .success(bytes)
    }

    /// Reads and parses the script at `path`; a trace (``TraceParser/looksLikeTrace(_:file:)``)
    /// is parsed as one, with lanes sized from it (``Script/sizingLanesFromTrace(heap:buddy:)``).
    /// - Throws: ``ScriptErrors`` (a read failure is reported at 1:1).
    public static func load(_ path: String) throws(ScriptErrors) -> Script {
        switch read(path) {
        case .success(let bytes) where TraceParser.looksLikeTrace(bytes, file: path):
            return try TraceParser.parse(bytes: bytes, file: path).sizingLanesFromTrace()
        case .success(let bytes): return try ScriptParser.parse(bytes: bytes, file: path)
        case .failure(let error):
            throw ScriptErrors([ScriptDiagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                                                 message: error.description.replacingPrefix(path + ": "), sourceLine: nil)])
        }
    }

    /// Writes `text` to `path` (replacing it whole through ``AtomicFile``), or returns why it
    /// could not; on failure the old file is unchanged.
    public static func write(_ text: String, to path: String) -> SessionError? {
        AtomicFile.write(text, to: path)
    }
}

extension String {
    /// The string without `prefix` when it starts with it.
    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
