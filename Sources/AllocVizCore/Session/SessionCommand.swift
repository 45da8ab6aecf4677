/// One step a session can take. Random operations are resolved into these concrete commands
/// (with automatic handles `@N`) before they are applied, so history holds only these.
public enum SessionCommand: Hashable, Sendable, CustomStringConvertible {
    /// Allocate `size` bytes (optionally aligned) for a new handle in every lane.
    case allocate(handle: String, size: Int, alignment: Int?)
    /// Free a live handle in every lane; with `again`, free an already freed named handle on
    /// purpose (a deliberate double free the allocators report).
    case free(handle: String, again: Bool = false)
    /// Reallocate a live handle to `size` bytes in every lane.
    case reallocate(handle: String, size: Int)
    /// Show a note (a script's `note`); the lanes do nothing.
    case note(String)
    /// A pause point for interactive playback; the lanes do nothing.
    case pause

    /// The command as a script line (`alloc A 3000 align=64`, `free A again`, `note "..."`).
    public var description: String {
        switch self {
        case .allocate(let handle, let size, let alignment):
            return "alloc \(handle) \(SizeLiteral.format(size))" + (alignment.map { " align=\($0)" } ?? "")
        case .free(let handle, let again): return "free \(handle)" + (again ? " again" : "")
        case .reallocate(let handle, let size): return "realloc \(handle) \(SizeLiteral.format(size))"
        case .note(let text): return "note \(QuotedText.quote(text))"
        case .pause: return "pause"
        }
    }

    /// The handle the command is about, if any.
    public var handle: String? {
        switch self {
        case .allocate(let handle, _, _), .free(let handle, _), .reallocate(let handle, _): return handle
        case .note, .pause: return nil
        }
    }
}
