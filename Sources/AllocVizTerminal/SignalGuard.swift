import CTerminalGuard

/// Keeps the terminal usable whatever happens to the process.
///
/// - SIGINT, SIGTERM, SIGHUP: recorded; the event loop sees them through
///   ``takePendingSignal()`` and quits cleanly (restoring the screen, saving
///   any recording).
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE (Swift traps raise SIGILL
///   or SIGTRAP): the terminal modes saved before curses started are put back and
///   the alternate screen is left with async-signal-safe writes, then the signal is
///   re-raised so the process still dies with it.
/// - SIGTSTP (Ctrl-Z): while a screen is up, recorded; the event loop sees
///   ``takeSuspendRequest()`` and calls ``NcursesScreen/suspend()``, which leaves curses
///   mode, stops the process and takes the terminal again when it is continued. Without a
///   screen the process stops at once. SIGCONT: the loop sees ``takeResumed()`` and
///   repaints the whole screen.
public enum SignalGuard {
    /// Saves the terminal modes and installs the handlers. Call before curses starts.
    public static func install() {
        av_save_terminal_state()
        av_install_signal_handlers()
    }

    /// Marks whether a curses screen is up (the crash handler restores only then).
    public static func setScreenActive(_ active: Bool) { av_set_screen_active(active ? 1 : 0) }

    /// Whether the process was resumed after a suspend since the last call.
    public static func takeResumed() -> Bool { av_take_resumed() != 0 }

    /// Whether Ctrl-Z (SIGTSTP) asked to suspend since the last call.
    public static func takeSuspendRequest() -> Bool { av_take_suspend_request() != 0 }

    /// Stops the process as Ctrl-Z does (SIGSTOP, which also stops an orphaned process
    /// group); returns when it is continued.
    static func stopProcess() { av_stop_self() }

    /// The quit signal received since the last call, if any.
    public static func takePendingSignal() -> Int32? {
        let signal = av_take_pending_signal()
        return signal == 0 ? nil : signal
    }
}
