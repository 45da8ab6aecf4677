import Allocators

extension InteractiveApp {
    /// Handles one key or terminal event. Returns whether the frame changed.
    @discardableResult
    public func handle(_ key: KeyInput) -> Bool {
        followSessionInLog()
        if isScreenTooSmall {
            // The "terminal too small" screen shows no panels and no prompt: only quitting
            // (and the resize that ends it) does anything, so no key acts unseen.
            if key == .character("q") || key == .control("c") { quitRequested = true }
            return key == .resize
        }
        // A resize is not a key press: it repaints and leaves everything else as it was (the
        // help stays open, playback stays paused, a prompt or a pending confirmation waits on).
        if key == .resize { return true }
        // Keys act on the selection the last frame showed (see keepBuddySelectionsOnScreen).
        keepBuddySelectionsOnScreen()
        if prompt != nil { return handlePromptKey(key) }
        if let pending = pendingDrop {
            pendingDrop = nil
            message = nil
            if key == pending.key || key == .character("y") {
                manualOperation(pending.key, confirmed: true)
                return true
            }
            if key == .escape {
                message = "kept the \(Self.steps(pending.steps)): ] steps forward through them"
                return true
            }
        }
        if showHelp {
            // Any key closes the help; q still quits.
            showHelp = false
            if key == .character("q") { quitRequested = true }
            return true
        }
        message = nil
        switch key {
        case .character("q"), .control("c"): quitRequested = true
        case .character("?"), .function(1): showHelp = true
        case .escape: break
        case .character(" "): togglePlay()
        case .character("+"), .character("="): changeSpeed(by: 1)
        case .character("-"), .character("_"): changeSpeed(by: -1)
        case .tab: cycleFocus(forward: true)
        case .backTab: cycleFocus(forward: false)
        case .up, .character("k"): move(.up)
        case .down, .character("j"): move(.down)
        case .left, .character("h"): move(.left)
        case .right, .character("l"): move(.right)
        case .pageUp: scrollLog(by: 5)
        case .pageDown: scrollLog(by: -5)
        case .enter: zoomIn()
        case .backspace: zoomOut()
        case .character("u"), .character("["): stepBack()
        case .character("U"), .character("]"): stepForward()
        case .home: seek(to: 0)
        case .end: seek(to: session.stepCount)
        case .character("g"): prompt = Prompt(kind: .seek, text: "")
        case .character("a"), .character("f"), .character("r"), .character("n"): manualOperation(key)
        case .character("s"): toggleAnimation()
        case .character("z"): toggleBuddyAutoFocus()
        case .click(let x, let y): return click(x: x, y: y)
        case .wheel(let up, _, _): scrollLog(by: up ? 1 : -1)
        default: return false
        }
        return true
    }

    // MARK: playback and history

    private func togglePlay() {
        switch mode {
        case .playing: pausePlayback(showingStepEnd: true)
        case .manual, .paused:
            if scriptStepCount != nil && !session.canRedo {
                message = "end of script: nothing left to play"
                return
            }
            mode = .playing
        }
    }

    private func changeSpeed(by delta: Int) {
        let speeds = Self.speeds
        let current = speeds.firstIndex { $0 >= speed } ?? speeds.count - 1
        let next = min(max(0, current + delta), speeds.count - 1)
        speed = speeds[next]
        message = "speed \(Self.formatSpeed(speeds[next])) steps/s"
    }

    static func formatSpeed(_ speed: Double) -> String {
        speed < 1 ? "\(speed)" : "\(Int(speed))"
    }

    private func stepBack() {
        pausePlayback()
        if !session.undo() { message = "at the first step" }
        clampSelections()
    }

    private func stepForward() {
        pausePlayback()
        if !session.redo() { message = "nothing to redo" }
        clampSelections()
    }

    /// Seeks to `step`. A seek more than ``announcedSeekDistance`` steps away is left to
    /// ``performPendingWork()`` after a frame that says it is under way (it replays from a
    /// snapshot: up to a second or two on traces of a million steps).
    func seek(to step: Int) {
        pausePlayback()
        let target = min(max(0, step), session.stepCount)
        let note = step > session.stepCount ? "step \(step) is past the end; " : ""
        guard abs(target - session.position) <= Self.announcedSeekDistance else {
            pendingSeek = (target, note)
            message = "\(note)seeking to step \(target)…"
            return
        }
        seekNow(to: target, note: note)
    }

    /// Steps a seek may cover without a frame announcing it first.
    static let announcedSeekDistance = 20_000

    /// Makes the seek ``seek(to:)`` left pending, if any; returns whether anything changed.
    public func performPendingWork() -> Bool {
        guard let (target, note) = pendingSeek else { return false }
        pendingSeek = nil
        seekNow(to: target, note: note)
        return true
    }

    private func seekNow(to target: Int, note: String) {
        session.seek(to: target)
        clampSelections()
        message = "\(note)at step \(session.position) of \(session.stepCount)"
    }

