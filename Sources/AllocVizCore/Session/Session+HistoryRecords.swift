/// The full records of a contiguous run of steps (`lowerBound ..< upperBound`) around a
/// session's position: what the frames, the log and the JSON read, recomputed from a snapshot
/// when they are not here.
///
/// It keeps at most `limit` records: when a record stored at one end makes it longer, it drops
/// records at the other end down to three quarters of `limit` (so dropping costs O(1) amortized
/// per stored record).
struct RecordCache {
    /// The step number of `records[0]`.
    private(set) var lowerBound = 0
    /// The records of steps `lowerBound ..< upperBound`.
    private(set) var records: [StepRecord] = []
    /// The most records kept.
    let limit: Int

    init(limit: Int) { self.limit = max(2, limit) }

    /// One past the last cached step.
    var upperBound: Int { lowerBound + records.count }

    /// The record of step `index`, if cached.
    func record(at index: Int) -> StepRecord? {
        index >= lowerBound && index < upperBound ? records[index - lowerBound] : nil
    }

    /// The records of `range`, if all are cached.
    func records(in range: Range<Int>) -> ArraySlice<StepRecord>? {
        guard range.lowerBound >= lowerBound && range.upperBound <= upperBound else { return nil }
        return records[(range.lowerBound - lowerBound) ..< (range.upperBound - lowerBound)]
    }

    /// The first step of `range` whose record is missing, or `range.upperBound` when all are cached.
    func firstMissing(in range: Range<Int>) -> Int {
        guard !range.isEmpty else { return range.upperBound }
        guard range.lowerBound >= lowerBound && range.lowerBound < upperBound else { return range.lowerBound }
        return min(upperBound, range.upperBound)
    }

    /// Stores the record of step `index`: replacing a cached one, extending the run at either
    /// end, or else starting a new run.
    mutating func store(_ record: StepRecord, at index: Int) {
        let keep = limit - limit / 4
        if index >= lowerBound && index < upperBound {
            records[index - lowerBound] = record
        } else if index == upperBound || records.isEmpty {
            if records.isEmpty { lowerBound = index }
            records.append(record)
            if records.count > limit {
                let dropped = records.count - keep
                records.removeFirst(dropped)
                lowerBound += dropped
            }
        } else if index == lowerBound - 1 {
            records.insert(record, at: 0)
            lowerBound = index
            if records.count > limit { records.removeLast(records.count - keep) }
        } else {
            records = [record]
            lowerBound = index
        }
    }

    /// Forgets the records of steps `index...` (the steps were dropped).
    mutating func removeAll(from index: Int) {
        if index <= lowerBound {
            records.removeAll(keepingCapacity: true)
        } else if index < upperBound {
            records.removeLast(upperBound - index)
        }
    }
}

extension Session {
    /// The full record of step `index` (0-based; the step that leads to position `index + 1`):
    /// the command, its origin, and each lane's outcome, events and figures.
    ///
    /// The records of the ``recordWindow`` steps before the position are cached (stepping
    /// forward computes each once, as it is applied); another step's record is recomputed by
    /// replaying from the nearest snapshot at or before it. Without history only the current
    /// step's record exists.
    /// - Precondition: `0 <= index < stepCount` (with history), `index == position - 1` without.
    /// - Complexity: O(1) within the cached window, else O(``snapshotInterval``) replays and
    ///   one snapshot copy.
    public func record(at index: Int) -> StepRecord {
        guard recordsHistory else {
            guard index == position - 1, let latestRecord else {
                preconditionFailure("a session without history keeps only its current step's record")
            }
            return latestRecord
        }
        precondition(index >= 0 && index < history.count, "step \(index) is outside the timeline 0..<\(history.count)")
        if let record = recordCache.record(at: index) { return record }
        return recomputedRecords(in: index ..< index + 1)[0]
    }

    /// The full records of the steps in `range` (see ``record(at:)``), in order.
    /// - Complexity: O(`range.count`) within the cached window, else one replay from the
    ///   nearest snapshot at or before `range.lowerBound` to `range.upperBound`.
    public func records(in range: Range<Int>) -> [StepRecord] {
        guard !range.isEmpty else { return [] }
        guard recordsHistory else { return range.map(record(at:)) }
        precondition(range.lowerBound >= 0 && range.upperBound <= history.count,
                     "steps \(range) are outside the timeline 0..<\(history.count)")
        if let cached = recordCache.records(in: range) { return Array(cached) }
        return recomputedRecords(in: range)
    }

    /// The number of full records cached now (at most twice ``recordWindow``).
    public var cachedRecordCount: Int { recordCache.records.count }

    /// Replays on a copy of the nearest snapshot at or before `range.lowerBound`, with events and
    /// figures for the steps in `range`. The session itself does not move.
    private func recomputedRecords(in range: Range<Int>) -> [StepRecord] {
        let base = min(range.lowerBound / snapshotInterval, snapshots.count - 1)
        var scratch = snapshots[base].snapshot()
        var result: [StepRecord] = []
        result.reserveCapacity(range.count)
        for index in base * snapshotInterval ..< range.upperBound {
            let recording = index >= range.lowerBound
            let origin = recording ? Self.origin(history[index].origin, step: index, batches: randomBatches) : .manual
            let record = Self.apply(history[index].command, origin: origin, to: &scratch, recordMetrics: recording)
            if recording { result.append(record) }
        }
        return result
    }
}
