import Allocators

/// The interactive visualizer's state and behaviour, independent of any terminal.
///
/// A front end feeds it ``KeyInput``s and clock ticks, and paints
/// ``frame(size:)`` with ``FrameView``. Everything it does goes through the
/// ``Session`` (so undo, redo, seeking and recording see every step).
///
/// Playback: a played script is run to its end first, then rewound; playing
/// re-applies the recorded steps one by one (redo), so pausing, stepping and
/// seeking back and forth cost no re-parsing and always agree with `check`.
/// A manual operation in the middle of the history (a played script's remaining steps, or
/// steps undone in `run`) branches off and drops the later steps, as after an undo in an
/// editor: it asks first (the same key again or `y` goes ahead, Esc keeps them), and the
/// status line then says how many steps were dropped.
public final class InteractiveApp {
    /// The session every action goes through.
    public let session: Session

    /// What the status line calls the current mode.
    public enum Mode: Equatable, Sendable {
        /// Waiting for keys.
        case manual
        /// Applying one step per tick at ``speed`` steps per second.
        case playing
        /// Playback stopped (by space or a script's `pause`).
        case paused
    }

    /// The current mode.
    public internal(set) var mode: Mode = .manual
    /// Steps per second while playing.
    public internal(set) var speed: Double = 4
    /// The runner of a played script: its expectations are shown as playback passes them.
    let runner: ScriptRunner?
    /// The steps a played script holds (nil for a live session).
    public let scriptStepCount: Int?
    /// Which panel keys act on.
    public internal(set) var focus: FrameViewModel.Focus = .lane(0)
    /// Per lane: the selected buddy node, or the selected heap chunk's offset.
    public internal(set) var selections: [LaneSelection]
    /// Per buddy lane: the subtree shown.
    public internal(set) var zoomRoots: [BuddyNodeID?]
    /// Per heap lane: the address range the memory map is zoomed to (nil = the whole heap).
    public internal(set) var heapRanges: [Range<Int>?]
    /// Whether buddy panels auto-focus on small blocks the last operation touched (`z`).
    public internal(set) var buddyAutoFocus = true
    /// Per lane: whether the buddy selection was moved by hand since the session last moved
    /// (the panel's focus then follows the selection, see ``keepBuddySelectionsOnScreen()``).
    public internal(set) var buddySelectionMovedByHand: [Bool]
    /// The session's position and step count ``keepBuddySelectionsOnScreen()`` last saw.
    var buddySelectionSession: (position: Int, stepCount: Int) = (0, 0)
    /// Whether the help overlay is up. Opening it pauses playback; closing it resumes
    /// playback only when it was playing as the help opened.
    public internal(set) var showHelp = false {
        didSet { if showHelp != oldValue { helpToggled() } }
    }
    /// Whether playback was running when the help overlay opened.
    var resumeAfterHelp = false
    /// Whether played steps show their splits, merges and coalesces one per frame first
    /// (``StepAnimation``); the `s` key toggles it, `play --no-animation` starts with it off.
    public var animates = true
    /// The sub-step of the current step being shown (1-based), or nil for its final frame;
    /// set only while playing (stopping playback shows the step's final frame).
    public internal(set) var animationFrame: Int?
    /// The step (``Session/position`` and command) ``animationFrame`` belongs to.
    var animatedStep: (position: Int, command: SessionCommand)?
    /// The open prompt, if any.
    public internal(set) var prompt: Prompt?
    /// A one-line message for the status bar (errors, confirmations).
    public internal(set) var message: String?
    /// A seek announced on screen and made on the next turn of the loop (target, and a note
    /// for the message), see ``performPendingWork()``.
    public internal(set) var pendingSeek: (target: Int, note: String)?
    /// How far the log is scrolled back from the newest line.
    public internal(set) var logScroll = 0
    /// The step of the log entry selected while the log has the focus (nil: the newest).
    public internal(set) var logSelection: Int?
    /// The steps whose log entries show all their events.
    public internal(set) var expandedLogSteps: Set<Int> = []
    /// The session's position and step count the log last followed (``followSessionInLog()``).
    var logFollowedSession: (position: Int, stepCount: Int) = (0, 0)
    /// A manual operation waiting for the user to agree that it drops the redoable steps.
    var pendingDrop: PendingDrop?
    /// Set when the user asked to quit.
    public internal(set) var quitRequested = false

