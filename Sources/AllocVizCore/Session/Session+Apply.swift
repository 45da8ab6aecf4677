import Allocators

extension Session {
    /// Applies one legal command to `state` and describes what each lane did.
    static func apply(_ command: SessionCommand, origin: StepOrigin, to state: inout SessionState,
                      recordMetrics: Bool) -> StepRecord {
        let handle = command.handle
        let wasLive = handle.map { state.handles.status(of: $0) == .live } ?? false
        var steps: [LaneStep] = []
        steps.reserveCapacity(state.lanes.count)
        for lane in state.lanes.indices {
            var events: [LaneEvent] = []
            let outcome: LaneOutcome
            switch command {
            case .allocate(let handle, let size, let alignment):
                outcome = allocate(handle, size: size, alignment: alignment, lane: lane, state: &state, events: &events)
            case .free(let handle):
                outcome = free(handle, wasLive: wasLive, lane: lane, state: &state, events: &events)
            case .reallocate(let handle, let size):
                outcome = reallocate(handle, size: size, lane: lane, state: &state, events: &events)
            case .note, .pause:
                outcome = .idle
            }
            if outcome.isFailure { state.failures[lane] += 1 }
            let metrics = recordMetrics ? state.metrics(lane: lane) : Self.emptyMetrics
            steps.append(LaneStep(outcome: outcome, events: events, metrics: metrics))
        }
        switch command {
        case .allocate(let handle, _, _): state.handles.allocate(handle)
        case .free(let handle):
            state.handles.free(handle)
            // Automatic handles are forgotten once freed, so long random sessions stay small.
            if HandleTable.automaticNumber(handle) != nil {
                for lane in state.laneHandles.indices { state.laneHandles[lane][handle] = nil }
            }
        case .note(let text): state.note = text
        case .reallocate, .pause: break
        }
        return StepRecord(command: command, origin: origin, handleWasLive: wasLive, lanes: steps)
    }

    static let emptyMetrics = FragmentationMetrics(
        capacity: 0, requestedBytes: 0, grantedBytes: 0, freeBytes: 0, largestFreeBlock: 0,
        freeBlockCount: 0, liveBlockCount: 0, sumOfSquaredFreeSizes: 0)

    private static func allocate(_ handle: String, size: Int, alignment: Int?, lane: Int,
                                 state: inout SessionState, events: inout [LaneEvent]) -> LaneOutcome {
        switch state.lanes[lane].allocate(size: size, alignment: alignment, events: &events) {
        case .success(let block):
            state.laneHandles[lane][handle] = LaneHandleState(block: block, alignment: alignment)
            state.requestedBytes[lane] += block.requested
            return .done(offset: block.offset)
        case .failure(let failure):
            state.laneHandles[lane][handle] = LaneHandleState(alignment: alignment, failed: true)
            return .failed(failure.description)
        }
    }

    private static func free(_ handle: String, wasLive: Bool, lane: Int,
                             state: inout SessionState, events: inout [LaneEvent]) -> LaneOutcome {
        let entry = state.laneHandles[lane][handle] ?? LaneHandleState()
        if wasLive {
            guard let block = entry.block else {
                let reason = entry.lostTo.map { "\(handle)'s block was already released by the double free of \($0)" }
                    ?? "\(handle) holds no block here (its allocation failed)"
                events.append(LaneEvent(.info, text: "\(reason): nothing to free"))
                return .skipped("\(reason): nothing to free")
            }
            if let failure = state.lanes[lane].deallocate(block, events: &events) { return .rejected(failure.description) }
            state.requestedBytes[lane] -= block.requested
            state.laneHandles[lane][handle]?.block = nil
            return .done(offset: block.offset)
        }
        // A deliberate double free: hand the stale block to the allocator again.
        guard let stale = entry.lastBlock else {
            events.append(LaneEvent(.info, text: "\(handle) never held a block here: nothing to free"))
            return .skipped("\(handle) never held a block here: nothing to free")
        }
        if let failure = state.lanes[lane].deallocate(stale, events: &events) {
            return .rejected("double free of \(handle) caught: \(failure.description)")
        }
        // The allocator accepted it: the block had been handed to another handle since.
        if let victim = state.laneHandles[lane].first(where: { $0.value.block?.offset == stale.offset })?.key,
           let block = state.laneHandles[lane][victim]?.block {
            state.requestedBytes[lane] -= block.requested
            state.laneHandles[lane][victim]?.block = nil
            state.laneHandles[lane][victim]?.lostTo = handle
            events.append(LaneEvent(.error, text: "double free of \(handle) released \(victim)'s block at \(hexString(stale.offset)): \(victim) now dangles",
                                    offset: stale.offset, size: block.granted))
        }
        return .done(offset: stale.offset)
    }

    private static func reallocate(_ handle: String, size: Int, lane: Int,
                                   state: inout SessionState, events: inout [LaneEvent]) -> LaneOutcome {
        var entry = state.laneHandles[lane][handle] ?? LaneHandleState()
        guard let block = entry.block else {
            // realloc(NULL, size) is malloc(size).
            let outcome = allocate(handle, size: size, alignment: entry.alignment, lane: lane, state: &state, events: &events)
            state.laneHandles[lane][handle]?.lostTo = entry.lostTo
            return outcome
        }
        switch state.lanes[lane].reallocate(block, to: size, events: &events) {
        case .success(let result):
            state.requestedBytes[lane] += result.block.requested - block.requested
            entry.block = result.block
            entry.lastBlock = result.block
            entry.failed = false
            entry.moved = result.moved
            state.laneHandles[lane][handle] = entry
            return .done(offset: result.block.offset)
        case .failure(let failure):
            entry.failed = true
            entry.moved = false
            state.laneHandles[lane][handle] = entry
            return .failed(failure.description)
        }
    }
}
