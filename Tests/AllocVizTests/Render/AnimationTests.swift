import Testing
import Allocators
@testable import AllocVizCore

/// Sub-steps: each split, merge and coalesce of a step is a frame of its own.
@Suite struct AnimationTests {
    private func buddySession(_ size: Int = 64 << 10) throws -> Session {
        try Session(lanes: [.buddy(size: size, minimumBlock: 4096)])
    }

    private func subStep(_ session: Session, _ frame: Int?) -> FrameViewModel {
        var options = SessionFrameBuilder.Options()
        options.subStep = frame
        return SessionFrameBuilder.frame(session, options: options)
    }

    private func buddy(_ model: FrameViewModel, lane: Int = 0) throws -> BuddyViewModel {
        guard case .buddy(let buddy) = model.lanes[lane].content else { throw AnimationTestError.notBuddy }
        return buddy
    }

    private func heap(_ model: FrameViewModel, lane: Int = 0) throws -> HeapViewModel {
        guard case .heap(let heap) = model.lanes[lane].content else { throw AnimationTestError.notHeap }
        return heap
    }

    enum AnimationTestError: Error { case notBuddy, notHeap }

    @Test func aSplitCascadeIsOneSplitPerSubStep() throws {
        let session = try buddySession()  // order 4: 64 KiB in 4 KiB blocks
        try session.perform(.allocate(handle: "A", size: 4096, alignment: nil))
        let animation = StepAnimation(record: try #require(session.currentRecord))
        #expect(animation.frameCount == 4)
        for frame in 1 ... 4 {
            let split = 5 - frame  // the order split at this beat
            let model = subStep(session, frame)
            let tree = try buddy(model)
            #expect(tree.highlights == [BuddyHighlight(node: BuddyNodeID(order: split, index: 0), kind: .split)])
            #expect(tree.source.state(of: BuddyNodeID(order: split, index: 0)) == .split)
            // Both halves are free: the lower one is not split or allocated yet.
            #expect(tree.source.state(of: BuddyNodeID(order: split - 1, index: 0)) == .free)
            #expect(tree.source.state(of: BuddyNodeID(order: split - 1, index: 1)) == .free)
            var counts = [0, 0, 0, 0, 0]
            for order in (split - 1) ..< 4 { counts[order] = 1 }
            counts[split - 1] = 2
            #expect(tree.source.freeBlockCounts() == counts)
            #expect(model.status.message == "buddy split \(frame)/4: order \(split) at 0x0 -> two order-\(split - 1) halves")
        }
        // The step's own frame: the final state, A allocated, every event highlighted.
        let final = try buddy(subStep(session, nil))
        #expect(final.source.state(of: BuddyNodeID(order: 0, index: 0)) == .allocated)
        #expect(final.highlights.count > 1)
    }

    @Test func aMergeCascadeIsOneMergePerSubStep() throws {
        let session = try buddySession()
        for (name, size) in [("A", 4096), ("B", 4096), ("C", 8192), ("D", 16384), ("E", 32768)] {
            try session.perform(.allocate(handle: name, size: size, alignment: nil))
        }
        for name in ["E", "A", "C", "D", "B"] { try session.perform(.free(handle: name)) }
        let animation = StepAnimation(record: try #require(session.currentRecord))
        #expect(animation.frameCount == 4)
        for order in 1 ... 4 {
            let model = subStep(session, order)
            let tree = try buddy(model)
            // The merged block is free at its order, highlighted; its parent still split.
            #expect(tree.highlights == [BuddyHighlight(node: BuddyNodeID(order: order, index: 0), kind: .merge)])
            #expect(tree.source.state(of: BuddyNodeID(order: order, index: 0)) == .free)
            if order < 4 {
                #expect(tree.source.state(of: BuddyNodeID(order: order + 1, index: 0)) == .split)
                #expect(tree.source.state(of: BuddyNodeID(order: order, index: 1)) == .free)
            }
            let upper = DisplayFormat.hex(4096 << (order - 1))
            #expect(model.status.message == "buddy merge \(order)/4: 0x0 + \(upper) -> order \(order) at 0x0")
        }
    }

    @Test func aHeapCoalesceWithBothNeighboursIsTwoSubSteps() throws {
        let session = try Session(lanes: [.heap(capacity: 4096)])
        for name in ["A", "B", "C", "D"] { try session.perform(.allocate(handle: name, size: 100, alignment: nil)) }
        try session.perform(.free(handle: "A"))
        try session.perform(.free(handle: "C"))
        try session.perform(.free(handle: "B"))
        let record = try #require(session.currentRecord)
        let animation = StepAnimation(record: record)
        #expect(animation.frameCount == 2)
        let final = try heap(subStep(session, nil))
        let finalChunks = chunkList(final.source)
        let merged = try #require(finalChunks.first { $0.state == .free })
        // Beat 1 merged B with A before it; C after it is still a chunk of its own.
        let first = try heap(subStep(session, 1))
        let firstChunks = chunkList(first.source)
        let pieces = firstChunks.filter { merged.byteRange.contains($0.offset) }
        #expect(pieces.count == 2)
        #expect(pieces.allSatisfy { $0.state == .free })
        #expect(pieces.first?.offset == merged.offset)
        #expect(pieces.map(\.size).reduce(0, +) == merged.size)
        #expect(first.highlights == [HeapHighlight(range: merged.offset ..< pieces[1].offset, kind: .merge)])
        // Beat 2 merged the rest: the final chunk.
        let second = try heap(subStep(session, 2))
        #expect(chunkList(second.source) == finalChunks)
        #expect(second.highlights == [HeapHighlight(range: merged.byteRange, kind: .merge)])
        #expect(subStep(session, 2).status.message?.hasPrefix("heap coalesce 2/2: with next") == true)
    }

    @Test func lanesAnimateSideBySideAndAFailedLaneHasNoBeats() throws {
        let session = try Session(lanes: [.buddy(size: 64 << 10), .heap(capacity: 4096)])
        try session.perform(.allocate(handle: "A", size: 1000, alignment: nil))
        let animation = StepAnimation(record: try #require(session.currentRecord))
        #expect(animation.beats[0].count == 4)
        #expect(animation.beats[1].count == 1)  // the heap split its one free chunk
        let third = subStep(session, 3)
        #expect(third.status.message == "buddy split 3/4: order 2 at 0x0 -> two order-1 halves")
        // The heap, out of beats, shows its final state with the step's highlights.
        #expect(try heap(third, lane: 1).highlights == (try heap(subStep(session, nil), lane: 1).highlights))
        // 8 KiB does not fit the 4 KiB heap: that lane failed and has no beats.
        try session.perform(.allocate(handle: "B", size: 8192, alignment: nil))
        let failed = StepAnimation(record: try #require(session.currentRecord))
        #expect(failed.beats[1].isEmpty)
    }

    // MARK: headless output

    private static let script = """
        title "Anim"
        buddy 64KiB min=4KiB
        alloc A 4KiB
        alloc B 4KiB
        free A
        free B
        free A again
        """

    private func frames(animates: Bool) throws -> [String] {
        var player = HeadlessPlayer()
        player.output = .everyFrame
        player.animates = animates
        var frames: [String] = []
        _ = try player.play(try ScriptParser.parse(Self.script, file: "anim.aviz")) { frames.append($0) }
        return frames
    }

    private func header(_ frame: String) -> String { String(frame.prefix { $0 != "\n" }) }

    @Test func framesStartAtStepZeroAndShowSubStepsBeforeEachStep() throws {
        let headers = try frames(animates: true).map(header)
        #expect(headers == [
            "── step 0: start ──",
            "── step 1.1: alloc A 4KiB ──", "── step 1.2: alloc A 4KiB ──", "── step 1.3: alloc A 4KiB ──",
            "── step 1.4: alloc A 4KiB ──", "── step 1: alloc A 4KiB ──",
            "── step 2: alloc B 4KiB ──",
            "── step 3: free A ──",
            "── step 4.1: free B ──", "── step 4.2: free B ──", "── step 4.3: free B ──", "── step 4.4: free B ──",
            "── step 4: free B ──",
            "── step 5: free A again  (failed in a lane) ──",
        ])
        let plain = try frames(animates: false).map(header)
        #expect(plain == headers.filter { !$0.contains(".") })
    }

    @Test func frameHeadersNameADeliberateDoubleFreeAsTheLogDoes() throws {
        let last = try #require(try frames(animates: false).last)
        #expect(header(last).hasPrefix("── step 5: free A again"))
        #expect(last.contains("free A again"))  // the log says the same
    }

    /// Failed before: every playing frame read `PLAYING x1`, a pace nothing plays at. The
    /// frames are the cast's, which shows one every `castStepSeconds` (0.4 s: x2.5) and a
    /// `random` line's every `castRandomStepSeconds` (0.05 s: x20).
    @Test func playingFramesNameThePaceTheCastPlaysThemAt() throws {
        let lines = try frames(animates: true).map { frame in
            String(frame.split(separator: "\n").last { $0.contains("step ") } ?? "")
        }
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix(" PLAYING x2.5 ") }, "\(lines)")
        #expect(lines.last?.hasPrefix(" END ") == true)
        var player = HeadlessPlayer()
        player.output = .everyFrame
        var randomFrames: [String] = []
        _ = try player.play(try ScriptParser.parse("buddy 64KiB min=4KiB\nrandom 3 seed=1 sizes=4KiB..8KiB\nalloc Z 4KiB\n", file: "r.aviz")) {
            randomFrames.append($0)
        }
        let status = randomFrames.map { String($0.split(separator: "\n").last { $0.contains("step ") } ?? "") }
        #expect(status.contains { $0.hasPrefix(" PLAYING x20 ") }, "\(status)")
        #expect(status.contains { $0.hasPrefix(" PLAYING x2.5 ") }, "\(status)")
    }

