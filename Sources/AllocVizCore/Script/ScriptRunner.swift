import Allocators

/// The outcome of one `expect` line.
public struct ExpectationResult: Sendable, Equatable {
    /// The file, for messages.
    public var file: String
    /// Where the `expect` is.
    public var location: SourceLocation
    /// The expectation.
    public var expectation: Expectation
    /// The value read, or nil when it could not be read (e.g. a handle with no block).
    public var actual: Double?
    /// Why the value could not be read, if it could not.
    public var problem: String?
    /// Whether it held.
    public var passed: Bool
    /// The step number the expectation was checked after.
    public var step: Int

    /// `file:line: expectation failed: extfrag(heap) < 0.5 (actual 0.6250)`.
    public var message: String {
        let head = "\(file):\(location.line): expectation \(passed ? "held" : "failed"): \(expectation.text)"
        if let problem { return head + " (\(problem))" }
        return head + " (actual \(DisplayFormat.number(actual ?? .nan)))"
    }
}

/// Runs a parsed script on a fresh ``Session``: validates its handles, builds the lanes, applies
/// every statement in order and evaluates every `expect`.
public final class ScriptRunner {
    /// The script.
    public let script: Script
    /// The session the script drives.
    public let session: Session
    /// Results of the expectations evaluated so far, in order.
    public private(set) var results: [ExpectationResult] = []
    /// Index of the next statement to run.
    public private(set) var nextStatement = 0
    /// Statements the session refused although the validator accepted them (a bug if ever
    /// non-empty); `check` and `play` report them as errors.
    public private(set) var internalErrors: [ScriptDiagnostic] = []

    /// Prepares a run: checks handles (``ScriptValidator``) and builds the lanes. With
    /// `recordsHistory: false` the session keeps no step records or snapshots (see
    /// ``Session/recordsHistory``): `check` streams a long script or trace in bounded memory.
    /// - Throws: ``ScriptErrors`` with located messages when the script cannot run.
    public init(script: Script, snapshotInterval: Int = 512, recordsHistory: Bool = true) throws(ScriptErrors) {
        let problems = ScriptValidator.problems(in: script)
        if !problems.isEmpty { throw ScriptErrors(problems) }
        self.script = script
        // A trace's ids are never named again once freed: its session forgets them.
        session = Session(lanes: script.effectiveLanes, title: script.title, snapshotInterval: snapshotInterval,
                          recordsHistory: recordsHistory, forgetsFreedHandles: script.trace != nil)
    }

    /// Whether every statement has run.
    public var finished: Bool { nextStatement >= script.statements.count }

    /// Runs the next statement. `onStep` sees every step it makes (a `random` line makes
    /// many); `onExpectation` every expectation result.
    public func runNextStatement(onStep: (StepRecord) -> Void = { _ in }, onExpectation: (ExpectationResult) -> Void = { _ in }) {
        guard !finished else { return }
        let statement = script.statements[nextStatement]
        nextStatement += 1
        let line = statement.location.line
        // The validator proved every command legal, so `perform` does not throw here; if it
        // ever did, the problem is kept (and reported by check and play), never skipped silently.
        func perform(_ command: SessionCommand) {
            do {
                onStep(try session.perform(command, origin: .script(line: line)))
            } catch {
                internalErrors.append(ScriptDiagnostic(
                    file: script.file, location: statement.location, message: "cannot run this statement: \(error.description)",
                    sourceLine: script.sourceLines.indices.contains(line - 1) ? script.sourceLines[line - 1] : nil))
            }
        }
        switch statement.kind {
        case .alloc(let handle, let size, let alignment): perform(.allocate(handle: handle, size: size, alignment: alignment))
        case .free(let handle, let again): perform(.free(handle: handle, again: again))
        case .realloc(let handle, let size): perform(.reallocate(handle: handle, size: size))
        case .note(let text): perform(.note(text))
        case .pause: perform(.pause)
        case .random(let count, let workload):
            session.performRandom(workload, count: count, line: line, onStep: onStep)
        case .expect(let expectation):
            let result = evaluate(expectation, at: statement.location)
            results.append(result)
            onExpectation(result)
        }
    }

