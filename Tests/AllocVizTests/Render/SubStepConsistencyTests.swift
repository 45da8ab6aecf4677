import Testing
import Allocators
@testable import AllocVizCore

/// What a sub-step shows agrees with itself: stats, auto-focus, realloc moves, the headless
/// status line.
@Suite struct SubStepConsistencyTests {
    private func demo(_ prefix: String) throws -> Script {
        let path = try #require(DemoFiles.paths()?.first { $0.split(separator: "/").last?.hasPrefix(prefix) == true })
        return try ScriptFile.load(path)
    }

    /// The frames of `--frames`, keyed by their header's step label (`14.1`, `14`, `0`).
    private func frames(_ prefix: String, size: GridSize = GridSize(width: 100, height: 30)) throws -> [(label: String, text: String)] {
        var player = HeadlessPlayer()
        player.output = .everyFrame
        player.size = size
        var frames: [(String, String)] = []
        _ = try player.play(try demo(prefix)) { frame in
            let header = frame.prefix { $0 != "\n" }
            let label = header.dropFirst("── step ".count).prefix { $0 != ":" }
            frames.append((String(label), frame))
        }
        return frames
    }

    private func frame(_ frames: [(label: String, text: String)], _ label: String) throws -> String {
        try #require(frames.first { $0.label == label }?.text, "no frame \(label)")
    }

    private func session(_ prefix: String, at step: Int) throws -> Session {
        let runner = try ScriptRunner(script: try demo(prefix))
        runner.prepareForPlayback()
        runner.session.seek(to: step)
        return runner.session
    }

    private func subStep(_ session: Session, _ frame: Int?) -> FrameViewModel {
        var options = SessionFrameBuilder.Options()
        options.subStep = frame
        return SessionFrameBuilder.frame(session, options: options)
    }

    // MARK: 1. stats

    @Test func subStepStatsShowTheStateBeforeTheStepAndSaySo() throws {
        let session = try session("02", at: 14)
        let model = subStep(session, 1)
        let before = session.record(at: 12).lanes[0].metrics
        let stats = model.lanes[0].stats
        #expect(stats.beforeStep == 14)
        #expect(stats.free == before.freeBytes)
        #expect(stats.largestFree == before.largestFreeBlock)
        #expect(stats.used == before.grantedBytes)
        #expect(stats.externalFragmentationHistory.count == 13)
        // The buddyinfo of the state before the step: every event of the step undone.
        session.seek(to: 13)
        #expect(stats.buddyInfo == session.laneSnapshot(0).buddyFreeCounts)
        session.seek(to: 14)
        #expect(subStep(session, nil).lanes[0].stats.beforeStep == nil)

        let text = try frame(try frames("02"), "14.1")
        #expect(text.contains("stats · before step 14"))
        #expect(!text.contains("info 0 0 0 0 1"))
        let final = try frame(try frames("02"), "14")
        #expect(!final.contains("before step"))
        #expect(final.contains("info 0 0 0 0 1"))
    }

