import Allocators
import Testing
@testable import AllocVizCore

/// The history keeps only commands and compact origins; every step's full record, recomputed
/// from a snapshot, equals the record the step returned when it was taken.
@Suite struct SessionHistoryTests {
    /// A session of random batches (with and without a script line), live random steps, named
    /// allocations, notes, pauses, frees and a deliberate double free on the default lanes, and
    /// the record each step returned as it was taken.
    static func build(interval: Int, budget: Int, window: Int, seed: UInt64) throws -> (Session, [StepRecord]) {
        let session = Session(lanes: LaneConfiguration.defaults, snapshotInterval: interval, snapshotBudget: budget,
                              recordWindow: window)
        var originals: [StepRecord] = []
        var random = TestRandom(seed: seed)
        for round in 0..<12 {
            let workload = RandomWorkload(seed: seed &+ UInt64(round), sizes: 8...6000, freePercent: 40,
                                          reallocPercent: 15, alignments: 8...512)
            session.performRandom(workload, count: 40 + random.below(60), line: round % 3 == 0 ? nil : round) {
                originals.append($0)
            }
            originals.append(try session.perform(.allocate(handle: "N\(round)", size: 100 + random.below(5000), alignment: nil),
                                                 origin: .script(line: 100 + round)))
            originals.append(try session.perform(.note("round \(round)")))
            for _ in 0 ..< random.below(20) { originals.append(session.performRandomStep()) }
            if round % 4 == 3 { originals.append(try session.perform(.pause)) }
            if round % 2 == 1 { originals.append(try session.perform(.free(handle: "N\(round - 1)"))) }
            if round == 3 { originals.append(try session.perform(.free(handle: "N0", again: true))) }
        }
        return (session, originals)
    }

    /// The current record and the cached window before the position are the originals, and the
    /// window is cached.
    static func expectWindow(_ session: Session, _ originals: [StepRecord], _ context: String) {
        let position = session.position
        #expect(session.currentRecord == (position > 0 ? originals[position - 1] : nil), "\(context)")
        let window = max(0, position - session.recordWindow) ..< position
        #expect(session.recordCache.firstMissing(in: window) == position, "\(context): window not cached")
        #expect(session.records(in: window) == Array(originals[window]), "\(context)")
        #expect(session.cachedRecordCount <= 2 * session.recordWindow, "\(context)")
    }

    static func expectSteps(_ session: Session, _ originals: [StepRecord]) {
        #expect(session.steps.map(\.command) == originals.map(\.command))
        #expect(session.steps.map(\.origin) == originals.map(\.origin))
    }

    @Test func everyRecomputedRecordEqualsTheRecordTheStepReturned() throws {
        let (session, originals) = try Self.build(interval: 4, budget: 256 << 20, window: 16, seed: 3)
        #expect(session.stepCount == originals.count)
        Self.expectSteps(session, originals)
        for index in originals.indices {
            #expect(session.record(at: index) == originals[index], "step \(index)")
        }
        #expect(session.records(in: 0 ..< originals.count) == originals)
        #expect(session.position == originals.count, "reading records does not move the session")
        Self.expectWindow(session, originals, "end")
    }

    @Test(arguments: [(interval: 4, budget: 256 << 20, seed: UInt64(5)), (interval: 3, budget: 1, seed: UInt64(8))])
    func undoRedoSeekAndNewStepsKeepTheRecords(interval: Int, budget: Int, seed: UInt64) throws {
        var (session, originals) = try Self.build(interval: interval, budget: budget, window: 16, seed: seed)
        if budget == 1 { #expect(session.snapshotInterval > interval, "the snapshots were thinned") }
        var random = TestRandom(seed: seed &* 31)
        for move in 0..<400 {
            let context = "move \(move) at \(session.position)"
            switch random.below(7) {
            case 0: session.undo()
            case 1: session.redo()
            case 2: session.seek(to: random.below(session.stepCount + 1))
            case 3: session.seek(to: session.position + random.below(40) - 20)
            case 4:
                let index = random.below(session.stepCount)
                #expect(session.record(at: index) == originals[index], "\(context): step \(index)")
            case 5:
                for _ in 0 ..< random.below(30) { session.redo() }
            default:
                if move % 5 == 0 {
                    // A new step drops the redoable ones.
                    originals.removeSubrange(session.position...)
                    originals.append(session.performRandomStep())
                } else {
                    session.undo()
                }
            }
            Self.expectWindow(session, originals, context)
        }
        Self.expectSteps(session, originals)
        #expect(session.records(in: 0 ..< originals.count) == originals)
        var sample = TestRandom(seed: seed)
        for _ in 0..<60 {
            let index = sample.below(originals.count)
            #expect(session.record(at: index) == originals[index], "step \(index)")
        }
        session.seek(to: session.stepCount)
        Self.expectWindow(session, originals, "at the end")
    }

    @Test func theHistoryKeepsLittlePerStep() throws {
        // The stored step: a command (its handle name inline) and an 8-byte origin.
        #expect(MemoryLayout<StoredOrigin>.stride <= 8)
        #expect(Session.storedBytesPerStep == MemoryLayout<StoredStep>.stride)
        #expect(MemoryLayout<StoredStep>.stride <= 48)

        let session = Session(recordWindow: 64)
        let steps = session.performRandom(RandomWorkload(seed: 2, sizes: 16...2048, freePercent: 45, reallocPercent: 10), count: 5000)
        #expect(steps == 0 ..< 5000)
        #expect(session.randomBatches.count == 1, "a batch's workload is kept once")
        #expect(session.cachedRecordCount <= 128)
        #expect(session.estimatedHistoryBytes == 5000 * Session.storedBytesPerStep + MemoryLayout<RandomBatchEntry>.stride)
        // The origin comes back whole.
        guard case .random(0, let workload, 5000, 4321, nil) = session.steps[4321].origin else {
            Issue.record("origin \(session.steps[4321].origin)")
            return
        }
        #expect(workload.seed == 2)
    }

    @Test func theDefaultWindowCoversWhatAFrameReads() {
        // A sub-step's sparkline reads the samples before the previous step; the log its entries.
        #expect(Session.defaultRecordWindow >= SessionFrameBuilder.sparklineLength + 1)
        #expect(Session.defaultRecordWindow >= SessionFrameBuilder.logLength)
        #expect(Session.defaultRecordWindow >= SessionFrameBuilder.focusLookBack)
    }
}