    /// Failed before: the empty log of the step-0 frame said `(] or End to go forward)`,
    /// a key hint, in headless output, which has no keys.
    @Test func theHeadlessStepZeroLogNamesNoKeys() throws {
        let first = try #require(try frames(animates: false).first)
        #expect(first.contains("at step 0: 5 later steps"), "\(first)")
        #expect(!first.contains("(] or End"), "\(first)")
    }

    @Test func theCastHasASubStepFrameForEveryBeat() throws {
        var player = HeadlessPlayer()
        let result = try player.play(try ScriptParser.parse(Self.script, file: "anim.aviz"), cast: true) { _ in }
        let cast = try #require(result.cast)
        let outputs = cast.split(separator: "\n").filter { $0.contains("\"o\"") }.count
        let steps = result.runner.session.stepCount
        // The first frame, a frame per step and one per beat (4 splits, 4 merges).
        #expect(outputs == 1 + steps + 8)
        player.animates = false
        let plain = try #require(try player.play(try ScriptParser.parse(Self.script, file: "anim.aviz"), cast: true) { _ in }.cast)
        #expect(plain.split(separator: "\n").filter { $0.contains("\"o\"") }.count == 1 + steps)
    }
}

/// Every chunk `source` describes, in address order, read as the heap panel reads it: the
/// bytes of the whole region first, then chunk to chunk.
func chunkList(_ source: any HeapMapSource) -> [HeapChunkInfo] {
    _ = source.bytes(in: 0 ..< source.capacity, cells: 1)
    var chunks: [HeapChunkInfo] = []
    var offset = 0
    while offset < source.capacity {
        guard let chunk = source.chunk(at: offset) else { offset += 8; continue }
        chunks.append(chunk)
        offset = chunk.offset + chunk.size
    }
    return chunks
}
