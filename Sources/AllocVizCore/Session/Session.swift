import Allocators

/// Why a session refused a command (nothing changed).
public struct SessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The explanation.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// A visualizer session: one or more lanes (allocators) that receive the same requests, named
/// handles, and the full history of steps with undo, redo and seeking.
///
/// The history keeps per step only the command and a compact origin (``storedBytesPerStep``
/// bytes; a random batch's workload is kept once, in a table). The state is snapshotted every
/// ``snapshotInterval`` steps, so seeking to any step restores the nearest snapshot at or
/// before it and replays at most `snapshotInterval - 1` commands: a seek costs O(interval),
/// whatever the session's length. Snapshots stay within ``snapshotBudget`` bytes: when they
/// would not, every other one is dropped and the interval doubles (large heaps get fewer
/// snapshots and longer replays, never unbounded memory).
///
/// A step's full ``StepRecord`` (outcomes, events, figures) is recomputed when it is read
/// (``record(at:)``): the records of the ``recordWindow`` steps before the position are cached,
/// so the log, the sparklines and the current step's frame read no replay. A step taken or
/// redone puts the record it computed in the cache; a seek elsewhere computes the window's
/// records while it replays to its target (from the snapshot at or before the window's start).
public final class Session {
    /// The lanes' configurations, in lane order.
    public let configurations: [LaneConfiguration]
    /// A title (a script's `title`), if any.
    public var title: String?
    /// The current state (lanes, handles, totals).
    public private(set) var state: SessionState
    /// Every step of the timeline (command and compact origin), including steps undone but
    /// still redoable.
    private(set) var history: [StoredStep] = []
    /// The random batches the history's steps refer to (``StoredOrigin/random(slot:)``).
    var randomBatches: [RandomBatchEntry] = []
    /// The full records of the steps around the position.
    private(set) var recordCache: RecordCache
    /// How many steps before the position have their full records cached (what the frames read:
    /// the log, the sparklines' history, the buddy panel's focus).
    public let recordWindow: Int
    /// How many steps of the timeline are applied (the current step number).
    public private(set) var position = 0
    /// Steps between two snapshots (doubles when the snapshots outgrow ``snapshotBudget``).
    public private(set) var snapshotInterval: Int
    /// The most bytes the snapshots may take (estimated: heap regions, buddy bitmaps, handles).
    public let snapshotBudget: Int
    /// `snapshots[i]` is the state after `i * snapshotInterval` steps.
    private(set) var snapshots: [SessionState] = []
    /// The number of snapshots kept (the initial state included).
    public var snapshotCount: Int { snapshots.count }
    private var nextBatch = 0
    /// Counts changes of ``state``, so cached lane snapshots know when they are stale.
    private var stateVersion = 0
    private var cachedSnapshots: (version: Int, lanes: [LaneSnapshot?])?
    /// Whether every step is kept (records and snapshots, for undo, redo and seeking). Without
    /// history (`check`, `bench`) only the latest step's record is kept and memory does not
    /// grow with the number of steps.
    public let recordsHistory: Bool
    /// The latest step's record when no history is kept.
    private(set) var latestRecord: StepRecord?
    /// The generator behind ``performRandomStep(_:)`` (the live `n` key).
    public var interactiveGenerator = SplitMix64Generator(seed: RandomWorkload.interactiveDefault.seed)

    /// The default ``recordWindow``: more than the frames read back (the 400 sparkline samples
    /// before the step a sub-step shows, the 300 log entries).
    public static let defaultRecordWindow = 512

    /// Creates a session with fresh lanes. With `recordsHistory: false` the session keeps no
    /// steps and no snapshots (it cannot undo, redo or seek): memory independent of the
    /// number of steps, for running scripts and traces straight through. `recordWindow` steps
    /// before the position keep their full records (at most twice as many are cached).
    /// With `forgetsFreedHandles` every handle is forgotten once freed, as automatic handles
    /// always are (a trace's ids: memory follows the blocks live, not every id the trace used;
    /// a forgotten name cannot be freed `again`).
    public init(lanes configurations: [LaneConfiguration] = LaneConfiguration.defaults, title: String? = nil,
                snapshotInterval: Int = 512, snapshotBudget: Int = 256 << 20, recordsHistory: Bool = true,
                recordWindow: Int = Session.defaultRecordWindow, forgetsFreedHandles: Bool = false) {
        self.recordWindow = max(1, recordWindow)
        recordCache = RecordCache(limit: 2 * max(1, recordWindow))
        self.configurations = configurations
        self.recordsHistory = recordsHistory
        self.title = title
        self.snapshotInterval = max(1, snapshotInterval)
        self.snapshotBudget = snapshotBudget
        state = SessionState(lanes: configurations.map { LaneState(allocator: LaneAllocator(configuration: $0)) })
        state.handles.forgetsFreedNames = forgetsFreedHandles
        if recordsHistory { snapshots = [state.snapshot()] }
    }

