/// The operation log: the last operations with their events, newest last.
public struct LogViewModel: Hashable, Sendable {
    /// Entries, oldest first. The session may pass only the last few hundred.
    public var entries: [LogEntryViewModel]
    /// How many lines the view is scrolled back from the newest (0 = follow the tail).
    public var scrollOffset: Int
    /// The step of the selected entry (drawn in reverse video), if any.
    public var selectedStep: Int?
    /// The steps whose entries show all their events; other entries show as many as
    /// fit the panel, then a count of the rest.
    public var expandedSteps: Set<Int>
    /// How many steps the session can redo from here (shown when the log is empty, at step 0).
    public var laterSteps: Int
    /// Whether the empty log's line names the keys that go forward (not in headless output).
    public var showsKeyHints = true

    /// Creates a log model.
    public init(entries: [LogEntryViewModel] = [], scrollOffset: Int = 0, selectedStep: Int? = nil, expandedSteps: Set<Int> = [],
                laterSteps: Int = 0) {
        self.entries = entries
        self.scrollOffset = scrollOffset
        self.selectedStep = selectedStep
        self.expandedSteps = expandedSteps
        self.laterSteps = laterSteps
    }
}

/// One operation in the log and the events it caused.
public struct LogEntryViewModel: Hashable, Sendable {
    /// The step number (1-based) of the operation.
    public var step: Int
    /// The operation, e.g. `"alloc A 3000"`.
    public var operation: String
    /// Event lines, each already formatted by the session, e.g. `"buddy: split o5 -> o2 at 0x0"`.
    public var events: [String]
    /// `true` when the operation failed in at least one lane (drawn with the warning role).
    public var failed: Bool

    /// Creates a log entry.
    public init(step: Int, operation: String, events: [String] = [], failed: Bool = false) {
        self.step = step
        self.operation = operation
        self.events = events
        self.failed = failed
    }
}
