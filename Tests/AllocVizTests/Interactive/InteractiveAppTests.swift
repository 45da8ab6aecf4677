import Testing
import Allocators
@testable import AllocVizCore

@Suite struct InteractiveAppTests {
    private func liveApp() throws -> InteractiveApp {
        InteractiveApp(session: try Session())
    }

    private func type(_ text: String, into app: InteractiveApp) {
        for character in text { app.handle(.character(character)) }
    }

    @Test func allocatePromptAllocatesInEveryLane() throws {
        let app = try liveApp()
        app.handle(.character("a"))
        #expect(app.prompt?.kind == .allocate)
        type("3000 A", into: app)
        app.handle(.enter)
        #expect(app.prompt == nil)
        #expect(app.session.stepCount == 1)
        #expect(app.session.state.handles.status(of: "A") == .live)
        let buddy = app.session.state.lanes[0].allocator.buddy!.allocator
        #expect(buddy.liveBlockCount == 1)
        #expect(buddy.liveBlocks[0].requestedBytes == 3000)
        #expect(app.frame(size: GridSize(width: 100, height: 30)).text.contains("alloc A 3000"))
    }

    @Test func promptWithoutNameUsesAnAutomaticHandleAndAlignment() throws {
        let app = try liveApp()
        app.handle(.character("a"))
        type("64 align=64", into: app)
        app.handle(.enter)
        guard case .allocate(let handle, 64, 64)? = app.session.steps.first?.command else {
            Issue.record("expected an aligned allocation, got \(String(describing: app.session.steps.first?.command))")
            return
        }
        #expect(handle == "@1")  // the first automatic handle
    }

    @Test func badPromptInputExplainsAndChangesNothing() throws {
        let app = try liveApp()
        app.handle(.character("a"))
        type("lots", into: app)
        app.handle(.enter)
        #expect(app.session.stepCount == 0)
        #expect(app.prompt?.error?.contains("'lots' is not a size") == true)
        app.handle(.escape)
        // Escape cancels a prompt without doing anything.
        app.handle(.character("r"))
        type("A 10", into: app)
        app.handle(.escape)
        #expect(app.prompt == nil)
        #expect(app.session.stepCount == 0)
        // Freeing an unknown handle is refused with a message.
        app.handle(.character("f"))
        #expect(app.prompt?.kind == .free)
        type("Z", into: app)
        app.handle(.enter)
        #expect(app.session.stepCount == 0)
        #expect(app.prompt?.error?.contains("unknown handle 'Z'") == true)
    }

    @Test func freeActsOnTheSelectedBlock() throws {
        let app = try liveApp()
        app.handle(.character("a")); type("4KiB A", into: app); app.handle(.enter)
        // Walk the buddy selection down to the order-0 block at offset 0.
        for _ in 0..<8 { app.handle(.character("j")) }
        #expect(app.selections[0] == .buddyNode(BuddyNodeID(order: 0, index: 0)))
        #expect(app.message?.contains("allocated") == true)
        app.handle(.character("f"))
        #expect(app.session.state.handles.status(of: "A") == .freed)
        #expect(app.session.state.lanes[0].allocator.buddy!.allocator.freeBlockCounts.last == 1)
    }

    @Test func undoRedoAndSeekMoveThroughHistory() throws {
        let app = try liveApp()
        for _ in 0..<10 { app.handle(.character("n")) }
        #expect(app.session.position == 10)
        app.handle(.character("u"))
        app.handle(.character("["))
        #expect(app.session.position == 8)
        app.handle(.character("U"))
        #expect(app.session.position == 9)
        app.handle(.home)
        #expect(app.session.position == 0)
        app.handle(.character("g")); type("7", into: app); app.handle(.enter)
        #expect(app.session.position == 7)
        app.handle(.end)
        #expect(app.session.position == 10)
    }

    @Test func spacePlaysRandomOperationsInALiveSession() throws {
        let app = try liveApp()
        app.animates = false  // one tick per step
        #expect(app.stepInterval == nil)
        app.handle(.character(" "))
        #expect(app.mode == .playing)
        let interval = try #require(app.stepInterval)
        app.handle(.character("+"))
        #expect(try #require(app.stepInterval) < interval)
        for _ in 0..<5 { app.tick() }
        #expect(app.session.stepCount == 5)
        app.handle(.character(" "))
        #expect(app.mode == .manual)
        #expect(app.tick() == false)
    }

