#if canImport(Glibc)
import Glibc
#endif
import AllocVizTestSupport

/// Temporary trace files for tests.
enum TemporaryFileForTrace {
    /// A new file holding `text` (name ending in `suffix`), or nil when it cannot be made.
    static func create(_ text: String, suffix: String = ".rep") -> String? {
        guard let path = TemporaryFile.create(suffix: suffix), let file = fopen(path, "w") else { return nil }
        fputs(text, file)
        fclose(file)
        return path
    }

    /// Removes a file made by ``create(_:suffix:)``.
    static func remove(_ path: String) { unlink(path) }
}
