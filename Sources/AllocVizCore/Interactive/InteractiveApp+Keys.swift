import Allocators

extension InteractiveApp {
    /// Handles one key or terminal event. Returns whether the frame changed.
    @discardableResult
    public func handle(_ key: KeyInput) -> Bool {
        if prompt != nil { return handlePromptKey(key) }
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
        case .character("a"): pauseForManualWork(); prompt = Prompt(kind: .allocate, text: "")
        case .character("f"): pauseForManualWork(); freeSelected()
        case .character("r"): pauseForManualWork(); prompt = Prompt(kind: .reallocate, text: selectedHandle().map { "\($0) " } ?? "")
        case .character("n"): pauseForManualWork(); randomStep()
        case .character("z"): toggleBuddyAutoFocus()
        case .click(let x, let y): return click(x: x, y: y)
        case .wheel(let up, _, _): scrollLog(by: up ? 1 : -1)
        case .resize: break
        default: return false
        }
        return true
    }

    // MARK: playback and history

    private func togglePlay() {
        switch mode {
        case .playing: mode = scriptStepCount == nil ? .manual : .paused
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

    func seek(to step: Int) {
        pausePlayback()
        session.seek(to: step)
        clampSelections()
        message = "at step \(session.position) of \(session.stepCount)"
    }

    private func pausePlayback() {
        if mode == .playing { mode = scriptStepCount == nil ? .manual : .paused }
    }

    /// Manual operations stop playback first (the operation itself then branches off the
    /// timeline at the current step).
    private func pauseForManualWork() { pausePlayback() }

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
                case .up: scrollLog(by: 1)
                case .down: scrollLog(by: -1)
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
        describeSelection(lane: lane)
    }

    private func moveHeap(lane: Int, from offset: Int, _ direction: Direction) {
        guard let heap = session.state.lanes[lane].allocator.heap?.heap else { return }
        let chunks = heap.chunks()
        guard let current = chunks.firstIndex(where: { $0.offset == offset }) ?? chunks.indices.first else { return }
        let step: Int
        switch direction {
        case .left: step = -1
        case .right: step = 1
        case .up: step = -8
        case .down: step = 8
        }
        let next = min(max(0, current + step), chunks.count - 1)
        selections[lane] = .heapChunk(chunks[next].offset)
        scrollHeap(lane: lane, toShow: chunks[next].offset)
        describeSelection(lane: lane)
    }

    private func zoomIn() {
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

    private func scrollLog(by delta: Int) {
        let limit = max(0, min(session.position, SessionFrameBuilder.logLength) - 1)
        logScroll = max(0, min(limit, logScroll + delta))
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
        let record = session.performRandomStep()
        clampSelections()
        message = record.command.description
    }

    /// Applies a command as a manual step, reporting refusals in the status line.
    func perform(_ command: SessionCommand) {
        do {
            let record = try session.perform(command)
            clampSelections()
            message = record.failedSomewhere ? "\(command): failed in some lane (see the log)" : command.description
        } catch {
            message = "refused: \(error.description)"
        }
    }

    // MARK: the prompt

    private func handlePromptKey(_ key: KeyInput) -> Bool {
        guard var current = prompt else { return false }
        switch key {
        case .escape, .control("c"), .control("g"):
            prompt = nil
            message = "cancelled"
        case .enter:
            prompt = nil
            submit(current)
        case .backspace, .delete:
            if !current.text.isEmpty { current.text.removeLast() }
            prompt = current
        case .character(let character):
            if current.text.count < 120 { current.text.append(character) }
            prompt = current
        default:
            return false
        }
        return true
    }

    private func submit(_ prompt: Prompt) {
        switch PromptParser.parse(prompt, nextAutomaticName: session.state.handles.nextAutomaticName) {
        case .success(.command(let command)): perform(command)
        case .success(.seek(let step)): seek(to: step)
        case .failure(let error): message = "\(prompt.label): \(error.description)"
        }
    }

    // MARK: mouse

    private func click(x: Int, y: Int) -> Bool {
        guard let hit = FrameHitTest.hit(model: frameModel(), size: lastSize, x: x, y: y) else { return false }
        switch hit {
        case .lane(let lane, let target):
            focus = .lane(lane)
            switch target {
            case .buddyNode(let node): selections[lane] = .buddyNode(node)
            case .heapOffset(let offset):
                if let chunk = heapChunk(lane: lane, containing: offset) {
                    selections[lane] = .heapChunk(chunk.offset)
                }
            case .none: break
            }
            describeSelection(lane: lane)
        case .stats: focus = .stats
        case .log: focus = .log
        }
        return true
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
