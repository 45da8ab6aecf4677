/// Writes an asciicast v2 recording (newline-delimited JSON): a header line
/// `{"version": 2, "width": W, "height": H, ...}`, then one `[time, "o", text]` event per
/// frame (clearing and redrawing the screen with ``ANSIFrame``), `[time, "m", label]` markers
/// (chapters, e.g. a script's notes) and `[time, "r", "WxH"]` when a frame's size changes.
///
/// Generic over any `TextOutputStream`: a `String` in memory, or a file stream.
/// Event times never go backwards (a smaller time is raised to the last one).
public struct AsciicastWriter<Output: TextOutputStream> {
    /// Where the lines go.
    public private(set) var output: Output
    /// The terminal size in the header, then of the last frame.
    public private(set) var size: GridSize
    /// Palette for the frames.
    public var palette: ANSIPalette
    /// Time of the last event, in seconds.
    public private(set) var lastTime: Double = 0
    /// Events written (frames, markers, resizes).
    public private(set) var eventCount = 0

    /// Starts a recording of `size` on `output`, writing the header line. `timestamp` is the
    /// Unix time of the start, `env` the recorded environment (`TERM`, `SHELL`).
    public init(
        output: Output, size: GridSize, title: String? = nil, timestamp: Int? = nil,
        idleTimeLimit: Double? = nil, env: [(String, String)] = [("TERM", "xterm-256color")],
        palette: ANSIPalette = .color
    ) {
        self.output = output
        self.size = size
        self.palette = palette
        var header = "{\"version\": 2, \"width\": \(size.width), \"height\": \(size.height)"
        if let timestamp { header += ", \"timestamp\": \(timestamp)" }
        if let idleTimeLimit { header += ", \"idle_time_limit\": " + AsciicastJSON.time(idleTimeLimit) }
        if let title { header += ", \"title\": " + AsciicastJSON.quoted(title) }
        if !env.isEmpty {
            header += ", \"env\": {"
                + env.map { AsciicastJSON.quoted($0.0) + ": " + AsciicastJSON.quoted($0.1) }.joined(separator: ", ") + "}"
        }
        header += "}\n"
        self.output.write(header)
    }

    private mutating func event(_ time: Double, _ code: String, _ data: String) {
        lastTime = max(lastTime, time.isFinite ? time : lastTime)
        output.write("[" + AsciicastJSON.time(lastTime) + ", " + AsciicastJSON.quoted(code) + ", " + AsciicastJSON.quoted(data) + "]\n")
        eventCount += 1
    }

    /// Writes raw terminal output at `time` seconds.
    public mutating func write(_ text: String, at time: Double) { event(time, "o", text) }

    /// Writes `grid` as one output event at `time` seconds (preceded by a resize event when its
    /// size differs from the current one).
    public mutating func frame(_ grid: CellGrid, at time: Double) {
        if grid.size != size {
            size = grid.size
            event(time, "r", "\(size.width)x\(size.height)")
        }
        event(time, "o", ANSIFrame.render(grid, palette: palette))
    }

    /// Writes a marker (a chapter label) at `time` seconds.
    public mutating func marker(_ label: String, at time: Double) { event(time, "m", label) }
}
