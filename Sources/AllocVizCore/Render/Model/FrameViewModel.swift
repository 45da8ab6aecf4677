/// Everything one frame of the screen shows. The session builds one per frame and hands it
/// to ``FrameView/paint(_:size:)``.
public struct FrameViewModel {
    /// Which panel has keyboard focus (Tab cycles); drawn with a highlighted border.
    public enum Focus: Hashable, Sendable {
        /// The main panel of lane `index`.
        case lane(Int)
        /// The stats panel.
        case stats
        /// The log panel.
        case log
    }

    /// Title shown in the top bar (a script's `title`, or `"allocviz"`).
    public var title: String
    /// The lanes, in session order. One or two are typical; more are stacked.
    public var lanes: [LaneViewModel]
    /// The operation log.
    public var log: LogViewModel
    /// The status line.
    public var status: StatusViewModel
    /// The focused panel, if any.
    public var focus: Focus?
    /// A script's `note`, shown in a box over the panels while set.
    public var note: String?
    /// `true` to draw the help overlay (keys) over everything.
    public var showHelp: Bool

    /// Creates a frame model.
    public init(
        title: String = "allocviz", lanes: [LaneViewModel], log: LogViewModel = LogViewModel(),
        status: StatusViewModel = StatusViewModel(), focus: Focus? = nil, note: String? = nil,
        showHelp: Bool = false
    ) {
        self.title = title
        self.lanes = lanes
        self.log = log
        self.status = status
        self.focus = focus
        self.note = note
        self.showHelp = showHelp
    }
}
