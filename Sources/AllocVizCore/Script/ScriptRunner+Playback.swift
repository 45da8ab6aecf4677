extension ScriptRunner {
    /// Runs the whole script, then rewinds the session to step 0, so an interactive player
    /// steps through the recorded timeline with `session.redo()` / `session.seek(to:)` at any
    /// speed and backwards, stopping at ``pauseSteps``.
    public func prepareForPlayback() {
        runToEnd()
        session.seek(to: 0)
    }

    /// The step numbers (1-based, as `session.position` after the step) of the script's `pause`
    /// lines: where interactive playback stops.
    public var pauseSteps: [Int] {
        let steps = session.steps
        return steps.indices.filter {
            if case .pause = steps[$0].command { return true }
            return false
        }.map { $0 + 1 }
    }

    /// The expectation results checked after `step` steps (before the next step).
    public func expectations(afterStep step: Int) -> [ExpectationResult] {
        results.filter { $0.step == step }
    }
}