    /// The number of steps in the timeline (applied or redoable).
    public var stepCount: Int { recordsHistory ? history.count : position }
    /// Whether a step can be undone (never without history).
    public var canUndo: Bool { recordsHistory && position > 0 }
    /// Whether an undone step can be redone.
    public var canRedo: Bool { position < history.count }
    /// The lane index of a lane name.
    public func laneIndex(named name: String) -> Int? { configurations.firstIndex { $0.name == name } }

    // MARK: commands

    /// Checks that `command` is legal for the current handles, without applying it.
    public func validate(_ command: SessionCommand) throws(SessionError) {
        switch command {
        case .allocate(_, let size, let alignment):
            guard size >= 1 else { throw SessionError("a size must be at least 1 byte") }
            if let alignment, alignment <= 0 || alignment & (alignment - 1) != 0 {
                throw SessionError("the alignment must be a power of two, found \(alignment)")
            }
        case .reallocate(_, let size):
            guard size >= 1 else { throw SessionError("a size must be at least 1 byte") }
        case .free, .note, .pause: break
        }
        if let violation = state.handles.violation(of: command) { throw SessionError(violation.message()) }
    }

    /// Applies `command` to every lane as a new step (dropping any redoable steps).
    /// - Throws: ``SessionError`` when the command is illegal for the current handles.
    @discardableResult
    public func perform(_ command: SessionCommand, origin: StepOrigin = .manual) throws(SessionError) -> StepRecord {
        try validate(command)
        return append(command, origin: origin)
    }

    /// Applies `count` operations of a seeded workload (one step each), exactly as a script's
    /// `random` line does. Returns the new steps' numbers (0-based, for ``steps`` and
    /// ``records(in:)``); no record is held, so a long run keeps only its compact history.
    /// `onStep` is called after each step, while the session is at that step.
    @discardableResult
    public func performRandom(_ workload: RandomWorkload, count: Int, line: Int? = nil,
                              onStep: (StepRecord) -> Void = { _ in }) -> Range<Int> {
        var generator = SplitMix64Generator(seed: workload.seed)
        let batch = nextBatch
        nextBatch += 1
        let first = position
        for index in 0..<count {
            let choice = workload.choose(liveCount: state.handles.automaticPool.count, using: &generator)
            let command = state.handles.command(for: choice)
            let record = append(command, origin: .random(batch: batch, workload: workload, count: count, index: index, line: line))
            onStep(record)
        }
        return first ..< position
    }

    /// One random operation drawn from ``interactiveGenerator`` (the live `n` key, space in
    /// `run`): from `workload`, or by default from ``liveRandomWorkload()``, which suits the
    /// session's smallest lane and frees more as the lanes fill.
    @discardableResult
    public func performRandomStep(_ workload: RandomWorkload? = nil) -> StepRecord {
        let workload = workload ?? liveRandomWorkload()
        let choice = workload.choose(liveCount: state.handles.automaticPool.count, using: &interactiveGenerator)
        return append(state.handles.command(for: choice), origin: .manual)
    }

    /// The live session's random workload now: sizes from 16 B to 1/32 of the smallest lane's
    /// capacity (at most the 4 KiB of ``RandomWorkload/interactiveDefault``), 10 % reallocations,
    /// and a free chance of `20 + 70 × fill` percent, where `fill` is the largest fraction of a
    /// lane's capacity in use after the current step. The smallest lane thus stays busy but
    /// rarely runs out; script `random` lines keep their own explicit workloads.
    /// - Complexity: O(lanes).
    public func liveRandomWorkload() -> RandomWorkload {
        var workload = RandomWorkload.interactiveDefault
        let smallest = configurations.map(\.capacity).min() ?? 0
        let largestSize = min(workload.sizes.upperBound, max(16, smallest / 32))
        workload.sizes = min(16, largestSize) ... largestSize
        var fill = 0.0
        if let last = currentRecord {
            for metrics in last.lanes.map(\.metrics) where metrics.capacity > 0 {
                fill = max(fill, Double(metrics.grantedBytes) / Double(metrics.capacity))
            }
        }
        workload.freePercent = 20 + Int((70 * fill).rounded())
        workload.reallocPercent = 10
        return workload
    }