    /// Runs every remaining statement.
    public func runToEnd(onStep: (StepRecord) -> Void = { _ in }, onExpectation: (ExpectationResult) -> Void = { _ in }) {
        while !finished { runNextStatement(onStep: onStep, onExpectation: onExpectation) }
    }

    /// The expectations that failed so far.
    public var failures: [ExpectationResult] { results.filter { !$0.passed } }

    /// Evaluates `expectation` on the session's current state.
    public func evaluate(_ expectation: Expectation, at location: SourceLocation) -> ExpectationResult {
        var result = ExpectationResult(file: script.file, location: location, expectation: expectation, actual: nil,
                                       problem: nil, passed: false, step: session.position)
        switch Self.value(of: expectation.metric, lane: expectation.lane, in: session) {
        case .success(let value):
            result.actual = value
            result.passed = expectation.comparison.holds(value, expectation.value)
        case .failure(let problem):
            result.problem = problem.description
        }
        return result
    }

    /// Reads a metric of a lane from a session.
    public static func value(of metric: ScriptMetric, lane name: String, in session: Session) -> Result<Double, SessionError> {
        guard let index = session.laneIndex(named: name) else { return .failure(SessionError("no lane named \(name)")) }
        let lane = session.laneSnapshot(index)
        let metrics = lane.metrics
        func order(_ order: Int) -> Result<Int, SessionError> {
            guard let counts = lane.buddyFreeCounts, counts.indices.contains(order) else {
                return .failure(SessionError("\(name) has no order \(order)"))
            }
            return .success(order)
        }
        switch metric {
        case .externalFragmentation: return .success(metrics.externalFragmentation)
        case .internalFragmentation: return .success(Double(metrics.internalFragmentation))
        case .freeBytes: return .success(Double(metrics.freeBytes))
        case .usedBytes: return .success(Double(metrics.grantedBytes))
        case .requestedBytes: return .success(Double(metrics.requestedBytes))
        case .largestFree: return .success(Double(metrics.largestFreeBlock))
        case .liveBlocks: return .success(Double(metrics.liveBlockCount))
        case .utilisation: return .success(metrics.utilisation)
        case .sawicki: return .success(metrics.sawickiFragmentation)
        case .failures: return .success(Double(lane.failures))
        case .freeBlocks(nil): return .success(Double(metrics.freeBlockCount))
        case .freeBlocks(let level?): return order(level).map { Double(lane.buddyFreeCounts![$0]) }
        case .unusableIndex(let level): return order(level).map { lane.unusableIndex![$0] }
        case .offset(let handle): return lane.block(of: handle).map { Double($0.offset) }
        case .blockSize(let handle): return lane.block(of: handle).map { Double($0.granted) }
        case .failed(let handle): return .success(lane.lane.handles[handle]?.failed == true ? 1 : 0)
        case .moved(let handle): return .success(lane.lane.handles[handle]?.moved == true ? 1 : 0)
        case .alignment(let handle):
            return lane.block(of: handle).map { Double($0.offset == 0 ? metrics.capacity : 1 << $0.offset.trailingZeroBitCount) }
        case .binCount(let size, let sub):
            guard lane.configuration.kind == .heap else { return .failure(SessionError("\(name) is not a heap")) }
            guard let summary = lane.heapBins.first(where: { $0.bin == .small(chunkSize: size, subBin: 0) }) else {
                return .failure(SessionError("\(name) has no smallbin of \(size)-byte chunks"))
            }
            if let sub { return .success(Double(summary.subBinCounts.indices.contains(sub) ? summary.subBinCounts[sub] : 0)) }
            return .success(Double(summary.count))
        }
    }
}
