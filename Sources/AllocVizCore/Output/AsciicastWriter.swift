/// Writes an asciicast v2 recording (newline-delimited JSON): a header line
/// `{"version": 2, "width": W, "height": H, ...}`, then one `[time, "o", text]` event per
/// frame (the first frame, and any frame after a resize, clears and redraws the whole screen;
/// later frames redraw only the rows that changed, see ``ANSIFrame``), `[time, "m", label]` markers
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
    /// The last frame written, which the next one is drawn over.
    public private(set) var lastFrame: CellGrid?
    /// `false` to redraw every frame in full instead of only its changed rows.
    public var drawsChangedRowsOnly = true

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

    /// Writes raw terminal output at `time` seconds (the next frame is then drawn in full).
    public mutating func write(_ text: String, at time: Double) {
        event(time, "o", text)
        lastFrame = nil
    }

    /// Writes `grid` as one output event at `time` seconds (preceded by a resize event when its
    /// size differs from the current one). A frame identical to the last one writes nothing.
    public mutating func frame(_ grid: CellGrid, at time: Double) {
        if grid.size != size {
            size = grid.size
            event(time, "r", "\(size.width)x\(size.height)")
            lastFrame = nil
        }
        if drawsChangedRowsOnly, let previous = lastFrame {
            let delta = ANSIFrame.render(grid, over: previous, palette: palette)
            if !delta.isEmpty { event(time, "o", delta) }
        } else {
            event(time, "o", ANSIFrame.render(grid, palette: palette))
        }
        lastFrame = grid
    }

    /// Writes a marker (a chapter label) at `time` seconds.
    public mutating func marker(_ label: String, at time: Double) { event(time, "m", label) }
}