    private func append(_ command: SessionCommand, origin: StepOrigin) -> StepRecord {
        if position < history.count {
            history.removeSubrange(position...)
            recordCache.removeAll(from: position)
            let keep = position / snapshotInterval + 1
            if snapshots.count > keep { snapshots.removeSubrange(keep...) }
        }
        // The cached lane snapshots share the state's storage (the handle tables): dropped first,
        // the step changes the state in place instead of copying every handle entry.
        cachedSnapshots = nil
        let record = Self.apply(command, origin: origin, to: &state, recordMetrics: true)
        stateVersion += 1
        position += 1
        guard recordsHistory else {
            latestRecord = record
            return record
        }
        history.append(StoredStep(command: command, origin: storedOrigin(origin, step: position - 1)))
        recordCache.store(record, at: position - 1)
        if position % snapshotInterval == 0 && snapshots.count == position / snapshotInterval {
            addSnapshot(at: position)
        }
        return record
    }

    // MARK: history

    /// Goes back one step. Returns false at the start.
    @discardableResult public func undo() -> Bool {
        guard canUndo else { return false }
        seek(to: position - 1)
        return true
    }

    /// Re-applies the next undone step. Returns false when there is none.
    @discardableResult public func redo() -> Bool {
        guard canRedo else { return false }
        seek(to: position + 1)
        return true
    }

    /// Moves to the state after `step` steps (clamped to `0...stepCount`), with the records of
    /// the ``recordWindow`` steps before it cached: those missing are computed on the way (the
    /// replay then starts from the snapshot at or before the first missing one).
    /// - Complexity: O(``snapshotInterval`` + ``recordWindow``) command replays plus one
    ///   snapshot copy; one replay when the window is cached and the target is the next step
    ///   (redo).
    public func seek(to step: Int) {
        guard recordsHistory else { return }
        let target = min(max(0, step), history.count)
        guard target != position else { return }
        // The first step of the window before the target without a cached record (or target).
        let missing = recordCache.firstMissing(in: max(0, target - recordWindow) ..< target)
        let base = min(missing / snapshotInterval, snapshots.count - 1)
        let baseStep = base * snapshotInterval
        var from = position
        var recordFrom = missing
        if target < position || missing < position || target - position > target - baseStep {
            state = snapshots[base].snapshot()
            from = baseStep
            // Replaying from a snapshot anyway: cache as many records as fit behind the target,
            // so the next steps back find theirs.
            if missing < target { recordFrom = max(baseStep, target - recordCache.limit) }
        }
        cachedSnapshots = nil
        stateVersion += 1
        for index in from..<target {
            let stored = history[index]
            if index >= recordFrom {
                let origin = Self.origin(stored.origin, step: index, batches: randomBatches)
                recordCache.store(Self.apply(stored.command, origin: origin, to: &state, recordMetrics: true), at: index)
            } else {
                _ = Self.apply(stored.command, origin: .manual, to: &state, recordMetrics: false)
            }
            let reached = index + 1
            if reached % snapshotInterval == 0 && snapshots.count == reached / snapshotInterval {
                addSnapshot(at: reached)
            }
        }
        position = target
    }

    /// Appends a snapshot of the current state after `step` steps (when `step` falls on the
    /// interval), thinning the snapshots first when they would outgrow the budget.
    private func addSnapshot(at step: Int) {
        if snapshots.count >= 2 && (snapshots.count + 1) * state.estimatedSnapshotBytes > snapshotBudget {
            // Keep snapshots 0, 2, 4, ...: snapshot j is then at j * (2 * interval).
            snapshots = stride(from: 0, to: snapshots.count, by: 2).map { snapshots[$0] }
            snapshotInterval *= 2
        }
        if step % snapshotInterval == 0 && snapshots.count == step / snapshotInterval {
            snapshots.append(state.snapshot())
        }
    }

    /// Lane `index` as it is after the current step, computed once per step.
    public func laneSnapshot(_ index: Int) -> LaneSnapshot {
        if cachedSnapshots?.version != stateVersion {
            cachedSnapshots = (stateVersion, Array(repeating: nil, count: configurations.count))
        }
        if let snapshot = cachedSnapshots?.lanes[index] { return snapshot }
        let snapshot = LaneSnapshot(index: index, configuration: configurations[index], lane: state.lanes[index], handleTable: state.handles)
        cachedSnapshots?.lanes[index] = snapshot
        return snapshot
    }

    /// Every lane as it is after the current step.
    public var laneSnapshots: [LaneSnapshot] { configurations.indices.map(laneSnapshot) }

    /// The record of the current step (nil at step 0), from the cache.
    public var currentRecord: StepRecord? {
        guard recordsHistory else { return latestRecord }
        return position > 0 ? record(at: position - 1) : nil
    }
}
