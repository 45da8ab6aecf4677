#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where `allocviz trace` finds the recorder library it preloads into the traced program.
enum RecorderLibrary {
    /// The file name of the preload library that `swift build` makes of the AllocTrace product.
    static let fileName = "libAllocTrace.so"

    /// The environment variable that names the library when `--recorder` does not.
    static let environmentVariable = "ALLOCVIZ_RECORDER"

    /// Why no library can be preloaded, worded for the user.
    struct Problem: Error, Equatable {
        let message: String
    }

    /// The absolute path of the library to preload: `option` (`--recorder`) when given, else
    /// `environment` (`ALLOCVIZ_RECORDER`) when set and not empty, else `libAllocTrace.so`
    /// next to the allocviz executable, else in `../lib` beside its directory (an installed
    /// layout such as /usr/local/bin and /usr/local/lib). A path given by the user that
    /// cannot be read is an error, never a fallback to another library.
    static func locate(option: String?, environment: String?) -> Result<String, Problem> {
        if let option { return readable(option, from: "--recorder") }
        if let environment, !environment.isEmpty { return readable(environment, from: environmentVariable) }
        let directory = executableDirectory() ?? "?"
        for candidate in [directory + "/" + fileName, directory + "/../lib/" + fileName] where access(candidate, R_OK) == 0 {
            return .success(absolute(candidate))
        }
        return .failure(Problem(message: """
            the recorder library \(fileName) is not next to the allocviz executable (\(directory)) nor in \(directory)/../lib; \
            give its path with --recorder PATH or \(environmentVariable)=PATH, or build it with `swift build` \
            (the AllocTrace product) and run allocviz from the same build directory
            """))
    }

    /// `path` made absolute when it can be read, else why not (naming where the path came from).
    private static func readable(_ path: String, from source: String) -> Result<String, Problem> {
        guard access(path, R_OK) == 0 else {
            return .failure(Problem(message: "cannot read the recorder library \(path) (from \(source)): \(String(cString: strerror(errno)))"))
        }
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            return .failure(Problem(message: "the recorder library \(path) (from \(source)) is a directory; give the path of \(fileName)"))
        }
        return .success(absolute(path))
    }

    /// `path` resolved to an absolute path without symbolic links (the dynamic loader would
    /// search its library path for a bare file name), or `path` itself when it cannot be.
    private static func absolute(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory of the running allocviz executable.
    static func executableDirectory() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                readlink("/proc/self/exe", $0, pointer.count - 1)
            }
        }
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count], as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }
}
