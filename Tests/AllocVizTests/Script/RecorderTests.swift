import Testing
@testable import AllocVizCore

/// Runs `text`, returns the runner.
private func run(_ text: String, file: String = "rec.aviz") throws -> ScriptRunner {
    let runner = try ScriptRunner(script: try ScriptParser.parse(text, file: file))
    runner.runToEnd()
    return runner
}

@Suite struct RecorderTests {
    static let story = """
        title "Round \\"trip\\""
        buddy 256KiB min=1KiB name=b1 impl=array-list
        buddy 256KiB min=1KiB name=b2
        heap 16KiB
        alloc A 3000
        alloc B 12KiB align=64
        note "a note with \\\\ and \\"quotes\\""
        random 150 seed=3 sizes=16..6KiB free=35% realloc=20% align=8..512
        free A
        free A again
        realloc B 20KiB
        alloc @500 77
        pause
        random 60 seed=11 sizes=1..300 free=50%
        free @500
        alloc C 1.5KiB
        """

    @Test(arguments: [Recorder.Style.concrete, .randomLines])
    func scriptRunRecordRunGivesTheSameState(style: Recorder.Style) throws {
        let original = try run(Self.story)
        let recorded = Recorder.script(for: original.session, style: style)
        let replay = try run(recorded, file: "recorded.aviz")
        #expect(fingerprint(replay.session) == fingerprint(original.session))
        #expect(replay.session.position == original.session.position)
        #expect(replay.session.title == "Round \"trip\"")
        // Recording the replay gives the same text again.
        #expect(Recorder.script(for: replay.session, style: style) == recorded)
        if style == .randomLines {
            #expect(recorded.contains("random 150 seed=3 sizes=16..6KiB free=35% realloc=20% align=8..512\n"))
        } else {
            #expect(!recorded.contains("random "))
            #expect(recorded.contains("\nalloc @1 "))
        }
        #expect(recorded.contains("\nfree A again\n"))
        #expect(recorded.contains("buddy 256KiB min=1KiB name=b1 impl=array-list\nbuddy 256KiB min=1KiB name=b2 impl=bitmap\nheap 16KiB name=heap impl=segregated\n"))
    }

    @Test func aLiveSessionWithUndoRecordsOnlyItsAppliedSteps() throws {
        let session = try Session()
        try session.perform(.allocate(handle: "A", size: 100, alignment: 16))
        session.performRandom(RandomWorkload(seed: 9, sizes: 8...2048, freePercent: 30, reallocPercent: 30), count: 40)
        for _ in 0..<8 { session.performRandomStep() }
        session.seek(to: 30)  // undo into the middle of the random batch
        try session.perform(.free(handle: "A"))
        let text = Recorder.script(for: session, style: .randomLines)
        // The batch is incomplete now, so it is written as concrete operations.
        #expect(!text.contains("random "))
        let replay = try run(text)
        #expect(fingerprint(replay.session) == fingerprint(session))
    }

    @Test func recordedScriptsParseForEveryRandomTrace() throws {
        for seed in UInt64(1)...12 {
            let session = try Session(lanes: [try! LaneConfiguration.buddy(name: "b", size: 64 << 10, minimumBlock: 512),
                                              try! LaneConfiguration.heap(name: "h", capacity: 8 << 10)])
            session.performRandom(RandomWorkload(seed: seed, sizes: 1...5000, freePercent: 40, reallocPercent: 25, alignments: 8...4096), count: 120)
            for style in [Recorder.Style.concrete, .randomLines] {
                let replay = try run(Recorder.script(for: session, style: style))
                #expect(fingerprint(replay.session) == fingerprint(session), "seed \(seed)")
            }
        }
    }
}
