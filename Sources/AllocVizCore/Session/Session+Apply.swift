import Allocators

extension Session {
    /// Applies one legal command to `state` and describes what each lane did.
    static func apply(_ command: SessionCommand, origin: StepOrigin, to state: inout SessionState,
                      recordMetrics: Bool) -> StepRecord {
        var steps: [LaneStep] = []
        steps.reserveCapacity(state.lanes.count)
        for index in state.lanes.indices {
            var events: [LaneEvent] = []
            let outcome: LaneOutcome
            switch command {
            case .allocate(let handle, let size, let alignment):
                outcome = allocate(handle, size: size, alignment: alignment, in: &state.lanes[index], events: &events)
            case .free(let handle, let again):
                outcome = free(handle, again: again, in: &state.lanes[index], events: &events)
            case .reallocate(let handle, let size):
                outcome = reallocate(handle, size: size, in: &state.lanes[index], events: &events)
            case .note, .pause:
                outcome = .idle
            }
            if outcome.isFailure { state.lanes[index].failures += 1 }
            let metrics = recordMetrics ? state.lanes[index].metrics : Self.emptyMetrics
            steps.append(LaneStep(outcome: outcome, events: events, metrics: metrics))
        }
        state.handles.apply(command)
        switch command {
        case .free(let handle, _) where HandleName.automaticNumber(handle) != nil || state.handles.forgetsFreedNames:
            // Automatic handles (and every handle of a played trace) are forgotten once freed,
            // so long random sessions and traces stay small.
            for index in state.lanes.indices { state.lanes[index].setHandle(handle, nil) }
        case .note(let text): state.note = text
        default: break
        }
        return StepRecord(command: command, origin: origin, lanes: steps)
    }

    static let emptyMetrics = FragmentationMetrics(
        capacity: 0, requestedBytes: 0, grantedBytes: 0, freeBytes: 0, largestFreeBlock: 0,
        freeBlockCount: 0, liveBlockCount: 0, sumOfSquaredFreeSizes: 0)

    private static func allocate(_ handle: String, size: Int, alignment: Int?, in lane: inout LaneState,
                                 events: inout [LaneEvent]) -> LaneOutcome {
        switch lane.allocator.allocate(size: size, alignment: alignment, events: &events) {
        case .success(let block):
            lane.setHandle(handle, LaneHandleState(block: block, alignment: alignment))
            lane.requestedBytes += block.requested
            return .done(offset: block.offset)
        case .failure(let failure):
            lane.setHandle(handle, LaneHandleState(alignment: alignment, failed: true))
            return .failed(failure.description)
        }
    }

    private static func free(_ handle: String, again: Bool, in lane: inout LaneState,
                             events: inout [LaneEvent]) -> LaneOutcome {
        let entry = lane.handles[handle] ?? LaneHandleState()
        if !again {
            guard let block = entry.block else {
                let reason = entry.lostTo.map { "\(handle)'s block was already released by the double free of \($0)" }
                    ?? "\(handle) holds no block here (its allocation failed)"
                events.append(LaneEvent(.info, text: "\(reason): nothing to free"))
                return .skipped("\(reason): nothing to free")
            }
            if let failure = lane.allocator.deallocate(block, events: &events) { return .rejected(failure.description) }
            lane.requestedBytes -= block.requested
            lane.updateHandle(handle) { $0.block = nil }
            return .done(offset: block.offset)
        }
        // A deliberate double free: hand the stale block to the allocator again.
        guard let stale = entry.lastBlock else {
            events.append(LaneEvent(.info, text: "\(handle) never held a block here: nothing to free"))
            return .skipped("\(handle) never held a block here: nothing to free")
        }
        if let failure = lane.allocator.deallocate(stale, events: &events) {
            return .rejected("double free of \(handle) caught: \(failure.description)")
        }
        // The allocator accepted it: the block had been handed to another handle since.
        if let victim = lane.owners[stale.offset], let block = lane.handles[victim]?.block {
            lane.requestedBytes -= block.requested
            lane.updateHandle(victim) {
                $0.block = nil
                $0.lostTo = handle
            }
            events.append(LaneEvent(.error, text: "double free of \(handle) released \(victim)'s block at \(DisplayFormat.hex(stale.offset)): \(victim) now dangles",
                                    offset: stale.offset, size: block.granted))
        }
        return .done(offset: stale.offset)
    }

    private static func reallocate(_ handle: String, size: Int, in lane: inout LaneState,
                                   events: inout [LaneEvent]) -> LaneOutcome {
        var entry = lane.handles[handle] ?? LaneHandleState()
        guard let block = entry.block else {
            // realloc(NULL, size) is malloc(size).
            let outcome = allocate(handle, size: size, alignment: entry.alignment, in: &lane, events: &events)
            lane.updateHandle(handle) { $0.lostTo = entry.lostTo }
            return outcome
        }
        switch lane.allocator.reallocate(block, to: size, events: &events) {
        case .success(let result):
            lane.requestedBytes += result.block.requested - block.requested
            entry.block = result.block
            entry.lastBlock = result.block
            entry.failed = false
            entry.moved = result.moved
            lane.setHandle(handle, entry)
            return .done(offset: result.block.offset)
        case .failure(let failure):
            entry.failed = true
            entry.moved = false
            lane.setHandle(handle, entry)
            return .failed(failure.description)
        }
    }
}