    /// The speeds `+` and `-` step through (steps per second).
    public static let speeds: [Double] = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]

    /// A live session (`allocviz run`): manual mode, empty history.
    public init(session: Session) {
        self.session = session
        runner = nil
        scriptStepCount = nil
        selections = session.configurations.map { _ in .none }
        zoomRoots = session.configurations.map { _ in nil }
        heapRanges = session.configurations.map { _ in nil }
        buddySelectionMovedByHand = session.configurations.map { _ in false }
        resetSelections()
    }

    /// A played script (`allocviz play`): the runner has already run the script
    /// (``ScriptRunner/prepareForPlayback()``); the session is rewound to step 0 and
    /// starts playing at `speed` steps per second (or paused when `startPaused`).
    public init(playing runner: ScriptRunner, startPaused: Bool = false, speed: Double = 4) {
        session = runner.session
        self.runner = runner
        scriptStepCount = session.stepCount
        self.speed = speed
        session.seek(to: 0)
        selections = session.configurations.map { _ in .none }
        zoomRoots = session.configurations.map { _ in nil }
        heapRanges = session.configurations.map { _ in nil }
        buddySelectionMovedByHand = session.configurations.map { _ in false }
        mode = startPaused ? .paused : .playing
        resetSelections()
    }

    /// Seconds between two steps while playing, or nil when not playing.
    public var stepInterval: Double? { mode == .playing ? 1 / speed : nil }

    // MARK: - The frame

    /// The view model of the current frame.
    public func frameModel() -> FrameViewModel {
        followSessionInLog()
        var options = SessionFrameBuilder.Options(mode: statusMode)
        options.focus = focus
        options.stepCount = session.stepCount
        // While a prompt is open the status line shows its error (if any), not older messages.
        options.message = prompt.map { $0.error } ?? message
        options.prompt = prompt.map { "\($0.label): \($0.text)" }
        options.showHelp = showHelp
        options.logScroll = logScroll
        options.subStep = currentSubStep
        options.buddyAutoFocus = buddyAutoFocus
        options.buddyFocusFollowsSelection = buddyLanesFollowingSelection
        for index in session.configurations.indices {
            if let root = zoomRoots[index] { options.buddyZoom[index] = root }
            if let range = heapRanges[index] { options.heapRange[index] = range }
            switch selections[index] {
            case .buddyNode(let node): options.buddySelection[index] = node
            case .heapChunk(let offset): options.heapSelection[index] = offset
            case .none: break
            }
        }
        var model = SessionFrameBuilder.frame(session, options: options)
        model.log.expandedSteps = expandedLogSteps
        if focus == .log { model.log.selectedStep = logSelection ?? model.log.entries.last?.step }
        return model
    }

    /// The size of the last frame painted (mouse clicks are resolved against it).
    public private(set) var lastSize = GridSize(width: 80, height: 24)

    /// The frame painted at `size` (every buddy selection kept on screen first).
    public func frame(size: GridSize) -> CellGrid {
        lastSize = size
        let model = keepBuddySelectionsOnScreen() ?? frameModel()
        return FrameView.paint(model, size: size)
    }

    private var statusMode: StatusViewModel.Mode {
        switch mode {
        case .manual: return .manual
        case .playing: return .playing(speed: speed)
        case .paused:
            if let total = scriptStepCount, session.position >= total, !session.canRedo { return .finished }
            return .paused
        }
    }

    /// When the session moved since the log last looked (a new step, undo, redo, seek, a
    /// played step), the log follows it: it scrolls back to its newest line (the newest applied
    /// step), the selection returns to the newest entry, and expanded entries stay expanded
    /// only while they are still in view.
    func followSessionInLog() {
        let now = (position: session.position, stepCount: session.stepCount)
        guard now != logFollowedSession else { return }
        logFollowedSession = now
        logScroll = 0
        logSelection = nil
        guard !expandedLogSteps.isEmpty else { return }
        let area = LogView.textArea(of: FrameLayout(size: lastSize, laneCount: session.configurations.count).log)
        var log = SessionFrameBuilder.log(session)
        log.expandedSteps = expandedLogSteps
        let inView = Set(LogView.visibleLines(log, height: area.height, width: area.width).map(\.step))
        expandedLogSteps = expandedLogSteps.intersection(inView)
    }

    // MARK: - Helpers used by the key handling

    /// The lane the focus is on, if a lane has it.
    var focusedLane: Int? {
        if case .lane(let index) = focus { return index }
        return nil
    }

    /// Puts every lane's selection on its first interesting item.
    func resetSelections() {
        for index in session.configurations.indices {
            switch session.configurations[index].kind {
            case .buddy:
                let shape = buddyShape(lane: index)
                selections[index] = .buddyNode(BuddyNodeID(order: shape.maxOrder, index: 0))
            case .heap:
                selections[index] = .heapChunk(0)
            }
        }
    }

    /// Keeps heap selections on a chunk start after the heap changed: the chunk that now
    /// contains the selected offset.
    func clampSelections() {
        for index in session.configurations.indices {
            if case .heapChunk(let offset) = selections[index], let chunk = heapChunk(lane: index, containing: offset) {
                selections[index] = .heapChunk(chunk.offset)
            }
        }
    }

    /// The chunk of heap lane `lane` that contains `offset`.
    func heapChunk(lane: Int, containing offset: Int) -> HeapChunk? {
        session.state.lanes[lane].allocator.heap?.heap.chunk(containing: offset)
    }

    /// The minimum block size and top order of a buddy lane (a one-block shape for a heap lane,
    /// which has no buddy nodes to select).
    func buddyShape(lane: Int) -> (minBlockSize: Int, maxOrder: Int) {
        guard let shape = session.configurations[lane].buddyShape else { return (session.configurations[lane].capacity, 0) }
        return (shape.minimumBlockSize, shape.maxOrder)
    }

    /// The handle whose block (in `lane`) starts at `offset`, if any.
    func handle(lane: Int, blockOffset offset: Int) -> String? {
        session.laneSnapshot(lane).handle(atBlockOffset: offset)
    }
}

/// What is selected in one lane.
public enum LaneSelection: Equatable, Sendable {
    /// Nothing.
    case none
    /// A node of a buddy tree.
    case buddyNode(BuddyNodeID)
    /// The heap chunk starting at this offset.
    case heapChunk(Int)
}

/// An open one-line prompt in the status bar.
public struct Prompt: Equatable, Sendable {
    /// What the prompt is for.
    public enum Kind: Equatable, Sendable {
        /// `SIZE [NAME] [align=N]`
        case allocate
        /// `NAME`
        case free
        /// `NAME SIZE`
        case reallocate
        /// `STEP` to seek to
        case seek
    }

    /// What the prompt is for.
    public var kind: Kind
    /// The text typed so far.
    public var text: String
    /// Why the last Enter was refused (the prompt stays open for correction), if it was.
    public var error: String? = nil

    /// The label shown before the text.
    public var label: String {
        switch kind {
        case .allocate: return "allocate SIZE [NAME] [align=N]"
        case .free: return "free NAME"
        case .reallocate: return "reallocate NAME SIZE"
        case .seek: return "go to step"
        }
    }
}