    @Test func subStepStatsOfTheFirstStepAreTheInitialState() throws {
        let session = try session("01", at: 0)
        session.seek(to: 1)
        let animation = StepAnimation(record: try #require(session.currentRecord))
        guard animation.frameCount > 0 else { return }
        let stats = subStep(session, 1).lanes[0].stats
        #expect(stats.used == 0)
        #expect(stats.free == stats.capacity)
        #expect(stats.beforeStep == 1)
    }

    // MARK: 2. auto-focus

    @Test func autoFocusIsTheSameForEverySubStepOfAStep() throws {
        let all = try frames("01")
        // The buddy panel's top border names the focus; its row labels sit at the left edge.
        func focus(_ text: String) -> String {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.dropFirst(2).prefix(12).map { String($0.prefix(5)) }.joined(separator: "|") + String(lines[2].prefix(50))
        }
        let final = focus(try frame(all, "2"))
        #expect(final.contains("focus"))
        let subSteps = all.filter { $0.label.hasPrefix("2.") }
        try #require(subSteps.count >= 4)
        for subStep in subSteps {
            #expect(focus(subStep.text) == final, "sub-step \(subStep.label)")
        }
    }

    enum Failure: Error { case notBuddy, notHeap }

    // MARK: 3. realloc moves

    @Test func buddyMoveBeatsComeAfterTheNewBlockAndBeforeTheOldOnesMerges() throws {
        let session = try session("06", at: 5)
        let record = try #require(session.currentRecord)
        let kinds = record.lanes[0].events.map(\.kind)
        let move = try #require(kinds.firstIndex(of: .move))
        #expect(kinds[..<move].contains(.allocate))
        #expect(!kinds[..<move].contains(.release))
        #expect(!kinds[..<move].contains(.merge))
    }

    @Test func realloc_moveSubStepsDifferAndShowTheOldBlockUntilTheMove() throws {
        let all = try frames("06")
        for step in ["5", "7", "9"] {
            let steps = all.filter { $0.label.hasPrefix(step + ".") }
            try #require(steps.count >= 2, "step \(step) has sub-steps")
            // Drop the header and status line: the pictures must differ.
            func picture(_ text: String) -> String {
                text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast(2)
                    .map { $0.replacingOccurrences(of: "▶", with: " ") }.joined(separator: "\n")
            }
            let pictures = steps.map { picture($0.text) }
            #expect(Set(pictures).count == pictures.count, "step \(step): two frames draw the same picture")
        }
    }

    @Test func buddyMoveSubStateKeepsTheOldBlockUntilTheMoveBeat() throws {
        let session = try session("06", at: 5)  // realloc C 3000: the buddy moves C
        let record = try #require(session.currentRecord)
        let animation = StepAnimation(record: record)
        let shape = try #require(session.configurations[0].buddyShape)
        let old = try #require(record.lanes[0].events.first { $0.kind == .release })  // C's old block
        let order = try #require(old.order)
        let oldNode = BuddyNodeID(order: order, index: try #require(old.offset) / shape.blockSize(order: order))
        let moveBeat = try #require(animation.beats[0].firstIndex { $0.event.kind == .move }) + 1
        for frame in 1 ... animation.frameCount {
            guard case .buddy(let buddy) = subStep(session, frame).lanes[0].content else { throw Failure.notBuddy }
            if frame < moveBeat {
                #expect(buddy.source.state(of: oldNode) == .allocated, "beat \(frame)")
                #expect(buddy.source.label(of: oldNode) == "C")
            } else {
                #expect(buddy.source.state(of: oldNode) != .allocated, "beat \(frame)")
            }
        }
    }

    @Test func heapMoveSubStateKeepsTheOldChunkUntilTheMoveBeat() throws {
        let session = try session("06", at: 7)  // realloc A 2000: the heap moves A
        let record = try #require(session.currentRecord)
        let animation = StepAnimation(record: record)
        let freed = try #require(record.lanes[1].events.first { $0.kind == .release })
        let oldChunk = try #require(freed.offset)
        let moveBeat = try #require(animation.beats[1].firstIndex { $0.event.kind == .move }) + 1
        try #require(moveBeat > 1)
        for frame in 1 ... animation.frameCount {
            guard case .heap(let heap) = subStep(session, frame).lanes[1].content else { throw Failure.notHeap }
            let chunk = heap.source.chunk(at: oldChunk)
            if frame < moveBeat {
                #expect(chunk?.state == .used, "beat \(frame)")
                #expect(chunk?.label == "A")
            } else {
                #expect(chunk?.state != .used, "beat \(frame)")
            }
        }
    }

    // MARK: 4. headless status line

    @Test func headlessFramesShowTheRealTotalEndAndExpectations() throws {
        let all = try frames("02")
        let total = try session("02", at: 0).stepCount
        let first = try frame(all, "0")
        #expect(first.contains("step 0/\(total)"))
        let fourteen = try frame(all, "14")
        #expect(fourteen.contains("step 14/\(total)"))
        let last = try #require(all.last?.text)
        #expect(last.contains("END  step \(total)/\(total)"))
        #expect(!all.dropLast().contains { $0.text.contains(" END ") })
        // Expectations checked after a step show on that step's frame.
        #expect(all.contains { $0.text.contains("✓ ") && $0.text.contains("expectation") })
        // No key hints in text dumps.
        #expect(!all.contains { $0.text.contains("?:help") })
    }

    @Test func theFinalFrameIsUnchanged() throws {
        var player = HeadlessPlayer()
        var out: [String] = []
        _ = try player.play(try demo("02")) { out.append($0) }
        #expect(out.count == 1)
        #expect(out[0].contains("END  step"))
        player.output = .everyFrame
        var frames: [String] = []
        _ = try player.play(try demo("02")) { frames.append($0) }
        // The last frame of --frames is the final frame, header aside.
        #expect(frames.last.map { String($0.drop { $0 != "\n" }.dropFirst()) }?.split(separator: "\n").dropLast().joined()
                == out[0].split(separator: "\n").dropLast().joined())
    }
}
