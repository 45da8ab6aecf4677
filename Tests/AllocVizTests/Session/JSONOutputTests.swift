import Allocators
import Testing
@testable import AllocVizCore

@Suite struct JSONOutputTests {
    static let script = """
        title "JSON"
        buddy 64KiB min=4KiB
        heap 4KiB
        expect free(buddy) == 64KiB
        alloc A 3000
        expect offset(buddy, A) == 0
        expect intfrag(buddy) == 1096
        alloc B 9KiB align=64
        note "tab\\there \\"quoted\\""
        free A
        random 30 seed=4 sizes=8..1KiB free=40% realloc=20% align=8..64
        free A again
        """

    func play() throws -> (lines: [String], runner: ScriptRunner) {
        var player = HeadlessPlayer()
        player.output = .json
        var lines: [String] = []
        let result = try player.play(try ScriptParser.parse(Self.script, file: "j.aviz")) { lines.append($0) }
        return (lines, result.runner)
    }

    @Test func oneObjectPerStepThatParses() throws {
        let (lines, runner) = try play()
        #expect(lines.count == runner.session.position + 1)
        for (step, line) in lines.enumerated() {
            #expect(!line.contains("\n"))
            let object = try ReadJSON.parse(line)
            #expect(object["format"]?.string == "allocviz-step/2")
            #expect(object["step"]?.int == step)
            #expect(object["lanes"]?.array?.count == 2)
            for lane in object["lanes"]?.array ?? [] {
                #expect(Set(lane.keys ?? []).isSuperset(of: ["name", "kind", "implementation", "outcome", "events", "metrics"]))
            }
        }
        // Members are written in a fixed order (a parsed object no longer has one: read the value).
        guard case .object(let step) = JSONSessionStep.object(runner.session),
              let lanesValue = step.first(where: { $0.0 == "lanes" })?.1, case .array(let lanes) = lanesValue else {
            Issue.record("a step is an object with a lanes array"); return
        }
        for case .object(let lane) in lanes {
            #expect(lane.map(\.0).starts(with: ["name", "kind", "implementation", "outcome", "events", "metrics"]))
        }
        let first = try ReadJSON.parse(lines[0])
        #expect(first["command"]?.isNull == true)
        #expect(first["expectations"]?[0]?["expect"]?.string == "free(buddy) == 64KiB")
        #expect(first["expectations"]?[0]?["passed"]?.bool == true)
        let second = try ReadJSON.parse(lines[1])
        #expect(second["command"]?.string == "alloc A 3000")
        #expect(second["origin"]?["line"]?.int == 5)
        #expect(second["expectations"]?.array?.count == 2)
        #expect(second["expectations"]?[1]?["actual"]?.int == 1096)
        let buddy = second["lanes"]?[0]
        #expect(buddy?["outcome"]?["status"]?.string == "done")
        #expect(buddy?["events"]?.array?.map { $0["kind"]?.string ?? "" } == ["claim", "split", "split", "split", "split", "allocate"])
        #expect(buddy?["buddy"]?["freeCounts"]?.array?.compactMap(\.int) == [1, 1, 1, 1, 0])
        #expect(buddy?["handles"]?["A"]?["requested"]?.int == 3000)
        let note = try ReadJSON.parse(lines[3])
        #expect(note["note"]?.string == "tab\there \"quoted\"")
        let last = try ReadJSON.parse(lines.last!)
        #expect(last["command"]?.string == "free A again")
        #expect(last["origin"]?["kind"]?.string == "script")
        let random = try ReadJSON.parse(lines[5])
        #expect(random["origin"]?["kind"]?.string == "random")
        #expect(random["origin"]?["index"]?.int == 0)
        #expect(random["origin"]?["seed"]?.string == "4")
    }

