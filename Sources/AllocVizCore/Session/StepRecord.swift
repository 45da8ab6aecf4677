import Allocators

/// Where a step came from.
public enum StepOrigin: Hashable, Sendable {
    /// Typed or clicked by the user, or called through the API.
    case manual
    /// A script statement on this line.
    case script(line: Int)
    /// Operation `index` (0-based) of a batch of `count` random operations from `workload`
    /// (batch numbers are unique within a session; `line` is the script line, if any).
    case random(batch: Int, workload: RandomWorkload, count: Int, index: Int, line: Int?)

    /// The script line, if the step came from a script.
    public var line: Int? {
        switch self {
        case .manual: return nil
        case .script(let line): return line
        case .random(_, _, _, _, let line): return line
        }
    }
}

/// What one lane did in one step.
public enum LaneOutcome: Hashable, Sendable {
    /// The lane had nothing to do (a note or a pause).
    case idle
    /// The operation succeeded; for allocate and reallocate, the block's offset.
    case done(offset: Int?)
    /// The allocator could not serve the request (no room); nothing changed.
    case failed(String)
    /// The allocator detected misuse (a double free, a stale offset) and changed nothing.
    case rejected(String)
    /// There was nothing to do in this lane (freeing a handle whose allocation failed here).
    case skipped(String)

    /// `true` for ``failed(_:)`` and ``rejected(_:)``.
    public var isFailure: Bool {
        switch self {
        case .failed, .rejected: return true
        default: return false
        }
    }
}

/// One lane's part of a step: outcome, events, and the lane's figures after the step.
public struct LaneStep: Equatable, Sendable {
    /// What happened.
    public var outcome: LaneOutcome
    /// The allocator's events, in order.
    public var events: [LaneEvent]
    /// The lane's figures after the step.
    public var metrics: FragmentationMetrics
}

/// One step of a session's history.
public struct StepRecord: Equatable, Sendable {
    /// The command applied.
    public var command: SessionCommand
    /// Where it came from.
    public var origin: StepOrigin
    /// Each lane's part, in lane order.
    public var lanes: [LaneStep]

    /// `true` when the operation failed or was rejected in at least one lane.
    public var failedSomewhere: Bool { lanes.contains { $0.outcome.isFailure } }
}
