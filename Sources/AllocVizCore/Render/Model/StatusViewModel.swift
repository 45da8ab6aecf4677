/// The status line: mode, position in history, and key hints or a prompt.
public struct StatusViewModel: Hashable, Sendable {
    /// Playback mode.
    public enum Mode: Hashable, Sendable {
        /// Interactive: the user issues operations.
        case manual
        /// A script or random run is playing at `speed` steps per second (or a multiplier).
        case playing(speed: Double)
        /// Playback paused.
        case paused
        /// Playback reached the end.
        case finished
    }

    /// Current mode.
    public var mode: Mode
    /// Current step (0 = initial state).
    public var step: Int
    /// Total number of steps known (a script's length or the history length), if any.
    public var stepCount: Int?
    /// A prompt being typed (e.g. `"alloc size: 12Ki"`), shown instead of the key hints.
    public var prompt: String?
    /// A transient message (e.g. an error from the last command), shown after the position.
    public var message: String?
    /// Whether the key hints are shown (interactive front ends; not in headless frames).
    public var showsKeyHints = true

    /// Creates a status model.
    public init(mode: Mode = .manual, step: Int = 0, stepCount: Int? = nil, prompt: String? = nil, message: String? = nil) {
        self.mode = mode
        self.step = step
        self.stepCount = stepCount
        self.prompt = prompt
        self.message = message
    }
}
