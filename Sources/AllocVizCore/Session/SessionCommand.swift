/// One step a session can take. Random operations are resolved into these concrete commands
/// (with automatic handles `@N`) before they are applied, so history holds only these.
public enum SessionCommand: Hashable, Sendable, CustomStringConvertible {
    /// Allocate `size` bytes (optionally aligned) for a new handle in every lane.
    case allocate(handle: String, size: Int, alignment: Int?)
    /// Free a handle in every lane (a handle already freed makes a deliberate double free).
    case free(handle: String)
    /// Reallocate a live handle to `size` bytes in every lane.
    case reallocate(handle: String, size: Int)
    /// Show a note (a script's `note`); the lanes do nothing.
    case note(String)
    /// A pause point for interactive playback; the lanes do nothing.
    case pause

    /// The command as a script line (`alloc A 3000 align=64`, `free A`, `note "..."`).
    public var description: String {
        switch self {
        case .allocate(let handle, let size, let alignment):
            return "alloc \(handle) \(SizeLiteral.format(size))" + (alignment.map { " align=\($0)" } ?? "")
        case .free(let handle): return "free \(handle)"
        case .reallocate(let handle, let size): return "realloc \(handle) \(SizeLiteral.format(size))"
        case .note(let text): return "note \(ScriptQuoting.quote(text))"
        case .pause: return "pause"
        }
    }

    /// The handle the command is about, if any.
    public var handle: String? {
        switch self {
        case .allocate(let handle, _, _), .free(let handle), .reallocate(let handle, _): return handle
        case .note, .pause: return nil
        }
    }
}

/// Quoting of script strings.
public enum ScriptQuoting {
    /// `text` in double quotes with `\"`, `\\`, `\n` and `\t` escaped.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 32 || scalar.value == 127: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
