/// Plays a script without a terminal (`allocviz play --headless`): the final frame as text,
/// every frame, or one JSON object per step; optionally an asciicast recording and a recorded
/// script. Output goes through closures so the command writes to stdout and tests to strings.
public struct HeadlessPlayer {
    /// What to print.
    public enum Output: Sendable {
        /// The final frame as plain text.
        case finalFrame
        /// The initial frame (step 0), then a frame after every step, each headed by a rule
        /// naming the step and its command as the log shows it (`── step 8: free A again ──`).
        /// An animated step's sub-steps come first, headed `step N.k`; `step N` is its final state.
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
    /// Whether steps play their splits, merges and coalesces as sub-steps (``StepAnimation``)
    /// in `--frames` and the asciicast recording; `false` gives one frame per step.
    public var animates = true

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
    ///
    /// The script runs to its end first (JSON lines are written as it runs); frames and the
    /// recording then replay the recorded steps as interactive `play` does, so their status
    /// line shows `step N/TOTAL`, `END` on the last frame and each step's expectation results
    /// (`✓ 2 expectations hold: ...`, `✗ ...`) and, while playing, the pace of the cast's frames
    /// (`PLAYING x2.5`). Headless frames leave out the status line's key hints.
    /// - Throws: ``ScriptErrors`` when the script's handles or lanes are wrong (nothing printed).
    public func play(_ script: Script, cast: Bool = false, print: (String) -> Void) throws(ScriptErrors) -> Result {
        let runner = try ScriptRunner(script: script)
        let session = runner.session

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
        while !runner.finished {
            runner.runNextStatement(onStep: { _ in
                if output == .json { flushJSON(); pending = JSONSessionStep.object(session) }
            }, onExpectation: { result in
                pendingExpectations.append(result)
            })
        }
        // JSON: the last object, already holding the last expectations.
        flushJSON()

        let total = session.stepCount
        // The pace the status line names: frames per second, as interactive play's speed is,
        // at the cast's timing (text frames are the same frames).
        func pace(of record: StepRecord?) -> Double {
            if let record, case .random = record.origin { return 1 / castRandomStepSeconds }
            return 1 / castStepSeconds
        }
        func grid(subStep: Int? = nil) -> CellGrid {
            let atEnd = session.position == total && subStep == nil
            var options = SessionFrameBuilder.Options(mode: atEnd ? .finished : .playing(speed: pace(of: session.currentRecord)))
            options.subStep = subStep
            options.stepCount = total
            options.keyHints = false
            options.logEntries = size.height
            if subStep == nil { options.message = Self.expectationMessage(runner.expectations(afterStep: session.position)) }
            return FrameView.paint(SessionFrameBuilder.frame(session, options: options), size: size)
        }
        func text(_ grid: CellGrid) -> String { TextFrame.render(grid, ascii: ascii) }

        if output == .everyFrame || cast {
            var castWriter = cast ? AsciicastWriter(output: "", size: size, title: script.title, palette: castPalette) : nil
            var time = 0.0
            session.seek(to: 0)
            if output == .everyFrame { print("── step 0: start ──\n" + text(grid())) }
            castWriter?.frame(grid(), at: 0)
            while session.redo() {
                guard let record = session.currentRecord else { break }
                let subSteps = animates ? StepAnimation(record: record).frameCount : 0
                if output == .everyFrame {
                    var label = "step \(session.position): \(record.command)"
                    if record.failedSomewhere { label += "  (failed in a lane)" }
                    for subStep in stride(from: 1, through: subSteps, by: 1) {
                        print("── step \(session.position).\(subStep): \(record.command) ──\n" + text(grid(subStep: subStep)))
                    }
                    print("── \(label) ──\n" + text(grid()))
                }
                if castWriter != nil {
                    if case .note(let note) = record.command {
                        time += castStepSeconds
                        castWriter!.marker(note, at: time)
                        castWriter!.frame(grid(), at: time)
                        time += castNoteSeconds
                    } else {
                        let interval: Double
                        if case .random = record.origin { interval = castRandomStepSeconds } else { interval = castStepSeconds }
                        for subStep in stride(from: 1, through: subSteps, by: 1) {
                            time += interval
                            castWriter!.frame(grid(subStep: subStep), at: time)
                        }
                        time += interval
                        castWriter!.frame(grid(), at: time)
                    }
                }
            }
            if output == .finalFrame { print(text(grid())) }
            return Result(runner: runner, cast: castWriter?.output)
        }
        if output == .finalFrame { print(text(grid())) }
        return Result(runner: runner, cast: nil)
    }

    /// The status line's report of the expectations checked after a step, as interactive
    /// `play` shows it: `✓ 2 expectations hold: a; b`, or `✗` and the first failure's message;
    /// nil when there are none.
    public static func expectationMessage(_ results: [ExpectationResult]) -> String? {
        guard !results.isEmpty else { return nil }
        if let failed = results.first(where: { !$0.passed }) { return "✗ \(failed.message)" }
        let count = results.count == 1 ? "1 expectation holds" : "\(results.count) expectations hold"
        return "✓ \(count): \(results.map { $0.expectation.text }.joined(separator: "; "))"
    }
}