    @Test func playbackStopsAtPauseAndAtTheEnd() throws {
        let script = try ScriptParser.parse("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            pause
            alloc B 8KiB
            free A
            """)
        let runner = try ScriptRunner(script: script)
        runner.runToEnd()
        let app = InteractiveApp(playing: runner)
        app.animates = false  // one tick per step
        #expect(app.session.position == 0)
        #expect(app.mode == .playing)
        app.tick()  // alloc A
        app.tick()  // pause
        #expect(app.mode == .paused)
        #expect(app.tick() == false)
        app.handle(.character(" "))
        app.tick()
        app.tick()
        #expect(app.session.position == app.scriptStepCount)
        #expect(app.mode == .paused)
        #expect(app.frameModel().status.mode == .finished)
        // Stepping back through a played script and forward again.
        app.handle(.character("["))
        #expect(app.session.position == app.scriptStepCount! - 1)
        app.handle(.character("]"))
        #expect(app.session.position == app.scriptStepCount)
    }

    @Test func playbackReportsExpectationsAsItPassesThem() throws {
        let script = try ScriptParser.parse("""
            buddy 64KiB min=4KiB
            alloc A 4KiB
            expect offset(buddy, A) == 0
            alloc B 4KiB
            expect offset(buddy, B) == 0
            free A
            """)
        let runner = try ScriptRunner(script: script)
        runner.prepareForPlayback()
        let app = InteractiveApp(playing: runner, speed: 16)
        app.animates = false  // one tick per step
        #expect(app.stepInterval == 1.0 / 16)
        app.tick()
        #expect(app.message?.contains("✓ 1 expectation holds") == true)
        app.tick()
        #expect(app.message?.hasPrefix("✗") == true)
        #expect(app.message?.contains("offset(buddy, B)") == true)
    }

    @Test func zoomFollowsTheSelection() throws {
        let app = try liveApp()
        app.handle(.character("j"))  // order 7, lower half
        app.handle(.character("l"))  // order 7, upper half
        app.handle(.enter)
        #expect(app.zoomRoots[0] == BuddyNodeID(order: 7, index: 1))
        #expect(app.frameModel().lanes[0].content.buddyZoomRoot == BuddyNodeID(order: 7, index: 1))
        // Moving left cannot leave the zoomed subtree.
        app.handle(.character("h"))
        #expect(app.selections[0] == .buddyNode(BuddyNodeID(order: 7, index: 1)))
        app.handle(.backspace)
        #expect(app.zoomRoots[0] == nil)
        // Order 0 has nothing to zoom into.
        for _ in 0..<8 { app.handle(.down) }
        app.handle(.enter)
        #expect(app.zoomRoots[0] == nil)
    }

    @Test func tabCyclesPanelsAndHelpClosesOnAnyKey() throws {
        let app = try liveApp()
        #expect(app.focus == .lane(0))
        app.handle(.tab)
        #expect(app.focus == .lane(1))
        app.handle(.tab); app.handle(.tab)
        #expect(app.focus == .log)
        app.handle(.backTab)
        #expect(app.focus == .stats)
        app.handle(.character("?"))
        #expect(app.showHelp)
        #expect(app.frame(size: GridSize(width: 100, height: 30)).text.contains("keys"))
        app.handle(.character("x"))
        #expect(!app.showHelp)
        app.handle(.function(1))
        app.handle(.character("q"))
        #expect(app.quitRequested)
    }

    @Test func clickSelectsTheBuddyNodeUnderTheMouse() throws {
        let app = try liveApp()
        let size = GridSize(width: 120, height: 36)
        let grid = app.frame(size: size)
        // Find the row labelled with order 8 in the buddy panel and click its far right.
        let layout = FrameLayout(size: size, laneCount: 2)
        let rect = layout.lanes[0]
        let y = try #require((rect.y ..< rect.maxY).first { grid.rowText($0).contains(" 8 ") })
        app.handle(.click(x: rect.maxX - 3, y: y + 2 * 1))  // order 7 row (rows are 2 high here)
        guard case .buddyNode(let node) = app.selections[0] else { Issue.record("no buddy selection"); return }
        #expect(node.order == 7)
        #expect(node.index == 1)
        // A click on the heap map selects the chunk under it.
        app.handle(.character("a")); type("2KiB X", into: app); app.handle(.enter)
        _ = app.frame(size: size)
        let heapRect = layout.lanes[1]
        guard case .heap(let heapModel) = app.frameModel().lanes[1].content,
              let map = HeapPanelView.mapGeometry(heapModel, in: heapRect) else { Issue.record("no heap map"); return }
        app.handle(.click(x: map.rect.x + map.labelWidth + map.columns - 1, y: heapRect.y + 1))
        #expect(app.focus == .lane(1))
        guard case .heapChunk(let chunk) = app.selections[1] else { Issue.record("no heap selection"); return }
        #expect(chunk > 2048, "the far right of the first map row lies past the 2 KiB chunk")
        app.handle(.click(x: heapRect.x + 12, y: heapRect.y + 1))
        let first = try #require(app.session.state.lanes[1].allocator.heap?.heap.chunks().first)
        #expect(app.selections[1] == .heapChunk(first.offset))
        #expect(app.message?.contains("handle X") == true)
        // A click in the log focuses it.
        app.handle(.click(x: layout.log.x + 2, y: layout.log.y + 1))
        #expect(app.focus == .log)
    }
}

extension LaneViewModel.Content {
    var buddyZoomRoot: BuddyNodeID? {
        if case .buddy(let model) = self { return model.zoomRoot }
        return nil
    }
}