    /// Whether the last frame painted was the "terminal too small" screen.
    var isScreenTooSmall: Bool {
        lastSize.width < GridSize.minimum.width || lastSize.height < GridSize.minimum.height
    }

    /// `n` steps, in words: `1 later step`, `3 later steps`.
    static func steps(_ count: Int) -> String { count == 1 ? "1 later step" : "\(count) later steps" }

    /// A manual operation key (`a`, `f`, `r`, `n`): stops playback, then, when the operation
    /// would drop redoable steps and the user has not agreed yet, asks instead of acting.
    private func manualOperation(_ key: KeyInput, confirmed: Bool = false) {
        pausePlayback()
        let later = session.stepCount - session.position
        if later > 0 && !confirmed {
            pendingDrop = PendingDrop(key: key, steps: later)
            let name = if case .character(let c) = key { String(c) } else { "the key" }
            message = "this drops \(Self.steps(later)): press \(name) again (or y) to go ahead, Esc to keep them"
            return
        }
        switch key {
        case .character("a"): prompt = Prompt(kind: .allocate, text: "")
        case .character("f"): freeSelected()
        case .character("r"): prompt = Prompt(kind: .reallocate, text: selectedHandle().map { "\($0) " } ?? "")
        case .character("n"): randomStep()
        default: break
        }
    }

    /// What the status line says after a manual step: the step, after how many later steps
    /// it dropped (`dropped` is the count before the step was applied).
    private func reportManualStep(_ text: String, dropped: Int) {
        // The new step replaces the dropped ones: their log entries are no longer expanded.
        if dropped > 0 { expandedLogSteps = expandedLogSteps.filter { $0 < session.position } }
        message = dropped > 0 ? "dropped \(Self.steps(dropped)); \(text)" : text
    }

    // MARK: focus, selection, zoom

    private func cycleFocus(forward: Bool) {
        var order: [FrameViewModel.Focus] = session.configurations.indices.map { .lane($0) }
        order += [.stats, .log]
        let current = order.firstIndex(of: focus) ?? 0
        let next = (current + (forward ? 1 : order.count - 1)) % order.count
        focus = order[next]
    }

    enum Direction { case up, down, left, right }

    private func move(_ direction: Direction) {
        guard let lane = focusedLane else {
            if focus == .log {
                switch direction {
                case .up: selectLogEntry(by: -1)
                case .down: selectLogEntry(by: 1)
                default: break
                }
            }
            return
        }
        switch selections[lane] {
        case .buddyNode(let node): moveBuddy(lane: lane, from: node, direction)
        case .heapChunk(let offset): moveHeap(lane: lane, from: offset, direction)
        case .none: resetSelections()
        }
    }

    private func moveBuddy(lane: Int, from node: BuddyNodeID, _ direction: Direction) {
        let shape = buddyShape(lane: lane)
        let root = zoomRoots[lane] ?? BuddyNodeID(order: shape.maxOrder, index: 0)
        var next = node
        switch direction {
        case .up:
            if node.order < root.order { next = BuddyNodeID(order: node.order + 1, index: node.index >> 1) }
        case .down:
            if let child = node.lowerChild { next = child }
        case .left, .right:
            let span = 1 << (root.order - node.order)
            let first = root.index << (root.order - node.order)
            let delta = direction == .left ? -1 : 1
            next = BuddyNodeID(order: node.order, index: min(max(first, node.index + delta), first + span - 1))
        }
        selections[lane] = .buddyNode(next)
        buddySelectionMoved(lane: lane)
        describeSelection(lane: lane)
    }

    /// Selects the chunk 1 (left, right) or 8 (up, down) chunks away from the one containing
    /// `offset`, stopping at the region's ends.
    /// - Complexity: one heap chunk lookup a chunk moved over (O(1) expected in exact mode).
    private func moveHeap(lane: Int, from offset: Int, _ direction: Direction) {
        guard let heap = session.state.lanes[lane].allocator.heap?.heap, var chunk = heap.chunk(containing: offset) else { return }
        let (count, forward): (Int, Bool)
        switch direction {
        case .left: (count, forward) = (1, false)
        case .right: (count, forward) = (1, true)
        case .up: (count, forward) = (8, false)
        case .down: (count, forward) = (8, true)
        }
        for _ in 0 ..< count {
            guard let next = heap.chunk(containing: forward ? chunk.endOffset : chunk.offset - 1),
                  next.offset != chunk.offset else { break }
            chunk = next
        }
        selections[lane] = .heapChunk(chunk.offset)
        scrollHeap(lane: lane, toShow: chunk.offset)
        describeSelection(lane: lane)
    }

