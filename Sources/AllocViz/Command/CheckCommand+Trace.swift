import AllocVizCore

extension CheckCommand {
    /// What checking one file gave.
    enum Outcome {
        case ok
        case badInput
    }

    /// Checks the trace file at `path` as a stream (``TraceStream``): a first pass finds bad
    /// input and the figures the lanes are sized from, a second plays each operation as it is
    /// read on a session without history. Prints what ``run()`` prints for a parsed trace.
    /// - Complexity: memory independent of the trace's length (its live ids, the lanes, one buffer).
    func checkStreamedTrace(_ path: String, err: inout StandardError) -> Outcome {
        let session: Session
        do {
            let script = try traceLanes.fit(try TraceStream.scan(path).sizingLanesFromTrace(), budget: budget)
            for warning in script.trace?.warnings ?? [] { print(warning, to: &err) }
            if let sizing = script.laneSizing, !quiet { print("\(path): \(sizing)") }
            session = Session(lanes: script.effectiveLanes, title: script.title, recordsHistory: false)
            let refused = try TraceStream.run(path, on: session)
            if !refused.isEmpty {
                for problem in refused { print(problem.description, to: &err) }
                return .badInput
            }
        } catch {
            print(error.description, to: &err)
            return .badInput
        }
        if !quiet { print("\(path): ok (\(Self.summary(steps: session.position, expectations: 0))\(Self.failedRequests(session)))") }
        return .ok
    }
}
