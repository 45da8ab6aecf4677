/// Plays a script without a terminal (`allocviz play --headless`): the final frame as text,
/// every frame, or one JSON object per step; optionally an asciicast recording and a recorded
/// script. Output goes through closures so the command writes to stdout and tests to strings.
public struct HeadlessPlayer {
    /// What to print.
    public enum Output: Sendable {
        /// The final frame as plain text.
        case finalFrame
        /// A frame after every step, each headed by a rule naming the step.
        case everyFrame
        /// One JSON object per step (docs/json-format.md).
        case json
    }

    /// With `.json`: print the compact form (full objects every this many steps, change
    /// objects between them, ``JSONStepChanges``) instead of a full object per step.
    public var compactJSONKeyframeInterval: Int? = nil
    /// The frame size.
    public var size = GridSize(width: 100, height: 30)
    /// What to print.
    public var output = Output.finalFrame
    /// ASCII stand-ins for box-drawing and shade glyphs in text frames.
    public var ascii = false
    /// The asciicast recording's palette (monochrome for `--no-color` or `NO_COLOR`).
    public var castPalette = ANSIPalette.color
    /// Seconds between two frames of the asciicast recording.
    public var castStepSeconds = 0.4
    /// Seconds a note stays on screen in the asciicast recording.
    public var castNoteSeconds = 2.5
    /// Seconds between two frames of a `random` line in the asciicast recording.
    public var castRandomStepSeconds = 0.05

    /// Creates a player with the defaults (100x30, final frame).
    public init() {}

    /// What a play produced besides the printed output.
    public struct Result {
        /// The runner, with the session and expectation results.
        public var runner: ScriptRunner
        /// The asciicast recording, when asked for.
        public var cast: String?
        /// Failed expectations.
        public var failures: [ExpectationResult] { runner.failures }
    }

    /// Plays `script`, calling `print` with each piece of output (a frame, a JSON line).
    /// - Throws: ``ScriptErrors`` when the script's handles or lanes are wrong (nothing printed).
    public func play(_ script: Script, cast: Bool = false, print: (String) -> Void) throws(ScriptErrors) -> Result {
        let runner = try ScriptRunner(script: script)
        let session = runner.session
        var castWriter = cast ? AsciicastWriter(output: "", size: size, title: script.title, palette: castPalette) : nil
        var time = 0.0
        func grid() -> CellGrid {
            FrameView.paint(SessionFrameBuilder.frame(session, mode: runner.finished ? .finished : .playing(speed: 1)), size: size)
        }
        func text(_ grid: CellGrid) -> String { TextFrame.render(grid, ascii: ascii) }

        // JSON objects are held back one step so the expectations after a step join its object.
        var compactor = compactJSONKeyframeInterval.map { JSONStepChanges(keyframeInterval: $0) }
        var pending: JSONValue? = nil
        var pendingExpectations: [ExpectationResult] = []
        func flushJSON() {
            guard case .object(var members)? = pending else { return }
            if let slot = members.firstIndex(where: { $0.0 == "expectations" }) {
                members[slot].1 = .array(pendingExpectations.map(JSONSessionStep.expectation))
            }
            print(compactor?.line(for: .object(members)) ?? JSONValue.object(members).text)
            pending = nil
            pendingExpectations = []
        }
        if output == .json { pending = JSONSessionStep.object(session) }
        castWriter?.frame(grid(), at: 0)

        while !runner.finished {
            runner.runNextStatement(onStep: { record in
                if output == .json { flushJSON(); pending = JSONSessionStep.object(session) }
                if output == .everyFrame {
                    var label = "step \(session.position): \(record.command)"
                    if record.failedSomewhere { label += "  (failed in a lane)" }
                    print("── \(label) ──\n" + text(grid()))
                }
                if castWriter != nil {
                    if case .note(let note) = record.command {
                        time += castStepSeconds
                        castWriter!.marker(note, at: time)
                        castWriter!.frame(grid(), at: time)
                        time += castNoteSeconds
                    } else {
                        if case .random = record.origin { time += castRandomStepSeconds } else { time += castStepSeconds }
                        castWriter!.frame(grid(), at: time)
                    }
                }
            }, onExpectation: { result in
                pendingExpectations.append(result)
            })
        }
        // JSON: the last object, already holding the last expectations.
        flushJSON()
        if output == .finalFrame { print(text(grid())) }
        return Result(runner: runner, cast: castWriter?.output)
    }
}
