import CNcurses

/// Keeps the terminal usable whatever happens to the process.
///
/// - SIGINT, SIGTERM, SIGHUP: recorded; the event loop sees them through
///   ``takePendingSignal()`` and quits cleanly (restoring the screen, saving
///   any recording).
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE (Swift traps raise SIGILL
///   or SIGTRAP): the terminal modes saved before curses started are put back and
///   the alternate screen is left with async-signal-safe writes, then the signal is
///   re-raised so the process still dies with it.
/// - SIGTSTP / SIGCONT: ncurses' own handler leaves curses mode on suspend and
///   repaints on resume.
public enum SignalGuard {
    /// Saves the terminal modes and installs the handlers. Call before curses starts.
    public static func install() {
        av_save_terminal_state()
        av_install_signal_handlers()
    }

    /// Marks whether a curses screen is up (the crash handler restores only then).
    public static func setScreenActive(_ active: Bool) { av_set_screen_active(active ? 1 : 0) }

    /// The quit signal received since the last call, if any.
    public static func takePendingSignal() -> Int32? {
        let signal = av_take_pending_signal()
        return signal == 0 ? nil : signal
    }
}