    @Test func theFinalObjectMatchesTheAllocatorsOwnIntrospection() throws {
        let (lines, runner) = try play()
        let last = try ReadJSON.parse(lines.last!)
        let state = runner.session.state
        let buddyJSON = try #require(last["lanes"]?[0]?["buddy"])
        let buddy = try #require(state.lanes[0].allocator.buddy?.allocator)
        #expect(buddyJSON["freeCounts"]?.array?.compactMap(\.int) == buddy.freeBlockCounts)
        #expect(buddyJSON["blocks"]?.array?.map { [$0["offset"]?.int, $0["order"]?.int, $0["granted"]?.int] }
                == buddy.liveBlocks.map { [$0.offset, $0.order, $0.grantedBytes] })
        #expect(buddyJSON["freeBlocks"]?.array?.map { [$0["offset"]?.int, $0["order"]?.int] }
                == buddy.freeBlocks.map { [$0.offset, $0.order] })
        let heapJSON = try #require(last["lanes"]?[1]?["heap"])
        let heap = try #require(state.lanes[1].allocator.heap?.heap)
        #expect(heapJSON["chunks"]?.array?.map { [$0["offset"]?.int, $0["size"]?.int] } == heap.chunks().map { [$0.offset, $0.size] })
        #expect(heapJSON["chunks"]?.array?.map { $0["state"]?.string == "free" } == heap.chunks().map(\.isFree))
        #expect(heapJSON["bins"]?.array?.map { $0["count"]?.int } == heap.binSummaries().filter { $0.count > 0 }.map(\.count))
        let firstHeap = try ReadJSON.parse(lines[0])["lanes"]?[1]?["heap"]
        #expect(firstHeap?["bins"]?.array?.count == heap.binSummaries().count)
        for (index, lane) in (last["lanes"]?.array ?? []).enumerated() {
            let metrics = state.lanes[index].metrics
            #expect(lane["metrics"]?["free"]?.int == metrics.freeBytes)
            #expect(lane["metrics"]?["largestFree"]?.int == metrics.largestFreeBlock)
            #expect(lane["metrics"]?["liveBlocks"]?.int == metrics.liveBlockCount)
            #expect(abs((lane["metrics"]?["externalFragmentation"]?.double ?? -1) - metrics.externalFragmentation) < 1e-6)
            // Every live handle holding a block here is listed; the others are counted.
            let holders = state.handles.liveNames.filter { state.lanes[index].handles[$0]?.block != nil }
            #expect(lane["handles"]?.keys == holders.sorted())
            #expect(lane["blocklessHandles"]?.int == state.handles.liveCount - holders.count)
        }
    }

    @Test func numbersAndStringsAreValidJSON() throws {
        #expect(JSONValue.number(0.5) == "0.5")
        #expect(JSONValue.number(2) == "2")
        #expect(JSONValue.number(1.0 / 3.0) == "0.333333")
        #expect(JSONValue.number(.nan) == "null")
        #expect(JSONValue.number(-.infinity) == "null")
        #expect(JSONValue.number(1e-9) == "0")
        let value = JSONValue.object([("a\"b", .array([.int(-3), .double(0.25), .null, .bool(true), .string("x\u{1}\n")]))])
        let parsed = try ReadJSON.parse(value.text)
        #expect(parsed["a\"b"]?[4]?.string == "x\u{1}\n")
        #expect(parsed["a\"b"]?[1]?.double == 0.25)
    }

    @Test func aLongRandomSessionStaysValidJSON() throws {
        // Big enough to cross several snapshot intervals; cheap enough for a debug build.
        let session = try Session(lanes: [try! LaneConfiguration.buddy(name: "b", size: 1 << 20, minimumBlock: 4096),
                                          try! LaneConfiguration.heap(name: "h", capacity: 64 << 10)])
        session.performRandom(RandomWorkload(seed: 77, sizes: 1...8192, freePercent: 40, reallocPercent: 20, alignments: 8...4096), count: 2000)
        for step in stride(from: 0, through: 2000, by: 250) {
            session.seek(to: step)
            let object = try ReadJSON.parse(JSONSessionStep.object(session).text)
            #expect(object["step"]?.int == step)
            let chunks = object["lanes"]?[1]?["heap"]?["chunks"]?.array ?? []
            // The chunks tile the chunk area: each starts where the previous one ended.
            for (a, b) in zip(chunks, chunks.dropFirst()) {
                #expect((a["offset"]?.int ?? 0) + (a["size"]?.int ?? 0) == b["offset"]?.int)
            }
        }
    }
}

@Suite struct FrameBuilderTests {
    @Test func theHeadlessFrameShowsLanesNotesAndTheLog() throws {
        var player = HeadlessPlayer()
        player.size = GridSize(width: 100, height: 30)
        var frames: [String] = []
        player.output = .everyFrame
        player.animates = false  // one frame per step (sub-steps: AnimationTests)
        _ = try player.play(try ScriptParser.parse("""
            title "Frames"
            alloc A 3000
            note "look at the split"
            alloc big 100KiB
            """, file: "f.aviz")) { frames.append($0) }
        #expect(frames.count == 4)
        #expect(frames[0].hasPrefix("── step 0: start ──\n"))
        frames.removeFirst()
        #expect(frames[0].hasPrefix("── step 1: alloc A 3000 ──\n"))
        #expect(frames[0].contains("allocviz · Frames"))
        #expect(frames[0].contains("buddy bitmap"))
        #expect(frames[0].contains("heap segregated"))
        #expect(frames[1].contains("look at the split"))
        #expect(frames[2].hasPrefix("── step 3: alloc big 100KiB  (failed in a lane) ──"))
        #expect(frames[2].contains("FAILED"))
        #expect(frames.allSatisfy { $0.split(separator: "\n").count == 31 })
    }

