#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AllocVizCore

/// Where `allocviz trace -o OUTPUT` puts the trace, and how.
enum TraceDestination: Equatable {
    /// A regular file, new or replaced (for a symbolic link, the file it names): the recorder
    /// writes it there.
    case file(String)
    /// Standard output (`-o -`, `path` nil) or an existing device, FIFO or socket: none can be
    /// replaced by a new file, so the recorder writes a private file, which is copied into the
    /// destination, opened in place, once the command has ended.
    case inPlace(String?)

    /// The destination `output` names (relative paths against the current directory, since the
    /// traced program may change directory), or why no trace can go there.
    static func of(_ output: String) -> Result<TraceDestination, SessionError> {
        if output == "-" { return .success(.inPlace(nil)) }
        let path = absolute(output)
        var status = stat()
        guard stat(path, &status) == 0 else { return .success(.file(linkTarget(path) ?? path)) }  // a new file
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .failure(SessionError("it is a directory"))
        case S_IFREG: return .success(.file(OutputPath.resolved(path) ?? path))
        default:
            guard access(path, W_OK) == 0 else { return .failure(SessionError(String(cString: strerror(errno)))) }
            return .success(.inPlace(path))
        }
    }

    /// The file a symbolic link at `path` names (which need not exist), or nil when `path` is
    /// not a link.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/") ? target : OutputPath.directory(of: path) + "/" + target
    }

    /// `path` made absolute against the current directory.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return directory + "/" + path
    }

    /// The file the recorder writes: the destination itself, or a private file in the
    /// temporary directory for a destination written in place.
    var recordPath: String {
        switch self {
        case .file(let path): return path
        case .inPlace:
            let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            return "\(directory)/allocviz-trace.\(getpid()).rep"
        }
    }

    /// How messages name the destination.
    func name(_ output: String) -> String {
        if case .inPlace(nil) = self { return "standard output" }
        return output
    }

    /// Copies the recorded file at ``recordPath`` into an in-place destination and removes it;
    /// nothing for a file destination. Returns why the copy failed, if it did.
    func deliver() -> String? {
        guard case .inPlace(let path) = self else { return nil }
        let source = recordPath
        defer { unlink(source) }
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return String(cString: strerror(errno)) }
        defer { close(input) }
        let output = path.map { open($0, O_WRONLY | O_CLOEXEC) } ?? 1
        guard output >= 0 else { return String(cString: strerror(errno)) }
        defer { if path != nil { close(output) } }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { return nil }
            guard count > 0 else { return String(cString: strerror(errno)) }
            var written = 0
            while written < count {
                let step = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                guard step > 0 else { return String(cString: strerror(errno)) }
                written += step
            }
        }
    }
}
