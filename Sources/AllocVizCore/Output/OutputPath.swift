#if canImport(Glibc)
import Glibc
#endif

/// Output paths compared by the file they name, so that an output never overwrites an input
/// or another output of the same command (`play s.aviz --cast s.aviz`, `--cast F --record F`).
public enum OutputPath {
    /// One file a command reads or writes, with the option that names it (for messages).
    public struct Use: Sendable {
        /// `--cast`, `--record`, or `the script`.
        public var role: String
        /// The path as given.
        public var path: String

        /// A use of `path` by `role`.
        public init(_ role: String, _ path: String) {
            self.role = role
            self.path = path
        }
    }

    /// The first problem among `inputs` and `outputs`: an output naming the same file as an
    /// input or as another output (same resolved path, or the same device and inode), as a
    /// sentence; nil when every output names its own file.
    public static func conflict(inputs: [Use], outputs: [Use]) -> String? {
        for (index, output) in outputs.enumerated() {
            for input in inputs where sameFile(output.path, input.path) {
                return "\(output.role) \(output.path) is \(input.role) (\(input.path)); writing it would destroy it: choose another file"
            }
            for other in outputs[..<index] where sameFile(output.path, other.path) {
                return "\(other.role) and \(output.role) name the same file (\(output.path)); give each its own file"
            }
        }
        return nil
    }

    /// Whether `a` and `b` name the same file: the same resolved path, or (both existing) the
    /// same device and inode (hard links). Two names of one device or FIFO are not the same
    /// file here: writing to `/dev/null` twice destroys nothing.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var statusA = stat()
        var statusB = stat()
        if stat(a, &statusA) == 0, stat(b, &statusB) == 0 {
            // Devices and FIFOs (`/dev/null`, `/dev/stdout`) are not files an output replaces.
            if statusA.st_mode & S_IFMT != S_IFREG { return false }
            return statusA.st_dev == statusB.st_dev && statusA.st_ino == statusB.st_ino
        }
        return (resolved(a) ?? a) == (resolved(b) ?? b)
    }

    /// The absolute path `path` names with every symbolic link resolved: `realpath` of an
    /// existing file, the resolved directory and the last component for a new one; nil when
    /// the directory does not exist either.
    public static func resolved(_ path: String) -> String? {
        if let full = realPath(path) { return full }
        guard let directoryPath = realPath(directory(of: path)) else { return nil }
        return (directoryPath == "/" ? "" : directoryPath) + "/" + lastComponent(of: path)
    }

    /// The directory part of `path` (`.` when it has none, `/` for a file at the root).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = path[..<slash]
        return head.isEmpty ? "/" : String(head)
    }

    /// The last component of `path` (the part after the last `/`).
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
