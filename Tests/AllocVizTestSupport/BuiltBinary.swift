#if canImport(Glibc)
import Glibc
#endif

/// Where the test targets find the `allocviz` executable that `swift build` (and `swift test`)
/// built: one rule for every test target.
public enum BuiltBinary {
    /// `allocviz` in the build products directory, the directory of the running test executable
    /// (`.build/<triple>/debug/`). When the test executable sits inside a `.xctest` bundle, the
    /// products directory is the one holding the bundle. Nil when no executable `allocviz` is there.
    public static let path: String? = {
        guard let executable = runningExecutable() else { return nil }
        var components = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        if let bundle = components.firstIndex(where: { $0.hasSuffix(".xctest") }) {
            components = components[..<bundle]
        }
        let candidate = components.joined(separator: "/") + "/allocviz"
        return access(candidate, X_OK) == 0 ? candidate : nil
    }()

    /// The absolute path of the running executable (`/proc/self/exe`).
    private static func runningExecutable() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pointer.count) {
                readlink("/proc/self/exe", $0, pointer.count - 1)
            }
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
