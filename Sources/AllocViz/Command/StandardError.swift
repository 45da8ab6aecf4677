#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writes text to standard error.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// Standard output, which `print` fills through the C library's buffered `stdout`.
enum StandardOutput {
    /// How writing standard output ended.
    enum Ending: Equatable {
        /// Everything was written.
        case written
        /// The reader went away (a closed pipe, `allocviz play --frames | head -1`): the output
        /// ends quietly, as `head` users expect.
        case readerGone
        /// A real error (a full disk, `> /dev/full`, an I/O error), with its reason.
        case failed(String)
    }

    /// Flushes `stdout` and tells whether everything printed so far reached it. With SIGPIPE
    /// at its default (as shells leave it) a closed pipe ends the process at the write, so
    /// `readerGone` is seen only when SIGPIPE is ignored.
    static func flush() -> Ending {
        // Read once here: `stdout` is a C global that only this function touches after `print`.
        let stream = stdout
        errno = 0
        let flushFailed = fflush(stream) != 0
        let code = errno
        guard flushFailed || ferror(stream) != 0 else { return .written }
        if code == EPIPE { return .readerGone }
        return .failed(code != 0 ? String(cString: strerror(code)) : "write error")
    }
}
