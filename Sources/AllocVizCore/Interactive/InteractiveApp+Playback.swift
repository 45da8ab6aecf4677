import Allocators

/// Playback in time: ticks, sub-step animation, note holds, the help pause, expectations.
extension InteractiveApp {
    /// Advances playback by one frame (call every ``stepInterval`` seconds): the next sub-step
    /// of the step being animated, else the next step (a script's, or a random operation in a
    /// live session). Returns whether anything changed.
    ///
    /// After a step's last frame: a script's `pause` pauses playback, a `note` holds it until
    /// space is pressed, and the end of the script pauses it. A script's `random` batch plays
    /// several steps a tick without sub-steps (``randomStepsPerTick()``).
    @discardableResult
    public func tick() -> Bool {
        guard mode == .playing else { return false }
        if let frame = currentSubStep {
            if frame < StepAnimation(record: session.record(at: session.position - 1)).frameCount {
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
            if let perTick = randomStepsPerTick() {
                // A `random` batch: several steps a tick, no sub-steps.
                for _ in 1 ..< perTick {
                    guard session.canRedo, case .random(let batch, _, _, _, _) = session.currentRecord?.origin,
                          case .random(let next, _, _, _, _) = session.steps[session.position].origin, next == batch,
                          runner?.expectations(afterStep: session.position).isEmpty ?? true else { break }
                    session.redo()
                }
                clampSelections()
                stepShown()
                return true
            }
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

    /// The longest a script's `random` batch plays, in seconds at the current speed.
    public static let randomBatchSeconds = 10.0

    /// When the current step belongs to a script's `random` batch: how many of its steps a tick
    /// plays, so the whole batch takes at most ``randomBatchSeconds`` (its `count` steps over
    /// `randomBatchSeconds × speed` ticks, at least 1); such steps have no sub-steps. Nil
    /// for other steps.
    func randomStepsPerTick() -> Int? {
        guard case .random(_, _, let count, _, _)? = session.currentRecord?.origin else { return nil }
        let ticks = max(1, Int((Self.randomBatchSeconds * speed).rounded(.down)))
        return max(1, (count + ticks - 1) / ticks)
    }

    /// The sub-step of the current step to draw, if one is being shown. Sub-steps are shown
    /// only while playing (``pausePlayback(showingStepEnd:)`` ends them), and only on the step
    /// they were started for.
    var currentSubStep: Int? {
        guard mode == .playing, let frame = animationFrame, let step = animatedStep, step.position == session.position,
              step.command == session.currentRecord?.command else { return nil }
        return frame
    }

    /// Stops playback: a live session returns to manual mode, a script pauses. A step whose
    /// sub-steps were being shown ends at once on its final frame, so no sub-step outlives
    /// playback (undo and redo later show that step's final frame). With `showingStepEnd` (space)
    /// what follows a step's final frame happens too, as after its last sub-step: its
    /// expectations are reported and the end of a script is noted; the keys that move on
    /// from the step (`[`, `]`, seeking, manual operations) leave that out.
    func pausePlayback(showingStepEnd: Bool = false) {
        let wasAnimating = currentSubStep != nil
        stopAnimation()
        guard mode == .playing else { return }
        mode = scriptStepCount == nil ? .manual : .paused
        if wasAnimating && showingStepEnd { stepShown() }
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
        guard let report = HeadlessPlayer.expectationMessage(runner.expectations(afterStep: session.position)) else { return false }
        message = report
        return true
    }

    static let endOfScript = "end of script: [ and ] step through history, u undoes, a/f/r/n go on by hand"

    func finishPlayback() {
        mode = .paused
        message = Self.endOfScript
    }

    /// The help overlay opened or closed: opening pauses playback (a step being animated ends
    /// on its final frame, as with space), closing resumes it only when it was playing as the
    /// help opened.
    func helpToggled() {
        if showHelp {
            resumeAfterHelp = mode == .playing
            pausePlayback(showingStepEnd: true)
        } else if resumeAfterHelp {
            resumeAfterHelp = false
            mode = .playing
        }
    }
}
