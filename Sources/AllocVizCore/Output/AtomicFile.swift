#if canImport(Glibc)
import Glibc
#endif

/// The one writer of every file allocviz writes (`--record`, `--cast`): all or nothing.
///
/// A regular file (or a new one) is written to a temporary file in the target's directory
/// (`.NAME.allocviz-XXXXXX`), every write checked, `fsync`ed and closed (checked), then renamed
/// over the target. On any failure the temporary file is removed and the old target is left
/// as it was; a process killed during the write leaves the old target whole (at worst a stray
/// temporary file beside it). A symbolic link is followed: the file it names is replaced.
/// The new file keeps the old file's permission bits, or gets `0666` less the umask.
///
/// A target that exists and is not a regular file (a character device such as `/dev/null` or
/// `/dev/stdout`, a FIFO) cannot be replaced by a rename: it is opened and written in place,
/// every write and the close checked (`/dev/full` fails with "No space left on device").
/// A directory is refused.
public enum AtomicFile {
    /// The system calls the writer makes, replaceable so tests can make any of them fail.
    struct Operations {
        /// `write(2)`: bytes written or -1 with `errno`.
        var write: (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }
        /// `fsync(2)`: 0 or -1 with `errno`.
        var fsync: (Int32) -> Int32 = { Glibc.fsync($0) }
        /// `close(2)`: 0 or -1 with `errno`.
        var close: (Int32) -> Int32 = { Glibc.close($0) }
        /// `rename(2)`: 0 or -1 with `errno`.
        var rename: (String, String) -> Int32 = { Glibc.rename($0, $1) }
    }

    /// Writes `text` (UTF-8) to `path`, replacing it whole, or returns why it could not
    /// (`PATH: cannot write: REASON`); on failure the old file is unchanged.
    public static func write(_ text: String, to path: String) -> SessionError? {
        write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, replacing it whole, or returns why it could not; on failure
    /// the old file is unchanged.
    public static func write(_ bytes: [UInt8], to path: String) -> SessionError? {
        write(bytes, to: path, operations: Operations())
    }

    static func write(_ bytes: [UInt8], to path: String, operations: Operations) -> SessionError? {
        func failure(_ code: Int32) -> SessionError {
            SessionError("\(path): cannot write: \(String(cString: strerror(code)))")
        }
        guard !path.isEmpty else { return SessionError("cannot write: the file name is empty") }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists && status.st_mode & S_IFMT == S_IFDIR { return failure(EISDIR) }
        if exists && status.st_mode & S_IFMT != S_IFREG {
            return writeInPlace(bytes, to: path, operations: operations)
        }
        // Replace the file a symbolic link names, not the link.
        let target = exists ? (OutputPath.resolved(path) ?? path) : path
        let directory = OutputPath.directory(of: target)
        let name = OutputPath.lastComponent(of: target)
        var template = Array("\(directory)/.\(name).allocviz-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let code = errno
            return SessionError("\(path): cannot write: cannot create a temporary file in \(directory): \(String(cString: strerror(code)))")
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var open = true
        func abandon(_ error: SessionError) -> SessionError {
            if open { _ = operations.close(descriptor) }
            unlink(temporary)
            return error
        }
        let mode = exists ? status.st_mode & 0o7777 : newFileMode()
        guard fchmod(descriptor, mode) == 0 else { return abandon(failure(errno)) }
        if let code = writeAll(bytes, to: descriptor, operations: operations) { return abandon(failure(code)) }
        guard operations.fsync(descriptor) == 0 else { return abandon(failure(errno)) }
        open = false
        guard operations.close(descriptor) == 0 else { return abandon(failure(errno)) }
        guard operations.rename(temporary, target) == 0 else { return abandon(failure(errno)) }
        // The rename is durable once the directory is synced (best effort: not every file
        // system lets a directory be opened for that).
        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            _ = Glibc.fsync(directoryDescriptor)
            Glibc.close(directoryDescriptor)
        }
        return nil
    }

    /// Writes to an existing file that is not a regular file (a device, a FIFO), checking
    /// every write and the close.
    private static func writeInPlace(_ bytes: [UInt8], to path: String, operations: Operations) -> SessionError? {
        let descriptor = Glibc.open(path, O_WRONLY | O_TRUNC | O_NOCTTY)
        guard descriptor >= 0 else { return SessionError("\(path): cannot write: \(String(cString: strerror(errno)))") }
        if let code = writeAll(bytes, to: descriptor, operations: operations) {
            _ = operations.close(descriptor)
            return SessionError("\(path): cannot write: \(String(cString: strerror(code)))")
        }
        guard operations.close(descriptor) == 0 else {
            return SessionError("\(path): cannot write: \(String(cString: strerror(errno)))")
        }
        return nil
    }

    /// Writes every byte (retrying short writes and EINTR); the `errno` of a failure, or nil.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, operations: Operations) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var done = 0
            while done < buffer.count {
                let count = operations.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if count == 0 { return EIO }
                done += count
            }
            return nil
        }
    }

    /// `0666` less the process's umask (read by setting it and putting it back).
    private static func newFileMode() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }
}
