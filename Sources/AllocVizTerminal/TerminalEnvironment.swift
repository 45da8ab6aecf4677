import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// What the process's environment says about the terminal, read before curses starts.
public struct TerminalEnvironment: Sendable {
    /// Whether standard input and output are both terminals.
    public var isInteractive: Bool
    /// The `TERM` variable, if set.
    public var term: String?
    /// Whether `NO_COLOR` is set to a non-empty value (https://no-color.org convention).
    public var noColorRequested: Bool

    /// Reads the current process's environment.
    public static func current() -> TerminalEnvironment {
        TerminalEnvironment(
            isInteractive: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1,
            term: variable("TERM"),
            noColorRequested: !(variable("NO_COLOR") ?? "").isEmpty)
    }

    /// Why an interactive screen cannot start here, or `nil` when it can.
    public var unusableReason: String? {
        if !isInteractive { return "standard input and output must be a terminal" }
        guard let term, !term.isEmpty else { return "TERM is not set" }
        if term == "dumb" { return "TERM=dumb cannot draw a full-screen interface" }
        return nil
    }

    private static func variable(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
