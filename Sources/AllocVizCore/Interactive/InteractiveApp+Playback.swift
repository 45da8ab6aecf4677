import Allocators

/// Playback in time: ticks, sub-step animation, note holds, the help pause, expectations.
extension InteractiveApp {
    /// Advances playback by one frame (call every ``stepInterval`` seconds): the next sub-step
    /// of the step being animated, else the next step (a script's, or a random operation in a
    /// live session). Returns whether anything changed.
    ///
    /// After a step's last frame: a script's `pause` pauses playback, a `note` holds it until
    /// space is pressed, and the end of the script pauses it.
    @discardableResult
    public func tick() -> Bool {
        guard mode == .playing else { return false }
        if let frame = currentSubStep {
            if frame < StepAnimation(record: session.records[session.position - 1]).frameCount {
                animationFrame = frame + 1
            } else {
                stopAnimation()
                stepShown()
            }
            return true
        }
        stopAnimation()
        if session.canRedo {
            session.redo()
            clampSelections()
            if !startAnimation() { stepShown() }
            return true
        }
        if scriptStepCount == nil {
            // A live session plays random operations.
            session.performRandomStep()
            clampSelections()
            startAnimation()
            return true
        }
        finishPlayback()
        return true
    }

    /// The sub-step of the current step to draw, if one is being shown.
    var currentSubStep: Int? {
        guard let frame = animationFrame, let step = animatedStep, step.position == session.position,
              step.command == session.currentRecord?.command else { return nil }
        return frame
    }

    /// Starts the current step's animation when it has sub-steps and animation is on;
    /// returns whether it did.
    @discardableResult
    func startAnimation() -> Bool {
        guard animates, let record = session.currentRecord, StepAnimation(record: record).frameCount > 0 else { return false }
        animationFrame = 1
        animatedStep = (session.position, record.command)
        return true
    }

    /// Shows the current step's final frame.
    func stopAnimation() {
        animationFrame = nil
        animatedStep = nil
    }

    /// The `s` key: animation on or off (off also ends the animation being shown).
    func toggleAnimation() {
        animates.toggle()
        if !animates { stopAnimation() }
        message = animates ? "animation on: each split, merge and coalesce gets a frame of its own"
                           : "animation off: one frame per step"
    }

    /// What happens once a script step's final frame is on screen: expectations reported,
    /// then a `pause` pauses, a `note` holds until space, the end of the script pauses.
    func stepShown() {
        guard scriptStepCount != nil else { return }
        let reported = reportExpectations()
        if !session.canRedo {
            mode = .paused
            if !reported { message = Self.endOfScript }
            return
        }
        switch session.currentRecord?.command {
        case .pause?:
            mode = .paused
            message = "paused by the script: space continues"
        case .note?:
            mode = .paused
            message = Self.noteHold + (reported ? " · " + (message ?? "") : "")
        default:
            break
        }
    }

    /// The status message while a note holds playback.
    static let noteHold = "note: read it, then space continues"

    /// Shows the script's `expect` results checked right after the current step; returns
    /// whether there were any.
    @discardableResult
    func reportExpectations() -> Bool {
        guard let runner else { return false }
        let results = runner.expectations(afterStep: session.position)
        guard !results.isEmpty else { return false }
        let failed = results.filter { !$0.passed }
        if let first = failed.first {
            message = "✗ \(first.message)"
        } else {
            let count = results.count == 1 ? "1 expectation holds" : "\(results.count) expectations hold"
            message = "✓ \(count): \(results.map { $0.expectation.text }.joined(separator: "; "))"
        }
        return true
    }

    static let endOfScript = "end of script: [ and ] step through history, u undoes, a/f/r/n go on by hand"

    func finishPlayback() {
        mode = .paused
        message = Self.endOfScript
    }

    /// The help overlay opened or closed: opening pauses playback, closing resumes it only
    /// when it was playing as the help opened.
    func helpToggled() {
        if showHelp {
            resumeAfterHelp = mode == .playing
            if resumeAfterHelp { mode = scriptStepCount == nil ? .manual : .paused }
        } else if resumeAfterHelp {
            resumeAfterHelp = false
            mode = .playing
        }
    }
}