    private func zoomIn() {
        if focus == .log { toggleLogEntry(); return }
        if let lane = focusedLane, case .heapChunk(let offset) = selections[lane] { zoomHeapIn(lane: lane, around: offset); return }
        guard let lane = focusedLane, case .buddyNode(let node) = selections[lane] else { return }
        guard node.order > 0 else { message = "an order-0 block has nothing below it"; return }
        zoomRoots[lane] = node
        message = "zoomed into \(BuddyNodeDescription.text(node, minBlockSize: buddyShape(lane: lane).minBlockSize)); Backspace zooms out"
    }

    private func zoomOut() {
        if let lane = focusedLane, session.state.lanes[lane].allocator.heap != nil { zoomHeapOut(lane: lane); return }
        guard let lane = focusedLane, let root = zoomRoots[lane] else { return }
        let shape = buddyShape(lane: lane)
        let parent = root.parent(maxOrder: shape.maxOrder)
        zoomRoots[lane] = parent?.order == shape.maxOrder ? nil : parent
        if case .buddyNode(let node) = selections[lane], let newRoot = parent, !newRoot.contains(node) {
            selections[lane] = .buddyNode(newRoot)
        }
    }

    /// Puts the selected item's details in the status message.
    func describeSelection(lane: Int) {
        switch selections[lane] {
        case .buddyNode(let node):
            let shape = buddyShape(lane: lane)
            var text = BuddyNodeDescription.text(node, minBlockSize: shape.minBlockSize)
            guard let allocator = session.state.lanes[lane].allocator.buddy?.allocator else { return }
            text += ": " + BuddyNodeDescription.state(allocator.nodeState(order: node.order, index: node.index))
            let offset = node.offset(minBlockSize: shape.minBlockSize)
            if let block = allocator.liveBlock(at: offset), block.order == node.order {
                let name = handle(lane: lane, blockOffset: offset).map { "\($0), " } ?? ""
                text += " (\(name)requested \(SizeLiteral.format(block.requestedBytes)) of \(SizeLiteral.format(block.grantedBytes)))"
            }
            message = text
        case .heapChunk(let offset):
            guard let chunk = heapChunk(lane: lane, containing: offset) else { return }
            var text = "chunk at \(DisplayFormat.hex(offset)), \(chunk.size) B, " + (chunk.isFree ? "free" : "in use")
            if let bin = chunk.bin { text += " in bin \(SessionFrameBuilder.binLabel(bin))" }
            if !chunk.isFree, let name = handle(lane: lane, blockOffset: chunk.contentOffset) { text += ", handle \(name)" }
            message = text
        case .none: break
        }
    }

    /// The handle of the live block selected in the focused lane, if any.
    func selectedHandle() -> String? {
        guard let lane = focusedLane ?? session.configurations.indices.first else { return nil }
        switch selections[lane] {
        case .buddyNode(let node):
            let offset = node.offset(minBlockSize: buddyShape(lane: lane).minBlockSize)
            guard let block = session.state.lanes[lane].allocator.buddy?.allocator.liveBlock(at: offset), block.order == node.order else { return nil }
            return handle(lane: lane, blockOffset: offset)
        case .heapChunk(let offset):
            guard let chunk = heapChunk(lane: lane, containing: offset), !chunk.isFree else { return nil }
            return handle(lane: lane, blockOffset: chunk.contentOffset)
        case .none: return nil
        }
    }

    // MARK: operations

    private func freeSelected() {
        if let name = selectedHandle() {
            perform(.free(handle: name, again: false))
        } else {
            prompt = Prompt(kind: .free, text: "")
        }
    }

    private func randomStep() {
        let dropped = session.stepCount - session.position
        let record = session.performRandomStep()
        clampSelections()
        reportManualStep(record.command.description, dropped: dropped)
    }

    /// Applies a command as a manual step, reporting refusals in the status line.
    func perform(_ command: SessionCommand) {
        let dropped = session.stepCount - session.position
        do {
            let record = try session.perform(command)
            clampSelections()
            reportManualStep(record.failedSomewhere ? "\(command): failed in some lane (see the log)" : command.description, dropped: dropped)
        } catch {
            message = "refused: \(error.description)"
        }
    }
}

/// Human descriptions of buddy nodes for the status line.
enum BuddyNodeDescription {
    static func text(_ node: BuddyNodeID, minBlockSize: Int) -> String {
        "order \(node.order) block at \(DisplayFormat.hex(node.offset(minBlockSize: minBlockSize))) (\(SizeLiteral.format(node.size(minBlockSize: minBlockSize))))"
    }

    static func state(_ state: BuddyNodeState) -> String {
        switch state {
        case .free: return "free"
        case .allocated: return "allocated"
        case .split: return "split"
        case .insideFree: return "inside a free block"
        case .insideAllocated: return "inside an allocated block"
        }
    }
}

/// A manual operation that would drop the redoable steps, waiting for the user's answer.
struct PendingDrop: Equatable {
    /// The operation's key; pressing it again (or `y`) goes ahead.
    var key: KeyInput
    /// How many later steps it would drop.
    var steps: Int
}
