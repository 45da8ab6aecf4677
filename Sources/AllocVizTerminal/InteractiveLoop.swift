import AllocVizCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs an ``InteractiveApp`` on the terminal until the user quits, a quit
/// signal arrives or the terminal goes away. The terminal is restored on every
/// path out (including errors thrown from inside).
public enum InteractiveLoop {
    /// Why the loop ended.
    public enum Ending: Equatable, Sendable {
        /// The user pressed `q`.
        case quit
        /// SIGINT, SIGTERM or SIGHUP.
        case signal(Int32)
        /// The terminal closed.
        case terminalGone
        /// curses could not start: the terminal type is unknown.
        case unknownTerminal
    }

    /// Runs the loop. Input is polled at most every 250 ms when idle; while playing,
    /// steps are applied on the app's interval and frames painted as they change.
    public static func run(_ app: InteractiveApp, color: Bool, mouse: Bool) -> Ending {
        guard let screen = NcursesScreen(color: color, mouse: mouse) else { return .unknownTerminal }
        defer { screen.end() }
        var dirty = true
        var nextStep = seconds() + (app.stepInterval ?? 0)
        while true {
            if let signal = SignalGuard.takePendingSignal() { return .signal(signal) }
            if app.quitRequested { return .quit }
            if SignalGuard.takeSuspendRequest() {
                screen.suspend()
                dirty = true
            }
            if SignalGuard.takeResumed() {
                screen.resume()
                dirty = true
            }
            if dirty {
                screen.draw(app.frame(size: screen.size))
                dirty = false
            }
            // Long work announced by the frame just drawn (a far seek).
            if app.pendingSeek != nil {
                dirty = app.performPendingWork()
                continue
            }
            var timeout = 250
            if let interval = app.stepInterval {
                let now = seconds()
                if nextStep > now + interval { nextStep = now + interval }
                timeout = max(0, Int(((nextStep - now) * 1000).rounded(.up)))
            }
            do {
                if let input = try screen.nextInput(timeoutMilliseconds: timeout) {
                    let wasPlaying = app.stepInterval != nil
                    dirty = app.handle(input) || dirty || input == .resize
                    if !wasPlaying, let interval = app.stepInterval { nextStep = seconds() + interval }
                    continue
                }
            } catch {
                return .terminalGone
            }
            if let interval = app.stepInterval, seconds() >= nextStep {
                dirty = app.tick() || dirty
                nextStep += interval
            }
        }
    }

    private static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
