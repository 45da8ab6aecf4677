/// A step of the timeline as the history presents it: the command and where it came from.
public struct HistoryStep: Hashable, Sendable {
    /// The command applied.
    public var command: SessionCommand
    /// Where it came from.
    public var origin: StepOrigin

    /// Creates a step.
    public init(command: SessionCommand, origin: StepOrigin) {
        self.command = command
        self.origin = origin
    }
}

/// A step's origin as the history stores it (8 bytes): a random step refers to its batch's
/// entry in ``Session``'s batch table instead of carrying the workload.
enum StoredOrigin: Hashable, Sendable {
    /// ``StepOrigin/manual``.
    case manual
    /// ``StepOrigin/script(line:)``.
    case script(line: Int32)
    /// ``StepOrigin/random(batch:workload:count:index:line:)``: the slot of its batch in the
    /// session's batch table (the step's index in the batch is its step number minus the
    /// batch's first step).
    case random(slot: Int32)
}

/// One step as the history stores it: the command and a compact origin, nothing the step
/// computed (events, outcomes and figures are recomputed from a snapshot when shown).
struct StoredStep: Sendable {
    /// The command applied.
    var command: SessionCommand
    /// Where it came from.
    var origin: StoredOrigin
}

/// A random batch as the session's batch table keeps it, once for all its steps.
struct RandomBatchEntry: Hashable, Sendable {
    /// The batch number (unique within the session).
    var number: Int
    /// The workload the batch draws from.
    var workload: RandomWorkload
    /// The number of operations the batch was asked for.
    var count: Int
    /// The script line, if any.
    var line: Int?
    /// The step number (0-based) of the batch's operation 0.
    var firstStep: Int
}

extension Session {
    /// The bytes the history keeps per step (the stride of its stored step: command and
    /// compact origin); a random batch adds one table entry for all its steps.
    public static var storedBytesPerStep: Int { MemoryLayout<StoredStep>.stride }

    /// The bytes the history's steps occupy: the stored steps and the batch table (the
    /// snapshots and the cached records aside; an array's spare capacity, untouched, is not
    /// counted).
    public var estimatedHistoryBytes: Int {
        history.count * MemoryLayout<StoredStep>.stride + randomBatches.count * MemoryLayout<RandomBatchEntry>.stride
    }

    /// The steps of the timeline (applied and redoable; empty without history), as a value: it
    /// does not follow the session's later steps (and while one is held, the session's next
    /// step copies the stored steps: read it, then let it go).
    /// - Complexity: O(1).
    public var steps: Steps { Steps(stored: history, batches: randomBatches) }

    /// The applied steps (`steps[0..<position]`; empty without history).
    public var appliedSteps: Slice<Steps> { steps[0 ..< (recordsHistory ? position : 0)] }

    /// The steps of a session's timeline: command and origin of each.
    public struct Steps: RandomAccessCollection, Sendable {
        let stored: [StoredStep]
        let batches: [RandomBatchEntry]

        /// 0.
        public var startIndex: Int { 0 }
        /// The number of steps.
        public var endIndex: Int { stored.count }

        /// Step `index` (0-based: the step that leads to position `index + 1`).
        /// - Complexity: O(1).
        public subscript(index: Int) -> HistoryStep {
            HistoryStep(command: stored[index].command, origin: Session.origin(stored[index].origin, step: index, batches: batches))
        }
    }

    /// The full origin of a stored one at step `step`.
    static func origin(_ stored: StoredOrigin, step: Int, batches: [RandomBatchEntry]) -> StepOrigin {
        switch stored {
        case .manual: return .manual
        case .script(let line): return .script(line: Int(line))
        case .random(let slot):
            let batch = batches[Int(slot)]
            return .random(batch: batch.number, workload: batch.workload, count: batch.count,
                           index: step - batch.firstStep, line: batch.line)
        }
    }

    /// The compact form of `origin` for step `step`, adding its batch to the table when the
    /// table's last entry is not that batch.
    /// - Complexity: O(1).
    func storedOrigin(_ origin: StepOrigin, step: Int) -> StoredOrigin {
        switch origin {
        case .manual: return .manual
        case .script(let line): return .script(line: Int32(line))
        case .random(let number, let workload, let count, let index, let line):
            let entry = RandomBatchEntry(number: number, workload: workload, count: count, line: line, firstStep: step - index)
            if randomBatches.last != entry { randomBatches.append(entry) }
            return .random(slot: Int32(randomBatches.count - 1))
        }
    }
}