    @Test func aNoteShowsUntilTheNextOperation() throws {
        let session = try Session()
        try session.perform(.note("one"))
        #expect(SessionFrameBuilder.currentNote(session) == "one")
        try session.perform(.pause)
        #expect(SessionFrameBuilder.currentNote(session) == "one")
        #expect(SessionFrameBuilder.frame(session).note == "one")
        try session.perform(.allocate(handle: "A", size: 1, alignment: nil))
        #expect(SessionFrameBuilder.currentNote(session) == nil)
        session.undo()
        #expect(SessionFrameBuilder.currentNote(session) == "one")
    }

    @Test func highlightsFollowTheLastStepsEvents() throws {
        let session = try Session()
        try session.perform(.allocate(handle: "A", size: 3000, alignment: nil))
        let frame = SessionFrameBuilder.frame(session)
        guard case .buddy(let buddy) = frame.lanes[0].content else { Issue.record("not a buddy"); return }
        #expect(buddy.highlights.filter { $0.kind == .split }.count == 8)
        #expect(buddy.highlights.contains(BuddyHighlight(node: BuddyNodeID(order: 0, index: 0), kind: .allocate)))
        #expect(buddy.source.label(of: BuddyNodeID(order: 0, index: 0)) == "A")
        #expect(buddy.source.requestedBytes(of: BuddyNodeID(order: 0, index: 0)) == 3000)
        guard case .heap(let heap) = frame.lanes[1].content else { Issue.record("not a heap"); return }
        #expect(heap.highlights.contains { $0.kind == .allocate })
        #expect(frame.lanes[0].stats.buddyInfo == [1, 1, 1, 1, 1, 1, 1, 1, 0])
        #expect(frame.log.entries.map(\.operation) == ["alloc A 3000"])
        #expect(frame.status.step == 1)
    }

    @Test func frontEndOptionsReachTheViewModels() throws {
        let session = try Session()
        try session.perform(.allocate(handle: "A", size: 3000, alignment: nil))
        var options = SessionFrameBuilder.Options(mode: .paused)
        options.buddyZoom[0] = BuddyNodeID(order: 3, index: 0)
        options.buddySelection[0] = BuddyNodeID(order: 0, index: 0)
        options.heapRange[1] = 0 ..< 4096
        options.prompt = "alloc size: 12Ki"
        options.highlights = false
        let frame = SessionFrameBuilder.frame(session, options: options)
        guard case .buddy(let buddy) = frame.lanes[0].content, case .heap(let heap) = frame.lanes[1].content else {
            Issue.record("lanes"); return
        }
        #expect(buddy.zoomRoot == BuddyNodeID(order: 3, index: 0))
        #expect(buddy.selection == BuddyNodeID(order: 0, index: 0))
        #expect(buddy.highlights.isEmpty)
        #expect(heap.visibleRange == 0 ..< 4096)
        #expect(frame.status.prompt == "alloc size: 12Ki")
        #expect(frame.status.mode == .paused)
    }

    @Test func theAllocatorBackedSourceAgreesWithTheBlockList() throws {
        let session = try Session(lanes: [try! LaneConfiguration.buddy(name: "b", size: 256 << 10, minimumBlock: 1024)])
        session.performRandom(RandomWorkload(seed: 3, sizes: 1...9000, freePercent: 35), count: 300)
        let allocator = try #require(session.state.lanes[0].allocator.buddy?.allocator)
        let direct = BuddyAllocatorTreeSource(allocator: allocator)
        let list = ArrayBuddyTreeSource(minBlockSize: 1024, maxOrder: 8, blocks: allocator.liveBlocks.map {
            ArrayBuddyTreeSource.Block(offset: $0.offset, order: $0.order)
        })
        #expect(direct.freeBlockCounts() == list.freeBlockCounts())
        for order in 0...8 {
            for index in 0..<(1 << (8 - order)) {
                let node = BuddyNodeID(order: order, index: index)
                #expect(direct.state(of: node) == list.state(of: node))
            }
        }
        for start in stride(from: 0, to: 256 << 10, by: 3000) {
            let range = start ..< min(256 << 10, start + 5000)
            #expect(direct.bytes(in: range).allocated == list.bytes(in: range).allocated)
        }
    }
}
