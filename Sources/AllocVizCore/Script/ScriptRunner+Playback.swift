extension ScriptRunner {
    /// Runs the whole script, then rewinds the session to step 0, so an interactive player
    /// steps through the recorded timeline with `session.redo()` / `session.seek(to:)` at any
    /// speed and backwards, stopping at ``pauseSteps``.
    /// `onProgress` hears the steps made so far and ``plannedStepCount`` every
    /// `progressInterval` steps (and once at the end).
    public func prepareForPlayback(progressInterval: Int = 1 << 16, onProgress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) {
        let total = plannedStepCount
        var done = 0
        runToEnd(onStep: { _ in
            done += 1
            if done % max(1, progressInterval) == 0 { onProgress(done, total) }
        })
        onProgress(done, total)
        session.seek(to: 0)
    }

    /// The steps the script makes: one a statement, except that a `random` line makes its
    /// count and an `expect` none.
    public var plannedStepCount: Int {
        script.statements.reduce(0) { total, statement in
            switch statement.kind {
            case .random(let count, _): total + count
            case .expect: total
            default: total + 1
            }
        }
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

    /// The expectation results checked after `step` steps (before the next step), while step
    /// `step` is still the script's own: a step made by hand (which drops the script's later
    /// steps) and every step after it have none, since the script's expectations there
    /// describe steps that are gone.
    /// - Complexity: O(expectation results).
    public func expectations(afterStep step: Int) -> [ExpectationResult] {
        if step > 0 {
            let steps = session.steps
            guard step <= steps.count, steps[step - 1].origin.line != nil else { return [] }
        }
        return results.filter { $0.step == step }
    }
}
