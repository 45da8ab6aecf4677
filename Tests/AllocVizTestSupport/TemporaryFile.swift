#if canImport(Glibc)
import Glibc
#endif

/// Unique temporary files for tests that hand paths to the `allocviz` binary.
public enum TemporaryFile {
    /// Creates an empty file with a name no other test or run uses
    /// (`/tmp/allocviz-test-XXXXXX<suffix>`, made by `mkstemps`) and returns its path; the caller
    /// removes it (`unlink`). Nil when the file cannot be created.
    public static func create(suffix: String = "") -> String? {
        var template = Array("/tmp/allocviz-test-XXXXXX\(suffix)".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
        guard descriptor >= 0 else { return nil }
        close(descriptor)
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
